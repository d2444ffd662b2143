DELETE FROM answer_buckets;
INSERT INTO answer_buckets SELECT * FROM answer_buckets_of_log;
