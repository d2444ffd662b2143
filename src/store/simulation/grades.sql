SELECT state_before = 'new', rating, COUNT(*) FROM counted_answers
WHERE state_before = 'new' OR (state_before = 'review' AND rating > 1)
GROUP BY 1, 2
