 WHERE x.undo_origin = ?1 AND x.undo_seq > ?2 ORDER BY x.undo_seq
