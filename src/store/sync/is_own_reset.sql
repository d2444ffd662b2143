SELECT EXISTS (SELECT 1 FROM resets WHERE origin = ?1 AND seq = ?2 AND reset_at = ?3)
