SELECT COALESCE(SUM(answers), 0) FROM answer_buckets WHERE bucket >= ?1 / 900000
