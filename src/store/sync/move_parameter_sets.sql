UPDATE fsrs_parameters SET origin = ?2 WHERE origin = ?1
