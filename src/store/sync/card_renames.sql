SELECT x.id, x.to_deck, x.to_key, x.at, x.from_deck, x.from_key, x.seq
  FROM card_renames x
