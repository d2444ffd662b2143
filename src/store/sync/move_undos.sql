UPDATE reviews SET undo_origin = ?2 WHERE undo_origin = ?1
