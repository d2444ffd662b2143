INSERT OR IGNORE INTO card_events (card_id, kind, at, until_day, origin, seq)
SELECT ?1, ?2, ?3, ?4, ?5, ?6
 WHERE NOT EXISTS (SELECT 1 FROM card_events WHERE card_id = ?1 AND kind = ?2 AND at = ?3)
