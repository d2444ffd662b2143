SELECT DISTINCT r.source_id, s.path, d.name
 FROM block_refs r
 JOIN sources s ON s.id = r.source_id
 JOIN decks d ON d.id = s.deck_id
WHERE r.id = ?1
