INSERT OR IGNORE INTO card_aliases (deck, key, card_id) VALUES (?1, ?2, ?3)
