SELECT origin, seq, line FROM sync_waiting WHERE (origin, seq) > (?1, ?2) ORDER BY origin, seq LIMIT ?3
