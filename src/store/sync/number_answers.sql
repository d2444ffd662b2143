UPDATE reviews SET origin = ?1, seq = ?2 + x.n
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM reviews INDEXED BY reviews_event WHERE origin IS NULL) AS x
 WHERE reviews.id = x.id
