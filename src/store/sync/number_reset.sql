UPDATE resets SET origin = ?2, seq = ?3 WHERE id = ?1
