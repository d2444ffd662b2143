SELECT c.id, c.key, d.name, c.kind, c.question, c.answer, c.context, c.tags, c.suspended, c.created_at FROM cards c JOIN decks d ON d.id = c.deck_id WHERE c.retired_at IS NULL ORDER BY c.id
