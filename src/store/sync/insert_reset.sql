INSERT OR IGNORE INTO resets (card_id, reset_at, origin, seq)
SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM resets WHERE card_id = ?1 AND reset_at = ?2)
