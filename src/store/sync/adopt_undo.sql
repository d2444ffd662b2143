UPDATE reviews SET undo_origin = ?3, undo_seq = ?4
 WHERE id = (SELECT id FROM reviews WHERE card_id = ?1 AND reviewed_at = ?2 AND undone_at IS NOT NULL
                AND undo_origin IS NULL ORDER BY id LIMIT 1)
