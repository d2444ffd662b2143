INSERT OR IGNORE INTO block_refs (source_id, id) VALUES (?1, ?2)
