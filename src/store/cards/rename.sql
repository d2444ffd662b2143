INSERT INTO card_renames (card_id, from_deck, from_key, to_deck, to_key, at)
SELECT c.id, d.name, c.key, (SELECT name FROM decks WHERE id = ?3), ?2, ?4
  FROM cards c JOIN decks d ON d.id = c.deck_id
 WHERE c.id = ?1 AND (c.key <> ?2 OR c.deck_id <> ?3)
