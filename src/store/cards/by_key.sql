SELECT c.id, c.key, c.kind, c.question, c.answer, c.context, c.tags, c.source_id, c.line, c.position, c.retired_at, c.deck_id, c.sibling_line FROM cards c WHERE c.deck_id = ?1 AND c.key = ?2
