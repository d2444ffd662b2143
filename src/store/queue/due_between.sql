SELECT due FROM card_state WHERE state = 'review' AND due >= ?1 AND due < ?2
