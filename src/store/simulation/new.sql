SELECT COUNT(*) FROM cards WHERE studied = 0 AND suspended = 0 AND retired_at IS NULL
