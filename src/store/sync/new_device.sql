INSERT INTO sync_devices (device, name) VALUES (lower(hex(randomblob(8))), ?1) RETURNING id, device
