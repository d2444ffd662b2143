c.retired_at IS NULL AND c.suspended = 0
AND (c.buried_until IS NULL OR c.buried_until <= ?3)
AND (?1 IS NULL OR EXISTS (SELECT 1 FROM json_each(?1) f
                           WHERE d.name = f.value
                              OR substr(d.name, 1, length(f.value) + 1) = f.value || '/'))
AND (?2 IS NULL OR EXISTS (SELECT 1 FROM json_each(c.tags) t WHERE t.value = ?2))
