ORDER BY d.name, c.source_id, c.position LIMIT ?4
