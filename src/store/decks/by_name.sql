SELECT id FROM decks WHERE name = ?1
