SELECT r.card_id, r.reviewed_at, r.rating, r.state_before = 'new',
      r.undone_at IS NOT NULL, x.reset_at, r.due_after, r.state_after, r.step_after
 FROM reviews r
 LEFT JOIN (SELECT card_id, MAX(reset_at) AS reset_at FROM resets GROUP BY card_id) x
        ON x.card_id = r.card_id
ORDER BY r.card_id, r.reviewed_at, r.id
