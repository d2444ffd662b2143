SELECT s.device_id, d.device, d.name, s.numbered, s.file_bytes, s.dir, s.synced_at, s.received
  FROM sync_self s JOIN sync_devices d ON d.id = s.device_id
