UPDATE sources SET gone_at = ?2, content_hash = '', size = -1, mtime_ms = NULL WHERE id = ?1
