SELECT card_id, reviewed_at, rating, duration_ms, state_before, state_after, due_after FROM reviews WHERE undone_at IS NULL ORDER BY card_id, reviewed_at, id
