SELECT c.id, d.name, c.kind, c.question, c.context, src.path, c.line,
      COALESCE(s.lapses, 0), s.stability, s.last_review, c.answer
 FROM cards c JOIN decks d ON d.id = c.deck_id
 LEFT JOIN sources src ON src.id = c.source_id
 LEFT JOIN card_state s ON s.card_id = c.id
WHERE c.id = ?1
