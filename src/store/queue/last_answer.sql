SELECT r.id, r.card_id, r.reviewed_at, r.rating, d.name, c.question
  FROM memory_answers r JOIN cards c ON c.id = r.card_id JOIN decks d ON d.id = c.deck_id
 ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1
