SELECT id, deck_id FROM cards WHERE key = ?1 AND source_id IS NULL ORDER BY id LIMIT 1
