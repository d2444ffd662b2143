SELECT COALESCE(SUM(state_before = 'new'), 0), COALESCE(SUM(state_before IN ('review', 'relearning')), 0) FROM reviews WHERE reviewed_at >= ?1 AND reviewed_at < ?2 AND undone_at IS NULL
