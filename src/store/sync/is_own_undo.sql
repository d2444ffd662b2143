SELECT EXISTS (SELECT 1 FROM reviews WHERE undo_origin = ?1 AND undo_seq = ?2 AND reviewed_at = ?3)
