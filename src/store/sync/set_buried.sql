UPDATE cards SET buried_until = ?2 WHERE id = ?1
