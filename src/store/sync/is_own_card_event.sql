SELECT EXISTS (SELECT 1 FROM card_events x JOIN cards c ON c.id = x.card_id JOIN decks d ON d.id = c.deck_id
                WHERE x.origin = ?1 AND x.seq = ?2 AND x.at = ?3 AND d.name = ?4 AND c.key = ?5)
