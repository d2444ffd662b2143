SELECT r.id, r.card_id, r.reviewed_at, r.rating, d.name, c.question
  FROM reviews r JOIN cards c ON c.id = r.card_id JOIN decks d ON d.id = c.deck_id
 WHERE r.undone_at IS NULL
   AND NOT EXISTS (SELECT 1 FROM resets x WHERE x.card_id = r.card_id AND x.reset_at >= r.reviewed_at)
 ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1
