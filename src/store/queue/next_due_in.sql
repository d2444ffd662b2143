SELECT MIN(s.due)
  FROM card_state s
  JOIN cards c ON c.id = s.card_id
  JOIN decks d ON d.id = c.deck_id
 WHERE s.state IN ('learning', 'review', 'relearning') AND s.due >= ?4 AND
