SELECT reviewed_at FROM reviews WHERE reviewed_at >= ?1 AND undone_at IS NULL ORDER BY reviewed_at
