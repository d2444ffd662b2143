SELECT coalesce(
    (SELECT c.id FROM decks d JOIN cards c ON c.deck_id = d.id AND c.key = ?2 WHERE d.name = ?1),
    (SELECT a.card_id FROM card_aliases a WHERE a.deck = ?1 AND a.key = ?2))
