SELECT r.rating, r.state_before = 'review', COUNT(*)
 FROM counted_answers r JOIN cards c ON c.id = r.card_id
WHERE r.reviewed_at >= ?1
  AND (?2 IS NULL OR c.deck_id IN (SELECT value FROM json_each(?2)))
GROUP BY 1, 2
