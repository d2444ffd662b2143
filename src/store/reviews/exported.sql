SELECT r.card_id, r.reviewed_at, r.rating, r.state_before, r.duration_ms
 FROM counted_answers r
 -- `memory_answers`, written as a join on each card's last reset: one pass, not a probe per answer
 LEFT JOIN (SELECT card_id, MAX(reset_at) AS reset_at FROM resets GROUP BY card_id) x
        ON x.card_id = r.card_id
WHERE x.reset_at IS NULL OR r.reviewed_at > x.reset_at
ORDER BY r.card_id, r.reviewed_at, r.id
