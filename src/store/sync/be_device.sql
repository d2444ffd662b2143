INSERT INTO sync_self (id, device_id) VALUES (1, ?1)
ON CONFLICT (id) DO UPDATE SET device_id = excluded.device_id, numbered = 0, file_bytes = 0
