WITH of_log AS MATERIALIZED (SELECT * FROM answer_buckets_of_log)
SELECT (SELECT COUNT(*) FROM (SELECT * FROM of_log EXCEPT SELECT * FROM answer_buckets))
     + (SELECT COUNT(*) FROM (SELECT * FROM answer_buckets EXCEPT SELECT * FROM of_log))
