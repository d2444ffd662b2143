-- The answer cache as schema 8 had it (before 0009 counted relearning answers apart), for
-- the kill loop's upgrade from an older database.
DROP TRIGGER answer_buckets_answer;
DROP TRIGGER answer_buckets_undo;
DROP VIEW answer_buckets_of_log;
DROP VIEW answer_figures;
ALTER TABLE answer_buckets DROP COLUMN relearning;
ALTER TABLE answer_buckets DROP COLUMN learning_hard;
ALTER TABLE answer_buckets DROP COLUMN learning_good;
ALTER TABLE answer_buckets DROP COLUMN learning_easy;
ALTER TABLE answer_buckets DROP COLUMN review_hard;
ALTER TABLE answer_buckets DROP COLUMN review_good;
ALTER TABLE answer_buckets DROP COLUMN review_easy;
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

CREATE VIEW answer_buckets_of_log AS
SELECT bucket, COUNT(*) AS answers, SUM(again) AS again, SUM(time_ms) AS time_ms,
       SUM(new_card) AS new_cards, SUM(young) AS young, SUM(young_passed) AS young_passed,
       SUM(mature) AS mature, SUM(mature_passed) AS mature_passed
  FROM answer_figures WHERE undone_at IS NULL GROUP BY bucket;

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
