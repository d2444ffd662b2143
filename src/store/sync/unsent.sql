 WHERE x.origin IS NULL
