ORDER BY (?5 - s.last_review) * 1.0 / s.stability DESC, c.id
