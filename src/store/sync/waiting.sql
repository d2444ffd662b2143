SELECT w.origin, w.seq, w.line FROM sync_waiting w
  JOIN decks d ON d.name = w.deck JOIN cards c ON c.deck_id = d.id AND c.key = w.key
 WHERE (w.origin, w.seq) > (?1, ?2) ORDER BY w.origin, w.seq LIMIT ?3
