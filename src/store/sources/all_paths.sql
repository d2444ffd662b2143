SELECT path FROM sources ORDER BY path
