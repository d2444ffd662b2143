INSERT INTO sync_files (dir, name, bytes, lines) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (dir, name) DO UPDATE SET bytes = excluded.bytes, lines = excluded.lines
