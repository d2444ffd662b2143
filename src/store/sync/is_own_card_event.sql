SELECT EXISTS (SELECT 1 FROM card_events WHERE origin = ?1 AND seq = ?2 AND at = ?3)
