SELECT o.card_id, o.anki_card, o.note_id, o.guid, o.notetype, o.ord, o.fields, o.tags, o.mtime, t.json
  FROM anki_origins o JOIN anki_notetypes t ON t.id = o.notetype
