UPDATE reviews SET undo_origin = ?1, undo_seq = ?2 + x.n
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM reviews
         WHERE undone_at IS NOT NULL AND undo_origin IS NULL) AS x
 WHERE reviews.id = x.id
