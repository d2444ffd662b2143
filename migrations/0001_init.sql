-- recall's first schema. Times are Unix milliseconds (UTC).
-- The review log is the source of truth; card_state is a cache rebuildable from it.

CREATE TABLE decks (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,            -- `python`, `vault/lang/python`
    created_at  INTEGER NOT NULL
);

-- A note file that was imported.
CREATE TABLE sources (
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL UNIQUE,           -- absolute path of the note file
    deck_id      INTEGER NOT NULL REFERENCES decks(id),
    content_hash  TEXT NOT NULL,                 -- of the file's bytes
    settings_hash TEXT NOT NULL,                 -- of the extraction settings and rules used
    size         INTEGER NOT NULL,
    mtime_ms     INTEGER,
    imported_at  INTEGER NOT NULL
);

CREATE TABLE cards (
    id          INTEGER PRIMARY KEY,
    deck_id     INTEGER NOT NULL REFERENCES decks(id),
    key         TEXT NOT NULL,                   -- stable identity within the deck (16 hex digits)
    kind        TEXT NOT NULL CHECK (kind IN ('basic', 'cloze')),
    question    TEXT NOT NULL,
    answer      TEXT NOT NULL,
    context     TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '',        -- a JSON array of strings ('' is none)
    source_id   INTEGER REFERENCES sources(id),
    line        INTEGER NOT NULL,
    position    INTEGER NOT NULL,                -- order in its note: new cards are learned in it
    suspended   INTEGER NOT NULL DEFAULT 0,
    retired_at  INTEGER,                         -- no longer in the notes: hidden, never deleted
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    UNIQUE (deck_id, key)
);
CREATE INDEX cards_source ON cards (source_id, position);

-- One row per answer, append-only.
CREATE TABLE reviews (
    id                INTEGER PRIMARY KEY,       -- unique; rows are never deleted, so never reused
    card_id           INTEGER NOT NULL REFERENCES cards(id),
    reviewed_at       INTEGER NOT NULL,
    rating            INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
    duration_ms       INTEGER NOT NULL,
    state_before      TEXT NOT NULL,             -- new | learning | review | relearning
    stability_before  REAL,
    difficulty_before REAL,
    due_before        INTEGER,
    state_after       TEXT NOT NULL,
    stability_after   REAL,
    difficulty_after  REAL,
    due_after         INTEGER
);
CREATE INDEX reviews_card ON reviews (card_id, reviewed_at);
CREATE INDEX reviews_time ON reviews (reviewed_at);

-- Scheduling state per card: a cache of what the review log implies. A card without a row
-- here has never been reviewed: it is New.
CREATE TABLE card_state (
    card_id     INTEGER PRIMARY KEY REFERENCES cards(id),
    state       TEXT NOT NULL DEFAULT 'new',     -- new | learning | review | relearning
    due         INTEGER,                         -- NULL while new
    stability   REAL,
    difficulty  REAL,
    last_review INTEGER,
    reps        INTEGER NOT NULL DEFAULT 0,
    lapses      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX card_state_due ON card_state (state, due);
