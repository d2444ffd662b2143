UPDATE card_renames SET origin = ?1, seq = ?2 + x.n
  FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM card_renames INDEXED BY card_renames_event WHERE origin IS NULL) AS x
 WHERE card_renames.id = x.id
