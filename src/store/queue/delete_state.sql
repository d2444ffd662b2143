DELETE FROM card_state WHERE card_id = ?1
