SELECT created_at FROM fsrs_parameters ORDER BY created_at DESC, parameters DESC, id DESC LIMIT 1
