INSERT OR IGNORE INTO sync_waiting (origin, seq, line) VALUES (?1, ?2, ?3)
