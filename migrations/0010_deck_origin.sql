-- Where a deck's cards come from when not from note files: 'anki' for decks an Anki package
-- was imported into (their cards have no note file).
ALTER TABLE decks ADD COLUMN origin TEXT;
-- Cards from Anki are found by key in whichever deck they are now (moved in Anki).
CREATE INDEX cards_key_no_note ON cards (key) WHERE source_id IS NULL;
