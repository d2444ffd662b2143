UPDATE card_events SET origin = ?2 WHERE origin = ?1
