SELECT count(*) FROM (SELECT 1 FROM card_state WHERE state = 'review' AND due < ?1 LIMIT ?2)
