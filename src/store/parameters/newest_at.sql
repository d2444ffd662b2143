SELECT created_at FROM fsrs_parameters ORDER BY id DESC LIMIT 1
