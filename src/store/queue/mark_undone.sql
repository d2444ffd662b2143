UPDATE reviews SET undone_at = ?2 WHERE id = ?1 AND undone_at IS NULL
