SELECT (SELECT min(id) FROM cards), (SELECT max(id) FROM cards)
