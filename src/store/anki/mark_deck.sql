UPDATE decks SET origin = 'anki' WHERE id = ?1 AND origin IS NULL AND NOT EXISTS (SELECT 1 FROM cards WHERE deck_id = ?1 AND source_id IS NOT NULL)
