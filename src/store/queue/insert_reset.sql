INSERT INTO resets (card_id, reset_at) VALUES (?1, ?2)
