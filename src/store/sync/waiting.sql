SELECT w.origin, w.seq, w.line FROM sync_waiting w
 WHERE (w.origin, w.seq) > (?1, ?2)
   AND (EXISTS (SELECT 1 FROM decks d JOIN cards c ON c.deck_id = d.id AND c.key = w.key
                 WHERE d.name = w.deck)
        OR EXISTS (SELECT 1 FROM card_aliases a WHERE a.deck = w.deck AND a.key = w.key))
 ORDER BY w.origin, w.seq LIMIT ?3
