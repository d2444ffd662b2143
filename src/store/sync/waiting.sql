SELECT origin, seq, line FROM sync_waiting ORDER BY origin, seq
