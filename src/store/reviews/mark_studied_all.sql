UPDATE cards SET studied = (id IN (SELECT card_id FROM card_state WHERE state <> 'new'))
