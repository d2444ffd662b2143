SELECT x.id, d.name, c.key, x.at, x.kind, x.until_day, x.seq
  FROM card_events x JOIN cards c ON c.id = x.card_id JOIN decks d ON d.id = c.deck_id
