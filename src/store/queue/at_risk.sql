SELECT card_id FROM card_state
WHERE state = 'review' AND due < ?1
ORDER BY (?2 - last_review) * 1.0 / stability DESC, card_id LIMIT ?3
