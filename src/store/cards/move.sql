UPDATE cards SET line = ?2, position = ?3, sibling_line = ?4 WHERE id = ?1
