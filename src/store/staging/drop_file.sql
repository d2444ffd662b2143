DELETE FROM temp.staged_cards WHERE file = ?1
