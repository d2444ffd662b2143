UPDATE cards SET buried_until = NULL WHERE id = ?1
