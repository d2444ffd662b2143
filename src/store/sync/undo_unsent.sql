 WHERE x.undone_at IS NOT NULL AND x.undo_origin IS NULL
