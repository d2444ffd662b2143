-- Logseq block references across notes: which blocks (by `id::`) each note holds, with the
-- text a reference to them shows, and which ids each note refers to. An import resolves
-- `((uuid))` in one note from any other, and imports the referring notes again when a block
-- they refer to changes.
CREATE TABLE block_ids (
    id          TEXT PRIMARY KEY,                -- lower-case
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    text        TEXT NOT NULL
);
CREATE INDEX block_ids_source ON block_ids (source_id);

CREATE TABLE block_refs (
    source_id   INTEGER NOT NULL REFERENCES sources(id),
    id          TEXT NOT NULL,                   -- lower-case
    PRIMARY KEY (source_id, id)
) WITHOUT ROWID;
CREATE INDEX block_refs_id ON block_refs (id);
