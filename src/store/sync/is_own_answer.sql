SELECT EXISTS (SELECT 1 FROM reviews WHERE origin = ?1 AND seq = ?2 AND reviewed_at = ?3)
