SELECT id, path, content_hash FROM sources
WHERE gone_at IS NULL AND substr(path, 1, length(?1)) = ?1
ORDER BY path
