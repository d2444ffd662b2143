SELECT state, stability, difficulty, due, last_review, reps, lapses, step FROM card_state WHERE card_id = ?1
