SELECT name FROM decks WHERE id = ?1
