UPDATE cards SET studied = 0 WHERE id = ?1
