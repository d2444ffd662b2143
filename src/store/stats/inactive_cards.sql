SELECT id, suspended <> 0, retired_at IS NOT NULL FROM cards
WHERE suspended <> 0 OR retired_at IS NOT NULL ORDER BY id
