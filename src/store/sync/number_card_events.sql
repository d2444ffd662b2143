UPDATE card_events SET origin = ?1, seq = ?2 + x.n
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM card_events INDEXED BY card_events_event WHERE origin IS NULL) AS x
 WHERE card_events.id = x.id
