INSERT OR IGNORE INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before,
    stability_before, difficulty_before, due_before, last_review_before, state_after,
    stability_after, difficulty_after, due_after, step_after, origin, seq)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
