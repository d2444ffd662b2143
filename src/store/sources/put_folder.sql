INSERT INTO note_folders (path, deck, flags, imported_at) VALUES (?1, ?2, ?3, ?4)
ON CONFLICT (path) DO UPDATE SET deck = excluded.deck, flags = excluded.flags,
    imported_at = excluded.imported_at
