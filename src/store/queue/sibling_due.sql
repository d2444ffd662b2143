SELECT s.due FROM cards c
 JOIN cards o ON o.source_id = c.source_id AND o.sibling_line = c.sibling_line
              AND o.id <> c.id AND o.retired_at IS NULL
 JOIN card_state s ON s.card_id = o.id
WHERE c.id = ?1 AND s.state = 'review'
