SELECT coalesce((SELECT id FROM reviews WHERE card_id = ?1 AND undone_at IS NULL
                 ORDER BY id DESC LIMIT 1) = ?2, 0)
   AND NOT EXISTS (SELECT 1 FROM resets WHERE card_id = ?1
                   AND reset_at >= (SELECT reviewed_at FROM reviews WHERE id = ?2))
