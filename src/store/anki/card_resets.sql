SELECT reset_at FROM resets WHERE card_id = ?1 ORDER BY reset_at
