SELECT DISTINCT t.value FROM cards c, json_each(c.tags) t
 WHERE c.retired_at IS NULL ORDER BY t.value
