SELECT id FROM reviews WHERE card_id = ?1 AND reviewed_at = ?2
