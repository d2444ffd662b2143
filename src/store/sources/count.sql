SELECT count(*) FROM sources
