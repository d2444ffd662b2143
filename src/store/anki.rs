//! The store's side of Anki interchange: the cards and log an export writes out, and the cards,
//! answers and resets an import of an Anki package writes in (cards with no note file, in
//! decks marked as coming from Anki).

use super::Store;
use crate::error::Result;
use crate::model::{AnkiOrigin, CardId, CardKind, DeckId, Tags};
use crate::schedule::{CardSchedule, Phase, Rating};
use rusqlite::{params, OptionalExtension};

const MARK_DECK: &str = include_str!("anki/mark_deck.sql");
const BY_KEY: &str = include_str!("anki/by_key.sql");
const LIVE_IN_DECK: &str = include_str!("anki/live_in_deck.sql");
const DELETE_STATE: &str = include_str!("queue/delete_state.sql");
const MARK_NEW: &str = include_str!("queue/mark_new.sql");
const INSERT_CARD: &str = include_str!("anki/insert_card.sql");
const UPDATE_CARD: &str = include_str!("anki/update_card.sql");
const CARD_LOG: &str = include_str!("anki/card_log.sql");
const CARD_RESETS: &str = include_str!("anki/card_resets.sql");
const EXPORT_CARDS: &str = include_str!("anki/export_cards.sql");
const EXPORT_LOG: &str = include_str!("anki/export_log.sql");
const EXPORT_RESETS: &str = include_str!("anki/export_resets.sql");
const INSERT_RESET: &str = include_str!("queue/insert_reset.sql");
const MARK_STUDIED: &str = include_str!("reviews/mark_studied.sql");
const TOTAL_TRIGGERS: &str = include_str!("anki/total_triggers.sql");
const SAVE_NOTETYPE: &str = include_str!("anki/save_notetype.sql");
const SAVE_ORIGIN: &str = include_str!("anki/save_origin.sql");
const ORIGINS: &str = include_str!("anki/origins.sql");

/// A live card as an export writes it.
#[derive(Debug, Clone, PartialEq)]
pub struct CardOut {
    pub id: CardId,
    pub key: String,
    pub deck: String,
    pub kind: CardKind,
    pub question: String,
    pub answer: String,
    pub context: String,
    pub tags: Tags,
    pub suspended: bool,
    /// Unix milliseconds.
    pub created_at: i64,
}

/// An answer (not taken back) as an export writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AnswerOut {
    pub card_id: CardId,
    /// Unix milliseconds.
    pub at: i64,
    pub rating: Rating,
    pub duration_ms: i64,
    pub before: Phase,
    pub after: Phase,
    pub due_after: Option<i64>,
}

/// One entry of a card's log as an import merges it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogEntry {
    pub at: i64,
    pub rating: Rating,
    pub undone: bool,
    pub due_after: Option<i64>,
    pub phase_after: Option<Phase>,
    pub step_after: Option<u32>,
}

/// A card as an Anki import writes it.
pub struct CardIn<'a> {
    pub deck_id: DeckId,
    pub key: &'a str,
    pub kind: CardKind,
    pub question: &'a str,
    pub answer: &'a str,
    pub context: &'a str,
    pub tags: &'a Tags,
    pub suspended: bool,
    pub position: i64,
}

impl Store {
    /// For one large write: a larger page cache (64 MiB), and statement journals in memory
    /// (an `INSERT OR IGNORE` may be rolled back alone: its journal was a temporary file);
    /// `false` puts the defaults back.
    pub fn bulk_writes(&self, on: bool) -> Result<()> {
        let sql = if on {
            "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;"
        } else {
            "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT;"
        };
        self.run(|| self.conn.execute_batch(sql))
    }

