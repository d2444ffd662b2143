FROM decks d
 JOIN cards c ON c.deck_id = d.id AND c.studied = 0
 LEFT JOIN card_state s ON s.card_id = c.id
 LEFT JOIN sources src ON src.id = c.source_id
WHERE
