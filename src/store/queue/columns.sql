SELECT c.id, d.name, c.kind, c.question, c.answer, c.context, src.path, c.line, c.source_id,
c.sibling_line, COALESCE(s.state, 'new'), s.stability, s.difficulty, s.due,
s.last_review, COALESCE(s.reps, 0), COALESCE(s.lapses, 0), COALESCE(s.step, 0)
