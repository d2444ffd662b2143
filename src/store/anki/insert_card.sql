INSERT INTO cards (deck_id, key, kind, question, answer, context, tags, source_id, line, position, suspended, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, 0, ?8, ?9, ?10, ?10)
