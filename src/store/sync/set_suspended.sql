UPDATE cards SET suspended = ?2 WHERE id = ?1
