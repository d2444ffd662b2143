-- The review session: undo keeps the log append-only, burying hides a card for the day.

-- An answer taken back with `u`: the row stays (the log is append-only) and is ignored from
-- then on.
ALTER TABLE reviews ADD COLUMN undone_at INTEGER;

-- Hidden from review until this study day (bury, or a sibling answered today).
ALTER TABLE cards ADD COLUMN buried_until INTEGER;

-- The command-line card settings a note file was imported with (JSON), so that the sync
-- before a review session re-imports it the same way.
ALTER TABLE sources ADD COLUMN flags TEXT NOT NULL DEFAULT '{}';

-- Has the card ever been answered? (A new card has no card_state row; this flag lets the
-- session find the next new cards through a small index instead of scanning every card.)
ALTER TABLE cards ADD COLUMN studied INTEGER NOT NULL DEFAULT 0;
UPDATE cards SET studied = 1 WHERE id IN (SELECT card_id FROM card_state WHERE state <> 'new');
CREATE INDEX cards_new ON cards (deck_id, source_id, position) WHERE studied = 0;

-- Picking the day's reviews reads only this index: state, due date, and what retrievability
-- is computed from.
DROP INDEX card_state_due;
CREATE INDEX card_state_due ON card_state (state, due, last_review, stability);

-- `recall reset`: a card's schedule forgotten (it is New again). Append-only, like reviews:
-- rebuilding the schedule from the log starts such a card over at its last reset.
CREATE TABLE resets (
    id       INTEGER PRIMARY KEY,
    card_id  INTEGER NOT NULL REFERENCES cards(id),
    reset_at INTEGER NOT NULL
);
CREATE INDEX resets_card ON resets (card_id, reset_at);

-- When the card was last reviewed before this answer: with due_before, the interval the card
-- was on (young < 21 days ≤ mature), which statistics need.
ALTER TABLE reviews ADD COLUMN last_review_before INTEGER;
