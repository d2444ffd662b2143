CREATE TEMP TABLE IF NOT EXISTS staged_cards (
    file     INTEGER NOT NULL,
    position INTEGER NOT NULL,
    key      INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    question TEXT NOT NULL,
    answer   TEXT NOT NULL,
    context  TEXT NOT NULL,
    tags     TEXT NOT NULL,
    line     INTEGER NOT NULL,
    origin   TEXT NOT NULL,
    grp      INTEGER NOT NULL,
    PRIMARY KEY (file, position)
) WITHOUT ROWID
