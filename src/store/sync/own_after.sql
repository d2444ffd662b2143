 WHERE x.origin = ?1 AND x.seq > ?2
