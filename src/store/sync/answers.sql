SELECT x.id, d.name, c.key, x.reviewed_at, x.rating, x.duration_ms, x.state_before,
       x.stability_before, x.difficulty_before, x.due_before, x.last_review_before, x.state_after,
       x.stability_after, x.difficulty_after, x.due_after, x.step_after, x.seq
  FROM reviews x JOIN cards c ON c.id = x.card_id JOIN decks d ON d.id = c.deck_id
