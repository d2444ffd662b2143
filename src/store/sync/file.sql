SELECT bytes, lines FROM sync_files WHERE dir = ?1 AND name = ?2
