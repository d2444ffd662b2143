-- Where a deck's cards come from when not from note files: 'anki' for decks an Anki package
-- was imported into (their cards have no note file).
ALTER TABLE decks ADD COLUMN origin TEXT;
