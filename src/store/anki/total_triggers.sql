SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'reviews' AND name LIKE 'answer_buckets_%' ORDER BY name
