INSERT OR REPLACE INTO anki_notetypes (id, json) VALUES (?1, ?2)
