SELECT path, id, deck_id, content_hash, settings_hash, size, mtime_ms, imported_at, flags, gone_at FROM sources
