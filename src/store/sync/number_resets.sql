UPDATE resets SET origin = ?1, seq = ?2 + x.n
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM resets INDEXED BY resets_event WHERE origin IS NULL) AS x
 WHERE resets.id = x.id
