FROM cards c
 JOIN decks d ON d.id = c.deck_id
 LEFT JOIN card_state s ON s.card_id = c.id
 LEFT JOIN sources src ON src.id = c.source_id
WHERE c.id = ?4 AND
