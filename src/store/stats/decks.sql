SELECT id, name FROM decks ORDER BY name
