UPDATE fsrs_parameters SET origin = ?1, seq = ?2 + x.n
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM fsrs_parameters INDEXED BY fsrs_parameters_event WHERE origin IS NULL) AS x
 WHERE fsrs_parameters.id = x.id
