DELETE FROM card_state
