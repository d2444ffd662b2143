SELECT card_id, state, due, stability, difficulty, last_review, lapses
FROM card_state ORDER BY card_id
