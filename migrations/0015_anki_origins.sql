-- Cards that came from Anki, as Anki knows them: their note (id, GUID, note type, fields and
-- tags as stored there, last change), and the note types' names and formats, so an export
-- goes back into that collection as the same notes and cards.
CREATE TABLE anki_notetypes (
    id   INTEGER PRIMARY KEY,
    json TEXT NOT NULL
);
CREATE TABLE anki_origins (
    card_id   INTEGER PRIMARY KEY REFERENCES cards(id),
    anki_card INTEGER NOT NULL,
    note_id   INTEGER NOT NULL,
    guid      TEXT NOT NULL,
    notetype  INTEGER NOT NULL REFERENCES anki_notetypes(id),
    ord       INTEGER NOT NULL,
    fields    TEXT NOT NULL,
    tags      TEXT NOT NULL,
    mtime     INTEGER NOT NULL
);
