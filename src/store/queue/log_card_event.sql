INSERT INTO card_events (card_id, kind, at, until_day)
VALUES (?1, ?2, max(?3, coalesce((SELECT MAX(at) + 1 FROM card_events WHERE card_id = ?1), ?3)), ?4)
