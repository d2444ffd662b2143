UPDATE card_events SET origin = ?4, seq = ?5 WHERE id = (SELECT id FROM card_events WHERE card_id = ?1 AND kind = ?2 AND at = ?3 AND origin IS NULL LIMIT 1)
