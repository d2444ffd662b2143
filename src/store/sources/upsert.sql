INSERT INTO sources (path, deck_id, content_hash, settings_hash, size, mtime_ms, imported_at, flags)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
ON CONFLICT (path) DO UPDATE SET
    deck_id = excluded.deck_id, content_hash = excluded.content_hash,
    settings_hash = excluded.settings_hash, size = excluded.size,
    mtime_ms = excluded.mtime_ms, imported_at = excluded.imported_at, flags = excluded.flags,
    gone_at = NULL
RETURNING id
