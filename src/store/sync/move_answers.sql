UPDATE reviews SET origin = ?2 WHERE origin = ?1
