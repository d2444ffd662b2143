-- Which answers count, said once for every query. An answer counts unless it was taken back
-- (undo); a card's memory is built from the answers that count after its last reset. Views
-- over `reviews` as its columns stand now: a migration that adds a column to `reviews`
-- recreates them.
CREATE VIEW counted_answers AS
  SELECT * FROM reviews WHERE undone_at IS NULL;

CREATE VIEW memory_answers AS
  SELECT a.* FROM counted_answers a
   WHERE NOT EXISTS (SELECT 1 FROM resets x WHERE x.card_id = a.card_id AND x.reset_at >= a.reviewed_at);
