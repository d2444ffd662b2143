INSERT OR REPLACE INTO card_aliases (deck, key, card_id)
SELECT d.name, c.key, c.id FROM cards c JOIN decks d ON d.id = c.deck_id
 WHERE c.id = ?1 AND (c.key <> ?2 OR c.deck_id <> ?3)
