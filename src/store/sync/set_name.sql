UPDATE sync_devices SET name = ?2 WHERE id = ?1
