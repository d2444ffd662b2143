INSERT OR IGNORE INTO sync_waiting (origin, seq, line, deck, key) VALUES (?1, ?2, ?3, ?4, ?5)
