SELECT d.name,
      COALESCE(SUM(s.due <= ?1), 0),
      COALESCE(SUM(s.due > ?1 AND s.due < ?2), 0),
      COALESCE(SUM(s.due >= ?2 AND s.due < ?3), 0),
      MIN(CASE WHEN s.due > ?1 THEN s.due END)
 FROM card_state s
 JOIN cards c ON c.id = s.card_id AND c.retired_at IS NULL AND c.suspended = 0
 JOIN decks d ON d.id = c.deck_id
WHERE s.state <> 'new'
GROUP BY d.id
ORDER BY d.name
