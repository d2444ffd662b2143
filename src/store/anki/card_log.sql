SELECT reviewed_at, rating, undone_at IS NOT NULL, due_after, state_after, step_after FROM reviews WHERE card_id = ?1 ORDER BY reviewed_at, id
