UPDATE reviews SET undone_at = ?2, undo_origin = ?3, undo_seq = ?4
 WHERE id = ?1 AND (undone_at IS NULL OR undone_at > ?2)
