UPDATE reviews SET undone_at = ?2, undo_origin = coalesce(undo_origin, ?3),
                   undo_seq = CASE WHEN undo_origin IS NULL THEN ?4 ELSE undo_seq END
 WHERE id = ?1 AND (undone_at IS NULL OR undone_at > ?2)
