-- Review on several devices, merged through a folder each device writes one file in (`recall
-- sync`). Every event that travels (answer, undo, reset, suspend, bury, parameter set) has a
-- globally unique id: the device that made it and its number there (`origin`, `seq`). An
-- event made here has none until its first sync numbers it.

-- The index 0010 makes, for databases that ran an earlier 0010 without it.
CREATE INDEX IF NOT EXISTS cards_key_no_note ON cards (key) WHERE source_id IS NULL;

-- The devices whose events this database holds, this one among them.
CREATE TABLE sync_devices (
    id      INTEGER PRIMARY KEY,
    device  TEXT NOT NULL UNIQUE,            -- 16 hex digits, random, made once per database
    name    TEXT NOT NULL DEFAULT ''         -- what the user calls it ("laptop")
);

-- This database as a device (one row, made by the first sync).
CREATE TABLE sync_self (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    device_id   INTEGER NOT NULL REFERENCES sync_devices(id),
    numbered    INTEGER NOT NULL DEFAULT 0,  -- events of this device numbered so far
    file_bytes  INTEGER NOT NULL DEFAULT 0,  -- the length of its file after the last sync
    dir         TEXT,                        -- the folder last synced with
    synced_at   INTEGER,
    received    TEXT NOT NULL DEFAULT '{}'   -- what the last sync brought in (JSON)
);

-- How far each other file in the folder has been read.
CREATE TABLE sync_files (
    dir     TEXT NOT NULL,
    name    TEXT NOT NULL,
    bytes   INTEGER NOT NULL,                -- read up to here (the end of a whole line)
    lines   INTEGER NOT NULL,                -- whole lines read (to name a line in messages)
    PRIMARY KEY (dir, name)
);

-- Events from other devices for cards this database does not have (yet), or for answers not
-- here yet: kept as their lines, tried again once their card is here.
CREATE TABLE sync_waiting (
    origin  TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    line    TEXT NOT NULL,
    deck    TEXT NOT NULL,                   -- the card it is for
    key     TEXT NOT NULL,
    PRIMARY KEY (origin, seq)
);
CREATE INDEX sync_waiting_card ON sync_waiting (deck, key);

ALTER TABLE reviews ADD COLUMN origin INTEGER;                -- sync_devices.id
ALTER TABLE reviews ADD COLUMN seq INTEGER;
-- The undo of an answer, as an event: the answer's `undone_at` is its time.
ALTER TABLE reviews ADD COLUMN undo_origin INTEGER;                -- sync_devices.id
ALTER TABLE reviews ADD COLUMN undo_seq INTEGER;
CREATE UNIQUE INDEX reviews_event ON reviews (origin, seq);
CREATE INDEX reviews_undo_unsent ON reviews (id) WHERE undone_at IS NOT NULL AND undo_origin IS NULL;
CREATE INDEX reviews_undo_event ON reviews (undo_origin, undo_seq) WHERE undo_origin IS NOT NULL;

ALTER TABLE resets ADD COLUMN origin INTEGER;                -- sync_devices.id
ALTER TABLE resets ADD COLUMN seq INTEGER;
CREATE UNIQUE INDEX resets_event ON resets (origin, seq);

ALTER TABLE fsrs_parameters ADD COLUMN origin INTEGER;                -- sync_devices.id
ALTER TABLE fsrs_parameters ADD COLUMN seq INTEGER;
CREATE UNIQUE INDEX fsrs_parameters_event ON fsrs_parameters (origin, seq);

-- Suspending and burying, logged like answers (append-only): a card's `suspended` and
-- `buried_until` are what its latest event of each pair says.
CREATE TABLE card_events (
    id         INTEGER PRIMARY KEY,
    card_id    INTEGER NOT NULL REFERENCES cards(id),
    kind       TEXT NOT NULL CHECK (kind IN ('suspend', 'unsuspend', 'bury', 'unbury')),
    at         INTEGER NOT NULL,
    until_day  INTEGER,                      -- bury: hidden until this study day
    origin     INTEGER REFERENCES sync_devices(id),
    seq        INTEGER
);
CREATE INDEX card_events_card ON card_events (card_id, at);
CREATE UNIQUE INDEX card_events_event ON card_events (origin, seq);
-- The cards suspended now, as events (their time: the card's last change), so that they travel.
INSERT INTO card_events (card_id, kind, at) SELECT id, 'suspend', updated_at FROM cards WHERE suspended = 1;
