SELECT id, deck_id FROM cards
