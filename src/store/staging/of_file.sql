SELECT key, kind, question, answer, context, tags, line, origin, grp FROM temp.staged_cards
WHERE file = ?1 ORDER BY position
