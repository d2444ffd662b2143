SELECT card_id, reviewed_at, rating, duration_ms, state_before, state_after, due_after FROM counted_answers ORDER BY card_id, reviewed_at, id
