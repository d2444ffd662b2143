SELECT kind = 'suspend' FROM card_events WHERE card_id = ?1 AND kind IN ('suspend', 'unsuspend')
 ORDER BY at DESC, kind DESC LIMIT 1
