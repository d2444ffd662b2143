SELECT s.path, d.name, s.gone_at IS NOT NULL FROM sources s JOIN decks d ON d.id = s.deck_id ORDER BY s.path
