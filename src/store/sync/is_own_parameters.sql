SELECT EXISTS (SELECT 1 FROM fsrs_parameters WHERE origin = ?1 AND seq = ?2 AND created_at = ?3)
