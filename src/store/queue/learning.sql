FROM card_state s
 JOIN cards c ON c.id = s.card_id
 JOIN decks d ON d.id = c.deck_id
 LEFT JOIN sources src ON src.id = c.source_id
WHERE s.state IN ('learning', 'relearning') AND s.due < ?4 AND
