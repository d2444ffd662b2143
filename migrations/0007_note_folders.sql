-- Folders imported whole: the sync before a review walks them again, so new notes come in and
-- notes deleted from them retire their cards.
CREATE TABLE note_folders (
    path        TEXT PRIMARY KEY,                -- absolute path of the folder
    deck        TEXT,                            -- `--deck` given for the whole folder, if any
    flags       TEXT NOT NULL DEFAULT '{}',      -- the command-line card settings (JSON)
    imported_at INTEGER NOT NULL
) WITHOUT ROWID;

-- A note file found deleted: its cards were retired (kept, with their history) and come back if
-- the file does; its next import reads it whatever its size and time.
ALTER TABLE sources ADD COLUMN gone_at INTEGER;
