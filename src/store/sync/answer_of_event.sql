SELECT id FROM reviews WHERE origin = ?1 AND seq = ?2
