SELECT EXISTS (SELECT 1 FROM reviews x JOIN cards c ON c.id = x.card_id JOIN decks d ON d.id = c.deck_id
                WHERE x.undo_origin = ?1 AND x.undo_seq = ?2 AND x.reviewed_at = ?3 AND d.name = ?4 AND c.key = ?5)
