INSERT OR REPLACE INTO anki_origins (card_id, anki_card, note_id, guid, notetype, ord, fields, tags, mtime)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
