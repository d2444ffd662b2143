FROM card_state s
 JOIN cards c ON c.id = s.card_id
 JOIN decks d ON d.id = c.deck_id
 LEFT JOIN sources src ON src.id = c.source_id
WHERE c.id IN (SELECT value FROM json_each(?4)) AND
