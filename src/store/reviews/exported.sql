SELECT r.card_id, r.reviewed_at, r.rating, r.state_before, r.duration_ms
 FROM reviews r
 LEFT JOIN (SELECT card_id, MAX(reset_at) AS reset_at FROM resets GROUP BY card_id) x
        ON x.card_id = r.card_id
WHERE r.undone_at IS NULL AND (x.reset_at IS NULL OR r.reviewed_at > x.reset_at)
ORDER BY r.card_id, r.reviewed_at, r.id
