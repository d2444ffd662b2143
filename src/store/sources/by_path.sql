SELECT id, deck_id, content_hash, settings_hash, size, mtime_ms, imported_at, flags FROM sources WHERE path = ?1
