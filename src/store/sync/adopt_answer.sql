UPDATE reviews SET origin = ?3, seq = ?4
 WHERE id = (SELECT id FROM reviews WHERE card_id = ?1 AND reviewed_at = ?2 AND origin IS NULL ORDER BY id LIMIT 1)
