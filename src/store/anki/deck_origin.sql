SELECT origin FROM decks WHERE name = ?1
