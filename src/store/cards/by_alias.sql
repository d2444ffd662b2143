SELECT c.id, c.key, c.kind, c.question, c.answer, c.context, c.tags, c.source_id, c.line, c.position, c.retired_at, c.deck_id, c.sibling_line
  FROM decks d JOIN card_aliases a ON a.deck = d.name AND a.key = ?2 JOIN cards c ON c.id = a.card_id
 WHERE d.id = ?1 AND c.deck_id = ?1
