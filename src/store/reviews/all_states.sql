SELECT card_id, state, stability, difficulty, due, last_review, reps, lapses, step FROM card_state ORDER BY card_id
