INSERT INTO sync_devices (device, name) VALUES (?1, ?2)
ON CONFLICT (device) DO UPDATE SET name = CASE WHEN excluded.name <> '' THEN excluded.name ELSE name END
RETURNING id
