SELECT d.name,
       COUNT(c.id),
       COALESCE(SUM(COALESCE(s.state, 'new') = 'new' AND c.suspended = 0), 0),
       COALESCE(SUM(COALESCE(s.state, 'new') <> 'new' AND c.suspended = 0 AND s.due <= ?1), 0),
       COALESCE(SUM(c.suspended), 0),
       d.origin
  FROM decks d
  LEFT JOIN cards c ON c.deck_id = d.id AND c.retired_at IS NULL
  LEFT JOIN card_state s ON s.card_id = c.id
 GROUP BY d.id
HAVING COUNT(c.id) > 0
 ORDER BY d.name
