UPDATE resets SET origin = ?3, seq = ?4 WHERE id = (SELECT id FROM resets WHERE card_id = ?1 AND reset_at = ?2 AND origin IS NULL LIMIT 1)
