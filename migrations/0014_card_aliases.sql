-- The names a card had before a reword or a move (deck and key), so that events other devices
-- logged under an old name still find it.
CREATE TABLE card_aliases (
    deck    TEXT NOT NULL,
    key     TEXT NOT NULL,
    card_id INTEGER NOT NULL REFERENCES cards(id),
    PRIMARY KEY (deck, key)
) WITHOUT ROWID;
