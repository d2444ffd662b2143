SELECT id FROM reviews WHERE origin = ?1 AND seq = ?2 AND card_id = ?3 AND reviewed_at = ?4
