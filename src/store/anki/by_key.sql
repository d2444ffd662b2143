SELECT id, deck_id FROM cards WHERE key = ?1 AND source_id IS NULL ORDER BY deck_id = ?2 DESC, retired_at IS NOT NULL, id LIMIT 1
