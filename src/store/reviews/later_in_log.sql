SELECT EXISTS (SELECT 1 FROM reviews WHERE card_id = ?1 AND reviewed_at >= ?2) OR EXISTS (SELECT 1 FROM resets WHERE card_id = ?1 AND reset_at >= ?2)
