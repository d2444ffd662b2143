SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'answer_buckets_answer'
