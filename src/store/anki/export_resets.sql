SELECT card_id, reset_at FROM resets ORDER BY card_id, reset_at
