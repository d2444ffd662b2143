SELECT f.reviewed_at, 1, f.again, f.time_ms, f.new_card, f.young,
      f.young_passed, f.mature, f.mature_passed, f.relearning
 FROM cards c JOIN answer_figures f ON f.card_id = c.id
WHERE c.deck_id IN (SELECT value FROM json_each(?1)) AND f.undone_at IS NULL
