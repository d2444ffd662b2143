SELECT COALESCE(SUM(answers), 0) FROM answer_buckets
