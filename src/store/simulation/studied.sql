SELECT s.card_id, s.stability, s.difficulty, s.last_review, s.due, s.lapses
 FROM card_state s JOIN cards c ON c.id = s.card_id
WHERE c.suspended = 0 AND c.retired_at IS NULL AND s.state <> 'new'
  AND s.stability IS NOT NULL AND s.last_review IS NOT NULL AND s.due IS NOT NULL
