INSERT OR REPLACE INTO temp.staged_cards (file, position, key, kind, question, answer, context, tags, line, origin, grp)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
