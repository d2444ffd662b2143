INSERT OR IGNORE INTO fsrs_parameters (created_at, parameters, items, cards, origin, seq)
SELECT ?1, ?2, ?3, ?4, ?5, ?6
 WHERE NOT EXISTS (SELECT 1 FROM fsrs_parameters WHERE created_at = ?1 AND parameters = ?2)
