UPDATE fsrs_parameters SET origin = ?3, seq = ?4 WHERE id = (SELECT id FROM fsrs_parameters WHERE created_at = ?1 AND parameters = ?2 AND origin IS NULL LIMIT 1)
