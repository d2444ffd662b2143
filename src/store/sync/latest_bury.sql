SELECT CASE kind WHEN 'bury' THEN until_day END FROM card_events
 WHERE card_id = ?1 AND kind IN ('bury', 'unbury') ORDER BY at DESC, kind DESC, until_day DESC LIMIT 1
