INSERT OR IGNORE INTO sync_waiting (origin, seq, line, deck, key, alt_deck, alt_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
