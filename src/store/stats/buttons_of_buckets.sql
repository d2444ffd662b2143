SELECT COALESCE(SUM(again - (young - young_passed) - (mature - mature_passed)), 0),
       COALESCE(SUM(learning_hard), 0), COALESCE(SUM(learning_good), 0),
       COALESCE(SUM(learning_easy), 0),
       COALESCE(SUM((young - young_passed) + (mature - mature_passed)), 0),
       COALESCE(SUM(review_hard), 0), COALESCE(SUM(review_good), 0),
       COALESCE(SUM(review_easy), 0)
  FROM answer_buckets WHERE bucket >= ?1
