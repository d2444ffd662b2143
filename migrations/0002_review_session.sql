-- The review session: undo keeps the log append-only, burying hides a card for the day.

-- An answer taken back with `u`: the row stays (the log is append-only) and is ignored from
-- then on.
ALTER TABLE reviews ADD COLUMN undone_at INTEGER;

-- Hidden from review until this study day (bury, or a sibling answered today).
ALTER TABLE cards ADD COLUMN buried_until INTEGER;

-- The command-line card settings a note file was imported with (JSON), so that the sync
-- before a review session re-imports it the same way.
ALTER TABLE sources ADD COLUMN flags TEXT NOT NULL DEFAULT '{}';
