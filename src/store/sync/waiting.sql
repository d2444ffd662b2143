SELECT w.origin, w.seq, w.line FROM sync_waiting w
 WHERE (w.origin, w.seq) > (?1, ?2)
   AND (EXISTS (SELECT 1 FROM decks d JOIN cards c ON c.deck_id = d.id AND c.key = w.key
                 WHERE d.name = w.deck)
        OR EXISTS (SELECT 1 FROM card_aliases a WHERE a.deck = w.deck AND a.key = w.key)
        OR EXISTS (SELECT 1 FROM decks d JOIN cards c ON c.deck_id = d.id AND c.key = w.alt_key
                    WHERE d.name = w.alt_deck)
        OR EXISTS (SELECT 1 FROM card_aliases a WHERE a.deck = w.alt_deck AND a.key = w.alt_key))
 ORDER BY w.origin, w.seq LIMIT ?3
