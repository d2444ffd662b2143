UPDATE reviews SET undo_origin = ?2, undo_seq = ?3 WHERE id = ?1
