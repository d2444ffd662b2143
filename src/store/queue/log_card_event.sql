INSERT INTO card_events (card_id, kind, at, until_day) VALUES (?1, ?2, ?3, ?4)
