UPDATE resets SET origin = ?2 WHERE origin = ?1
