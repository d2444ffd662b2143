SELECT path, deck, flags FROM note_folders ORDER BY path
