-- The names a card had before a reword or a move (deck and key), so that events other devices
-- logged under an old name still find it.
CREATE TABLE card_aliases (
    deck    TEXT NOT NULL,
    key     TEXT NOT NULL,
    card_id INTEGER NOT NULL REFERENCES cards(id),
    PRIMARY KEY (deck, key)
) WITHOUT ROWID;
-- Each change of a card's name made here (a reword, a move), an event that travels: the devices
-- it reaches learn both names as the card's.
CREATE TABLE card_renames (
    id        INTEGER PRIMARY KEY,
    card_id   INTEGER NOT NULL REFERENCES cards(id),
    from_deck TEXT NOT NULL,
    from_key  TEXT NOT NULL,
    to_deck   TEXT NOT NULL,
    to_key    TEXT NOT NULL,
    at        INTEGER NOT NULL,
    origin    INTEGER REFERENCES sync_devices(id),
    seq       INTEGER
);
CREATE INDEX card_renames_card ON card_renames (card_id, at);
CREATE UNIQUE INDEX card_renames_event ON card_renames (origin, seq);
-- An event waiting for a card it names twice (a rename: its old and its new name) is taken in
-- when either is here.
ALTER TABLE sync_waiting ADD COLUMN alt_deck TEXT;
ALTER TABLE sync_waiting ADD COLUMN alt_key TEXT;
-- Other devices' files are read again from their start: a recall before renames skipped their
-- lines for good (events already here are known by their ids and taken once).
DELETE FROM sync_files;
