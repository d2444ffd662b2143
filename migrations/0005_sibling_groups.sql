-- Sibling groups: a card's group is named by its note file and the line of the block that heads
-- it. The cards of one block, and the clozes of blocks that a definition card shows whole in
-- its answer, share a group: a study day shows one of them, so no card spoils another.
ALTER TABLE cards ADD COLUMN sibling_line INTEGER;
-- Until their notes are read again, cards keep the groups they had: the clozes of one block.
UPDATE cards SET sibling_line = line WHERE kind = 'cloze';
CREATE INDEX cards_sibling ON cards (source_id, sibling_line) WHERE sibling_line IS NOT NULL;
