UPDATE card_renames SET origin = ?2 WHERE origin = ?1
