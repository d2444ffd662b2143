SELECT EXISTS (SELECT 1 FROM card_renames WHERE origin = ?1 AND seq = ?2 AND at = ?3)
