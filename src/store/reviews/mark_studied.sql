UPDATE cards SET studied = 1 WHERE id = ?1 AND studied = 0
