SELECT x.id, d.name, c.key, x.undone_at, x.reviewed_at, o.device, x.seq, x.undo_seq
  FROM reviews x JOIN cards c ON c.id = x.card_id JOIN decks d ON d.id = c.deck_id
  LEFT JOIN sync_devices o ON o.id = x.origin
