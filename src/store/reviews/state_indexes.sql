SELECT name, sql FROM sqlite_schema
WHERE type = 'index' AND tbl_name = 'card_state' AND sql IS NOT NULL
ORDER BY name
