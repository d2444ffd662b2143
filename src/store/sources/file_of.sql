SELECT s.path, d.name FROM sources s JOIN decks d ON d.id = s.deck_id WHERE s.id = ?1
