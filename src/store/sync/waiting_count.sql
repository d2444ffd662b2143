SELECT COUNT(*) FROM sync_waiting
