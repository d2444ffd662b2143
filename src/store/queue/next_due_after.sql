SELECT s.due FROM card_state s JOIN cards c ON c.id = s.card_id WHERE s.state = ?1 AND s.due >= ?2 AND c.retired_at IS NULL AND c.suspended = 0 ORDER BY s.due LIMIT 1
