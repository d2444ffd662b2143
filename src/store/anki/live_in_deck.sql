SELECT id, key FROM cards WHERE deck_id = ?1 AND source_id IS NULL AND retired_at IS NULL
