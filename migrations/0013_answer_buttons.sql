-- The answer buttons (Hard, Good, Easy; Again is counted already) in the answer cache, apart for
-- cards in learning (new, learning, relearning) and in review: the statistics' button chart
-- reads a few thousand quarter hours instead of every answer of its period.
DROP TRIGGER answer_buckets_answer;
DROP TRIGGER answer_buckets_undo;
DROP VIEW answer_buckets_of_log;
DROP VIEW answer_figures;

CREATE VIEW answer_figures AS
SELECT id, card_id, reviewed_at, undone_at, reviewed_at / 900000 AS bucket,
       rating = 1 AS again,
       duration_ms AS time_ms,
       state_before = 'new' AS new_card,
       state_before = 'review' AND COALESCE(due_before - last_review_before, 0) < 1814400000 AS young,
       state_before = 'review' AND COALESCE(due_before - last_review_before, 0) < 1814400000 AND rating > 1 AS young_passed,
       state_before = 'review' AND COALESCE(due_before - last_review_before, 0) >= 1814400000 AS mature,
       state_before = 'review' AND COALESCE(due_before - last_review_before, 0) >= 1814400000 AND rating > 1 AS mature_passed,
       state_before = 'relearning' AS relearning,
       state_before <> 'review' AND rating = 2 AS learning_hard,
       state_before <> 'review' AND rating = 3 AS learning_good,
       state_before <> 'review' AND rating = 4 AS learning_easy,
       state_before = 'review' AND rating = 2 AS review_hard,
       state_before = 'review' AND rating = 3 AS review_good,
       state_before = 'review' AND rating = 4 AS review_easy
  FROM reviews;

CREATE VIEW answer_buckets_of_log AS
SELECT bucket, COUNT(*) AS answers, SUM(again) AS again, SUM(time_ms) AS time_ms,
       SUM(new_card) AS new_cards, SUM(young) AS young, SUM(young_passed) AS young_passed,
       SUM(mature) AS mature, SUM(mature_passed) AS mature_passed,
       SUM(relearning) AS relearning,
       SUM(learning_hard) AS learning_hard, SUM(learning_good) AS learning_good,
       SUM(learning_easy) AS learning_easy,
       SUM(review_hard) AS review_hard, SUM(review_good) AS review_good,
       SUM(review_easy) AS review_easy
  FROM answer_figures WHERE undone_at IS NULL GROUP BY bucket;

ALTER TABLE answer_buckets ADD COLUMN learning_hard INTEGER NOT NULL DEFAULT 0;
ALTER TABLE answer_buckets ADD COLUMN learning_good INTEGER NOT NULL DEFAULT 0;
ALTER TABLE answer_buckets ADD COLUMN learning_easy INTEGER NOT NULL DEFAULT 0;
ALTER TABLE answer_buckets ADD COLUMN review_hard INTEGER NOT NULL DEFAULT 0;
ALTER TABLE answer_buckets ADD COLUMN review_good INTEGER NOT NULL DEFAULT 0;
ALTER TABLE answer_buckets ADD COLUMN review_easy INTEGER NOT NULL DEFAULT 0;
DELETE FROM answer_buckets;
INSERT INTO answer_buckets SELECT * FROM answer_buckets_of_log;

CREATE TRIGGER answer_buckets_answer AFTER INSERT ON reviews WHEN new.undone_at IS NULL
BEGIN
    INSERT INTO answer_buckets
    SELECT bucket, 1, again, time_ms, new_card, young, young_passed, mature, mature_passed,
           relearning, learning_hard, learning_good, learning_easy, review_hard, review_good,
           review_easy
      FROM answer_figures WHERE id = new.id
    ON CONFLICT (bucket) DO UPDATE SET
        answers = answers + excluded.answers, again = again + excluded.again,
        time_ms = time_ms + excluded.time_ms, new_cards = new_cards + excluded.new_cards,
        young = young + excluded.young, young_passed = young_passed + excluded.young_passed,
        mature = mature + excluded.mature, mature_passed = mature_passed + excluded.mature_passed,
        relearning = relearning + excluded.relearning,
        learning_hard = learning_hard + excluded.learning_hard,
        learning_good = learning_good + excluded.learning_good,
        learning_easy = learning_easy + excluded.learning_easy,
        review_hard = review_hard + excluded.review_hard,
        review_good = review_good + excluded.review_good,
        review_easy = review_easy + excluded.review_easy;
END;

CREATE TRIGGER answer_buckets_undo AFTER UPDATE OF undone_at ON reviews
WHEN (old.undone_at IS NULL) <> (new.undone_at IS NULL)
BEGIN
    INSERT INTO answer_buckets
    SELECT bucket, s, s * again, s * time_ms, s * new_card, s * young, s * young_passed,
           s * mature, s * mature_passed, s * relearning, s * learning_hard, s * learning_good,
           s * learning_easy, s * review_hard, s * review_good, s * review_easy
      FROM answer_figures, (SELECT CASE WHEN new.undone_at IS NULL THEN 1 ELSE -1 END AS s)
     WHERE id = new.id
    ON CONFLICT (bucket) DO UPDATE SET
        answers = answers + excluded.answers, again = again + excluded.again,
        time_ms = time_ms + excluded.time_ms, new_cards = new_cards + excluded.new_cards,
        young = young + excluded.young, young_passed = young_passed + excluded.young_passed,
        mature = mature + excluded.mature, mature_passed = mature_passed + excluded.mature_passed,
        relearning = relearning + excluded.relearning,
        learning_hard = learning_hard + excluded.learning_hard,
        learning_good = learning_good + excluded.learning_good,
        learning_easy = learning_easy + excluded.learning_easy,
        review_hard = review_hard + excluded.review_hard,
        review_good = review_good + excluded.review_good,
        review_easy = review_easy + excluded.review_easy;
    DELETE FROM answer_buckets WHERE bucket = new.reviewed_at / 900000 AND answers = 0;
END;
