ORDER BY d.name, c.source_id, c.position
