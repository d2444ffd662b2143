-- Learning steps as Anki has them: the step a learning or relearning card is at, in the cache
-- and, for each answer, in the log (NULL in answers given before steps were counted: step 0).
ALTER TABLE card_state ADD COLUMN step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN step_after INTEGER;
