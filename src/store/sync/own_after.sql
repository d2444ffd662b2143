 WHERE x.origin = ?1 AND x.seq > ?2 ORDER BY x.seq
