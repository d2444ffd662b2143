UPDATE card_renames SET origin = ?3, seq = ?4 WHERE id = (SELECT id FROM card_renames WHERE card_id = ?1 AND at = ?2 AND origin IS NULL LIMIT 1)