    /// Runs `f` (inside a write transaction) with the triggers that keep the per-quarter-hour
    /// answer totals up to date answer by answer set aside, and redoes the totals from the log
    /// once after if `f` says it appended answers: for appending many answers at once (the
    /// triggers cost more than the rows).
    pub fn with_totals_redone_after<T>(&self, f: impl FnOnce() -> Result<(T, bool)>) -> Result<T> {
        let triggers: Vec<(String, String)> = self.run(|| {
            let mut stmt = self.conn.prepare_cached(TOTAL_TRIGGERS)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })?;
        for (name, _) in &triggers {
            // A name read from the schema, quoted as an identifier.
            let sql = format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\""));
            self.run(|| self.conn.execute_batch(&sql))?;
        }
        let (out, appended) = f()?;
        if appended {
            self.run(|| self.conn.execute_batch(super::stats::REBUILD_BUCKETS))?;
        }
        for (_, sql) in &triggers {
            self.run(|| self.conn.execute_batch(sql))?;
        }
        Ok(out)
    }

    /// Every live card, in id order.
    pub fn cards_for_export(&self) -> Result<Vec<CardOut>> {
        self.run(|| {
            let mut stmt = self.conn.prepare_cached(EXPORT_CARDS)?;
            let rows = stmt.query_map([], |r| {
                Ok(CardOut {
                    id: r.get(0)?,
                    key: r.get(1)?,
                    deck: r.get(2)?,
                    kind: r.get(3)?,
                    question: r.get(4)?,
                    answer: r.get(5)?,
                    context: r.get(6)?,
                    tags: r.get(7)?,
                    suspended: r.get(8)?,
                    created_at: r.get(9)?,
                })
            })?;
            rows.collect()
        })
    }

    /// Every answer not taken back, card by card in time order.
    pub fn log_for_export(&self) -> Result<Vec<AnswerOut>> {
        self.run(|| {
            let mut stmt = self.conn.prepare_cached(EXPORT_LOG)?;
            let rows = stmt.query_map([], |r| {
                Ok(AnswerOut {
                    card_id: r.get(0)?,
                    at: r.get(1)?,
                    rating: r.get(2)?,
                    duration_ms: r.get(3)?,
                    before: r.get(4)?,
                    after: r.get(5)?,
                    due_after: r.get(6)?,
                })
            })?;
            rows.collect()
        })
    }

    /// Every reset (card, time), card by card in time order.
    pub fn resets_for_export(&self) -> Result<Vec<(CardId, i64)>> {
        self.run(|| {
            let mut stmt = self.conn.prepare_cached(EXPORT_RESETS)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }

    /// Marks a deck as holding cards from Anki, unless it holds cards from note files.
    pub fn mark_deck_from_anki(&self, deck: DeckId) -> Result<()> {
        self.run(|| {
            self.conn
                .prepare_cached(MARK_DECK)?
                .execute([deck])
                .map(drop)
        })
    }

    /// The card from Anki (no note file) with this key, in whichever deck (the one in `deck`
    /// first, then a live one): (id, deck).
    pub fn card_from_anki(&self, key: &str, deck: DeckId) -> Result<Option<(CardId, DeckId)>> {
        self.run(|| {
            self.conn
                .prepare_cached(BY_KEY)?
                .query_row(params![key, deck], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
        })
    }

    /// The live cards from Anki in a deck: (id, key).
    pub fn cards_from_anki_in(&self, deck: DeckId) -> Result<Vec<(CardId, String)>> {
        self.run(|| {
            let mut stmt = self.conn.prepare_cached(LIVE_IN_DECK)?;
            let rows = stmt.query_map([deck], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }

    /// Adds a card that has no note file; its id.
    pub fn insert_card_from_anki(&self, c: &CardIn<'_>, now: i64) -> Result<CardId> {
        self.run(|| {
            self.conn.prepare_cached(INSERT_CARD)?.execute(params![
                c.deck_id,
                c.key,
                c.kind,
                c.question,
                c.answer,
                c.context,
                c.tags,
                c.position,
                c.suspended,
                now
            ])?;
            Ok(CardId(self.conn.last_insert_rowid()))
        })
    }

    /// Updates a card that came from Anki (never one from a note file: the notes own its
    /// text), moving it to `c`'s deck; whether anything changed.
    pub fn update_card_from_anki(&self, id: CardId, c: &CardIn<'_>, now: i64) -> Result<bool> {
        // Moved to another deck in Anki: its old name stays the card's (and travels).
        self.keep_old_name(id, c.deck_id, c.key, now)?;
        self.run(|| {
            let n = self.conn.prepare_cached(UPDATE_CARD)?.execute(params![
                id,
                c.deck_id,
                c.kind,
                c.question,
                c.answer,
                c.context,
                c.tags,
                c.suspended,
                now
            ])?;
            Ok(n > 0)
        })
    }

    /// Keeps where card `card` lives in Anki, and its note type (`notetype_json`, as
    /// [`crate::anki::collection::NoteType`] serializes).
    pub fn save_anki_origin(
        &self,
        card: CardId,
        o: &AnkiOrigin,
        notetype_json: &str,
    ) -> Result<()> {
        self.run(|| {
            self.conn
                .prepare_cached(SAVE_NOTETYPE)?
                .execute(params![o.notetype, notetype_json])?;
            self.conn.prepare_cached(SAVE_ORIGIN)?.execute(params![
                card,
                o.anki_card,
                o.note_id,
                o.guid,
                o.notetype,
                o.ord,
                o.fields,
                o.tags,
                o.mtime
            ])?;
            Ok(())
        })
    }

    /// Every card that came from Anki: where it lives there, and its note type's JSON.
    pub fn anki_origins(&self) -> Result<Vec<(CardId, AnkiOrigin, String)>> {
        self.run(|| {
            let mut stmt = self.conn.prepare_cached(ORIGINS)?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get(0)?,
                    AnkiOrigin {
                        anki_card: r.get(1)?,
                        note_id: r.get(2)?,
                        guid: r.get(3)?,
                        notetype: r.get(4)?,
                        ord: r.get(5)?,
                        fields: r.get(6)?,
                        tags: r.get(7)?,
                        mtime: r.get(8)?,
                    },
                    r.get(9)?,
                ))
            })?;
            rows.collect()
        })
    }

    /// A card's whole log (undone answers too), in time order, and its resets.
    pub fn card_log(&self, id: CardId) -> Result<(Vec<LogEntry>, Vec<i64>)> {
        self.run(|| {
            let mut stmt = self.conn.prepare_cached(CARD_LOG)?;
            let log = stmt
                .query_map([id], |r| {
                    Ok(LogEntry {
                        at: r.get(0)?,
                        rating: r.get(1)?,
                        undone: r.get(2)?,
                        due_after: r.get(3)?,
                        phase_after: r.get(4)?,
                        step_after: r.get(5)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut stmt = self.conn.prepare_cached(CARD_RESETS)?;
            let resets = stmt
                .query_map([id], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((log, resets))
        })
    }

    /// Appends an answer from elsewhere to the log (the card's state is set after, from its
    /// whole log).
    pub fn append_review(&self, a: &super::reviews::Answer) -> Result<()> {
        self.run(|| super::reviews::insert_review(&self.conn, a).map(drop))
    }

    /// Appends a reset from elsewhere.
    pub fn append_reset(&self, card: CardId, at: i64) -> Result<()> {
        self.run(|| {
            self.conn
                .prepare_cached(INSERT_RESET)?
                .execute(params![card, at])
                .map(drop)
        })
    }

    /// Sets a card's cached state and its studied mark; a new card has no state row (as after
    /// a reset), so it is among the new cards again.
    pub fn set_card_state(&self, id: CardId, state: &CardSchedule) -> Result<()> {
        self.run(|| {
            if state.phase == Phase::New {
                self.conn.prepare_cached(DELETE_STATE)?.execute([id])?;
                self.conn.prepare_cached(MARK_NEW)?.execute([id])?;
                return Ok(());
            }
            self.conn.prepare_cached(MARK_STUDIED)?.execute([id])?;
            super::reviews::write_state(&self.conn, id, state)
        })
    }
}
