DELETE FROM temp.staged_cards
