INSERT INTO block_ids (id, source_id, text) VALUES (?1, ?2, ?3)
ON CONFLICT (id) DO UPDATE SET source_id = excluded.source_id,
                               text = excluded.text
