SELECT c.id FROM decks d JOIN cards c ON c.deck_id = d.id AND c.key = ?2 WHERE d.name = ?1
