INSERT INTO card_renames (card_id, from_deck, from_key, to_deck, to_key, at, origin, seq)
SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8
 WHERE NOT EXISTS (SELECT 1 FROM card_renames WHERE origin = ?7 AND seq = ?8)
