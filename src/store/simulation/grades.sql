SELECT state_before = 'new', rating, COUNT(*) FROM reviews
WHERE undone_at IS NULL AND (state_before = 'new' OR (state_before = 'review' AND rating > 1))
GROUP BY 1, 2
