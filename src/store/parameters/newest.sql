SELECT id, parameters FROM fsrs_parameters ORDER BY id DESC LIMIT 1
