SELECT coalesce((SELECT id FROM counted_answers WHERE card_id = ?1
                 ORDER BY reviewed_at DESC, id DESC LIMIT 1) = ?2, 0)
   AND EXISTS (SELECT 1 FROM card_state s JOIN reviews r ON r.id = ?2
               WHERE s.card_id = ?1 AND s.state = r.state_after AND s.due IS r.due_after)
