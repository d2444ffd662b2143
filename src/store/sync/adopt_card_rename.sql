UPDATE card_renames SET origin = ?3, seq = ?4
 WHERE id = (SELECT id FROM card_renames
              WHERE card_id = ?1 AND at = ?2 AND to_deck = ?5 AND to_key = ?6 AND origin IS NULL
              ORDER BY id LIMIT 1)
