SELECT c.id, c.key, d.name, c.kind, c.question, c.answer, c.context, c.suspended,
      s.state, s.due, src.path, c.line
 FROM cards c
 JOIN decks d ON d.id = c.deck_id
 LEFT JOIN card_state s ON s.card_id = c.id
 LEFT JOIN sources src ON src.id = c.source_id
WHERE c.retired_at IS NULL
  AND (?1 IS NULL OR d.name = ?1 OR substr(d.name, 1, length(?1) + 1) = ?1 || '/')
  AND (?2 IS NULL OR c.question LIKE ?2 ESCAPE '\' OR c.answer LIKE ?2 ESCAPE '\'
       OR c.context LIKE ?2 ESCAPE '\')
  AND (?3 IS NULL OR c.id = ?3)
  AND (?4 IS NULL OR EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value = ?4))
ORDER BY d.name, c.source_id, c.position
