SELECT x.id, d.name, c.key, x.reset_at, x.seq
  FROM resets x JOIN cards c ON c.id = x.card_id JOIN decks d ON d.id = c.deck_id
