-- Statistics without reading the whole log.

-- The log is append-only; the schema now says so. Taking an answer back sets `undone_at`
-- once, and that is the only change a review row ever sees.
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'the review log is append-only: reviews are never deleted');
END;
CREATE TRIGGER reviews_no_rewrite
BEFORE UPDATE OF id, card_id, reviewed_at, rating, duration_ms, state_before, stability_before,
    difficulty_before, due_before, state_after, stability_after, difficulty_after, due_after,
    last_review_before ON reviews
BEGIN
    SELECT RAISE(ABORT, 'the review log is append-only: only undone_at may be set');
END;

-- What one answer adds to the statistics, and the quarter hour (UTC) it falls in.
CREATE VIEW answer_figures AS
SELECT id, card_id, reviewed_at, undone_at, reviewed_at / 900000 AS bucket,
       rating = 1 AS again,
       duration_ms AS time_ms,
       state_before = 'new' AS new_card,
       state_before = 'review' AND COALESCE(due_before - last_review_before, 0) < 1814400000 AS young,
       state_before = 'review' AND COALESCE(due_before - last_review_before, 0) < 1814400000 AND rating > 1 AS young_passed,
       state_before = 'review' AND COALESCE(due_before - last_review_before, 0) >= 1814400000 AS mature,
       state_before = 'review' AND COALESCE(due_before - last_review_before, 0) >= 1814400000 AND rating > 1 AS mature_passed
  FROM reviews;

-- The answers that count (not undone), added up per quarter hour.
CREATE VIEW answer_buckets_of_log AS
SELECT bucket, COUNT(*) AS answers, SUM(again) AS again, SUM(time_ms) AS time_ms,
       SUM(new_card) AS new_cards, SUM(young) AS young, SUM(young_passed) AS young_passed,
       SUM(mature) AS mature, SUM(mature_passed) AS mature_passed
  FROM answer_figures WHERE undone_at IS NULL GROUP BY bucket;

-- The same, kept up to date: statistics read a few thousand rows instead of every answer.
-- Every time zone's offset and the day-start hour are whole quarter hours, so a study day is a
-- run of whole buckets. Like card_state it is a cache, rebuildable from the log; the triggers
-- below change it in the same transaction as the answer or the undo.
CREATE TABLE answer_buckets (
    bucket        INTEGER PRIMARY KEY,   -- reviewed_at / 900000: quarter hours since 1970, UTC
    answers       INTEGER NOT NULL,
    again         INTEGER NOT NULL,
    time_ms       INTEGER NOT NULL,
    new_cards     INTEGER NOT NULL,      -- answers to cards seen for the first time
    young         INTEGER NOT NULL,      -- answers to cards past learning, interval < 21 days
    young_passed  INTEGER NOT NULL,      -- ... that were not Again
    mature        INTEGER NOT NULL,      -- the same with an interval of 21 days or more
    mature_passed INTEGER NOT NULL
);
INSERT INTO answer_buckets SELECT * FROM answer_buckets_of_log;

CREATE TRIGGER answer_buckets_answer AFTER INSERT ON reviews WHEN new.undone_at IS NULL
BEGIN
    INSERT INTO answer_buckets
    SELECT bucket, 1, again, time_ms, new_card, young, young_passed, mature, mature_passed
      FROM answer_figures WHERE id = new.id
    ON CONFLICT (bucket) DO UPDATE SET
        answers = answers + excluded.answers, again = again + excluded.again,
        time_ms = time_ms + excluded.time_ms, new_cards = new_cards + excluded.new_cards,
        young = young + excluded.young, young_passed = young_passed + excluded.young_passed,
        mature = mature + excluded.mature, mature_passed = mature_passed + excluded.mature_passed;
END;

-- Undone (or, were it ever done, undone no more): the answer's figures come out (or back in).
CREATE TRIGGER answer_buckets_undo AFTER UPDATE OF undone_at ON reviews
WHEN (old.undone_at IS NULL) <> (new.undone_at IS NULL)
BEGIN
    INSERT INTO answer_buckets
    SELECT bucket, s, s * again, s * time_ms, s * new_card, s * young, s * young_passed,
           s * mature, s * mature_passed
      FROM answer_figures, (SELECT CASE WHEN new.undone_at IS NULL THEN 1 ELSE -1 END AS s)
     WHERE id = new.id
    ON CONFLICT (bucket) DO UPDATE SET
        answers = answers + excluded.answers, again = again + excluded.again,
        time_ms = time_ms + excluded.time_ms, new_cards = new_cards + excluded.new_cards,
        young = young + excluded.young, young_passed = young_passed + excluded.young_passed,
        mature = mature + excluded.mature, mature_passed = mature_passed + excluded.mature_passed;
    DELETE FROM answer_buckets WHERE bucket = new.reviewed_at / 900000 AND answers = 0;
END;

-- The statistics' pass over every card reads each card's deck from the (deck, key) index and
-- finds the few suspended and retired cards here, instead of reading the cards' text. (An
-- index over every card would cost each import ~7%.)
CREATE INDEX cards_inactive ON cards (id, suspended, retired_at)
    WHERE suspended <> 0 OR retired_at IS NOT NULL;
