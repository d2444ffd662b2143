DELETE FROM sync_waiting WHERE origin = ?1 AND seq = ?2
