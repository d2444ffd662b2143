DELETE FROM note_folders WHERE substr(path, 1, length(?1)) = ?1
