SELECT COALESCE(SUM(state_before = 'new'), 0), COALESCE(SUM(state_before IN ('review', 'relearning')), 0) FROM counted_answers WHERE reviewed_at >= ?1 AND reviewed_at < ?2
