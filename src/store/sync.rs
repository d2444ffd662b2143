//! The store's side of syncing through a folder: this database as a device, the events made
//! here that other devices have not been sent (and numbering them), how far each other
//! device's file has been read, events waiting for their card, and writing in what other
//! devices did, each event once.

use super::stats::AppendedTotals;
use super::Store;
use crate::error::Result;
use crate::event::{AnswerRow, CardRef, EventId, What};
use crate::model::CardId;
use crate::schedule::Rating;
use rusqlite::{params, OptionalExtension, Row};

const SELF: &str = include_str!("sync/self.sql");
const NEW_DEVICE: &str = include_str!("sync/new_device.sql");
const BE_DEVICE: &str = include_str!("sync/be_device.sql");
const SET_NAME: &str = include_str!("sync/set_name.sql");
const DEVICE: &str = include_str!("sync/device.sql");
const SAVE_SELF: &str = include_str!("sync/save_self.sql");
const SET_NUMBERED: &str = include_str!("sync/set_numbered.sql");

/// The events of each kind device ?1 numbered after ?2, in number order.
macro_rules! own_after {
    ($table:literal, $condition:literal) => {
        concat!(
            include_str!(concat!("sync/", $table, ".sql")),
            include_str!(concat!("sync/", $condition, ".sql"))
        )
    };
}
const OWN_AFTER: [&str; 6] = [
    own_after!("answers", "own_after"),
    own_after!("undos", "undo_own_after"),
    own_after!("resets", "own_after"),
    own_after!("card_events", "own_after"),
    own_after!("parameter_sets", "own_after"),
    own_after!("card_renames", "own_after"),
];
/// Numbering the events made here that have no number yet, a table at a time in the order
/// above (answers first, so an undo can name its answer), each in the order its rows were
/// logged (the table's own order: read straight through): ?1 the device,
/// ?2 the number before the first.
const NUMBER_UNSENT: [&str; 6] = [
    include_str!("sync/number_answers.sql"),
    include_str!("sync/number_undos.sql"),
    include_str!("sync/number_resets.sql"),
    include_str!("sync/number_card_events.sql"),
    include_str!("sync/number_parameter_sets.sql"),
    include_str!("sync/number_card_renames.sql"),
];
/// Giving device ?1's events to device ?2, table by table.
const MOVE_OWN_EVENTS: [&str; 6] = [
    include_str!("sync/move_answers.sql"),
    include_str!("sync/move_undos.sql"),
    include_str!("sync/move_resets.sql"),
    include_str!("sync/move_card_events.sql"),
    include_str!("sync/move_parameter_sets.sql"),
    include_str!("sync/move_card_renames.sql"),
];

const FILE: &str = include_str!("sync/file.sql");
const SAVE_FILE: &str = include_str!("sync/save_file.sql");
const WAIT: &str = include_str!("sync/wait.sql");
const WAITING: &str = include_str!("sync/waiting.sql");
const UNWAIT: &str = include_str!("sync/unwait.sql");
const WAITING_COUNT: &str = include_str!("sync/waiting_count.sql");
const CARD: &str = include_str!("sync/card.sql");
const INSERT_ANSWER: &str = include_str!("sync/insert_answer.sql");
/// An answer to a card without any yet: no answer at its millisecond to look for.
const INSERT_ANSWER_NEW_CARD: &str = include_str!("sync/insert_answer_new_card.sql");

/// From this many answers appended at once, their answer totals are counted in Rust and added
/// per quarter hour, not by the trigger per answer.
const COUNTED_FROM: usize = 2_000;
const CARD_HAS_ANSWERS: &str = include_str!("sync/card_has_answers.sql");
const ANSWER_OF_EVENT: &str = include_str!("sync/answer_of_event.sql");
const ANSWER_AT: &str = include_str!("sync/answer_at.sql");
const UNDO: &str = include_str!("sync/undo.sql");
const INSERT_RESET: &str = include_str!("sync/insert_reset.sql");
const INSERT_CARD_EVENT: &str = include_str!("sync/insert_card_event.sql");
const LATEST_SUSPEND: &str = include_str!("sync/latest_suspend.sql");
const LATEST_BURY: &str = include_str!("sync/latest_bury.sql");
const SET_SUSPENDED: &str = include_str!("sync/set_suspended.sql");
const SET_BURIED: &str = include_str!("sync/set_buried.sql");
const INSERT_PARAMETERS: &str = include_str!("sync/insert_parameters.sql");
const IS_OWN_ANSWER: &str = include_str!("sync/is_own_answer.sql");
const IS_OWN_UNDO: &str = include_str!("sync/is_own_undo.sql");
const IS_OWN_RESET: &str = include_str!("sync/is_own_reset.sql");
const IS_OWN_CARD_EVENT: &str = include_str!("sync/is_own_card_event.sql");
const IS_OWN_PARAMETERS: &str = include_str!("sync/is_own_parameters.sql");
const ADOPT_ANSWER: &str = include_str!("sync/adopt_answer.sql");
const ADOPT_UNDO: &str = include_str!("sync/adopt_undo.sql");
const ADOPT_RESET: &str = include_str!("sync/adopt_reset.sql");
const ADOPT_CARD_EVENT: &str = include_str!("sync/adopt_card_event.sql");
const ADOPT_PARAMETERS: &str = include_str!("sync/adopt_parameters.sql");
const IS_OWN_CARD_RENAME: &str = include_str!("sync/is_own_card_rename.sql");
const ADOPT_CARD_RENAME: &str = include_str!("sync/adopt_card_rename.sql");
const INSERT_CARD_RENAME: &str = include_str!("sync/insert_card_rename.sql");
const LEARN_NAME: &str = include_str!("sync/learn_name.sql");

/// Sets a card's suspended flag (`kind` suspend/unsuspend) or its burying (bury/unbury) to
/// what its latest event of that pair says (the events are the truth every device shares).
pub(super) fn flags_from_events(
    conn: &rusqlite::Connection,
    card: CardId,
    kind: &str,
) -> rusqlite::Result<()> {
    if kind.ends_with("suspend") {
        let latest: Option<bool> = conn
            .prepare_cached(LATEST_SUSPEND)?
            .query_row([card], |r| r.get(0))
            .optional()?;
        if let Some(suspended) = latest {
            conn.prepare_cached(SET_SUSPENDED)?
                .execute(params![card, suspended])?;
        }
    } else {
        let latest: Option<Option<i64>> = conn
            .prepare_cached(LATEST_BURY)?
            .query_row([card], |r| r.get(0))
            .optional()?;
        if let Some(until) = latest {
            conn.prepare_cached(SET_BURIED)?
                .execute(params![card, until])?;
        }
    }
    Ok(())
}

/// This database as a device.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncSelf {
    /// Its row in `sync_devices`.
    pub row: i64,
    /// Its id (16 hex digits) and name.
    pub device: String,
    pub name: String,
    /// Its events numbered so far (the highest number).
    pub numbered: i64,
    /// The length of its file after the last sync.
    pub file_bytes: u64,
    /// The folder, time (Unix ms) and outcome (JSON) of the last sync.
    pub dir: Option<String>,
    pub synced_at: Option<i64>,
    pub received: String,
}

/// Another device's answer, to be appended to the log ([`Store::add_synced_answers`]).
#[derive(Debug, Clone, PartialEq)]
pub struct SyncedAnswer {
    pub card: CardId,
    /// Unix milliseconds.
    pub at: i64,
    pub row: AnswerRow,
    /// Its id: the device's row here, and its number there.
    pub origin: i64,
    pub seq: i64,
}

/// An event made on this device, numbered, as its row holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnEvent {
    pub seq: i64,
    /// Unix milliseconds: when it happened.
    pub at: i64,
    pub what: What,
}

fn card_at(r: &Row<'_>) -> rusqlite::Result<CardRef> {
    Ok(CardRef {
        deck: r.get(1)?,
        key: r.get(2)?,
    })
}

/// One row reader per event table, in `OWN_AFTER`'s order.
fn read_event(table: usize, r: &Row<'_>) -> rusqlite::Result<OwnEvent> {
    let id: i64 = r.get(0)?;
    let card = |r: &Row<'_>| card_at(r);
    Ok(match table {
        0 => OwnEvent {
            seq: r.get(16)?,
            at: r.get(3)?,
            what: What::Answer {
                card: card(r)?,
                row: AnswerRow {
                    rating: r.get::<_, Rating>(4)?,
                    duration_ms: r.get(5)?,
                    state_before: r.get(6)?,
                    stability_before: r.get(7)?,
                    difficulty_before: r.get(8)?,
                    due_before: r.get(9)?,
                    last_review_before: r.get(10)?,
                    state_after: r.get(11)?,
                    stability_after: r.get(12)?,
                    difficulty_after: r.get(13)?,
                    due_after: r.get(14)?,
                    step_after: r.get(15)?,
                },
            },
        },
        1 => {
            let device: Option<String> = r.get(5)?;
            let seq: Option<i64> = r.get(6)?;
            OwnEvent {
                seq: r.get(7)?,
                at: r.get(3)?,
                what: What::Undo {
                    card: card(r)?,
                    answer: device.zip(seq).map(|(device, seq)| EventId { device, seq }),
                    answered_at: r.get(4)?,
                },
            }
        }
        2 => OwnEvent {
            seq: r.get(4)?,
            at: r.get(3)?,
            what: What::Reset { card: card(r)? },
        },
        3 => {
            let kind: String = r.get(4)?;
            let card = card(r)?;
            let what = match kind.as_str() {
                "suspend" => What::Suspend {
                    card,
                    suspended: true,
                },
                "unsuspend" => What::Suspend {
                    card,
                    suspended: false,
                },
                "bury" => What::Bury {
                    card,
                    until_day: Some(r.get(5)?),
                },
                "unbury" => What::Bury {
                    card,
                    until_day: None,
                },
                other => {
                    return Err(rusqlite::Error::FromSqlConversionFailure(
                        4,
                        rusqlite::types::Type::Text,
                        format!("{other:?} is not a card event").into(),
                    ))
                }
            };
            OwnEvent {
                seq: r.get(6)?,
                at: r.get(3)?,
                what,
            }
        }
        5 => OwnEvent {
            seq: r.get(6)?,
            at: r.get(3)?,
            what: What::Rename {
                card: card(r)?,
                from: CardRef {
                    deck: r.get(4)?,
                    key: r.get(5)?,
                },
            },
        },
        _ => {
            let json: String = r.get(2)?;
            let parameters: Vec<f32> = serde_json::from_str(&json).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    2,
                    rusqlite::types::Type::Text,
                    format!("parameter set {id} cannot be read ({e})").into(),
                )
            })?;
            OwnEvent {
                seq: r.get(5)?,
                at: r.get(1)?,
                what: What::Parameters {
                    parameters,
                    items: r.get(3)?,
                    cards: r.get(4)?,
                },
            }
        }
    })
}

impl Store {
    /// This database as a device, once a sync has made it one.
    pub fn sync_self(&self) -> Result<Option<SyncSelf>> {
        self.run(|| {
            self.conn
                .prepare_cached(SELF)?
                .query_row([], |r| {
                    Ok(SyncSelf {
                        row: r.get(0)?,
                        device: r.get(1)?,
                        name: r.get(2)?,
                        numbered: r.get(3)?,
                        file_bytes: r.get::<_, i64>(4)?.max(0) as u64,
                        dir: r.get(5)?,
                        synced_at: r.get(6)?,
                        received: r.get(7)?,
                    })
                })
                .optional()
        })
    }

    /// Makes this database a new device (a random id, SQLite's own randomness), named `name`:
    /// its events from now on are numbered from 1 under that id.
    pub fn become_new_device(&self, name: &str) -> Result<SyncSelf> {
        self.run(|| {
            let (row, _device): (i64, String) = self
                .conn
                .prepare_cached(NEW_DEVICE)?
                .query_row([name], |r| Ok((r.get(0)?, r.get(1)?)))?;
            self.conn.prepare_cached(BE_DEVICE)?.execute([row])?;
            Ok(())
        })?;
        Ok(self.sync_self()?.expect("the row was just written"))
    }

    /// Names this device.
    pub fn set_device_name(&self, row: i64, name: &str) -> Result<()> {
        self.run(|| {
            self.conn
                .prepare_cached(SET_NAME)?
                .execute(params![row, name])
                .map(drop)
        })
    }

    /// The row of another device (made if new; its name updated when one is given).
    pub fn device_row(&self, device: &str, name: &str) -> Result<i64> {
        self.run(|| {
            self.conn
                .prepare_cached(DEVICE)?
                .query_row(params![device, name], |r| r.get(0))
        })
    }

    /// Records how many events this device has numbered and its file's length.
    pub fn set_numbered(&self, numbered: i64, file_bytes: u64) -> Result<()> {
        self.run(|| {
            self.conn
                .prepare_cached(SET_NUMBERED)?
                .execute(params![numbered, file_bytes as i64])
                .map(drop)
        })
    }

    /// Records a finished sync.
    pub fn save_sync(
        &self,
        numbered: i64,
        file_bytes: u64,
        dir: &str,
        at: i64,
        received: &str,
    ) -> Result<()> {
        self.run(|| {
            self.conn
                .prepare_cached(SAVE_SELF)?
                .execute(params![numbered, file_bytes as i64, dir, at, received])
                .map(drop)
        })
    }

    /// Numbers the events made here that have none yet as device `row`'s, from `after + 1`
    /// on; the last number given (`after` when there was nothing to number).
    pub fn number_unsent(&self, row: i64, after: i64) -> Result<i64> {
        self.run(|| {
            let mut last = after;
            for sql in NUMBER_UNSENT {
                last += self.conn.prepare_cached(sql)?.execute(params![row, last])? as i64;
            }
            Ok(last)
        })
    }

    /// Calls `f` with each event device `row` (this one) numbered after `seq`, in number
    /// order (as [`Store::number_unsent`] numbers them), one row at a time.
    pub fn for_each_own_event(
        &self,
        row: i64,
        seq: i64,
        mut f: impl FnMut(OwnEvent) -> Result<()>,
    ) -> Result<()> {
        let mut events = Vec::new();
        for (table, sql) in OWN_AFTER.iter().enumerate() {
            let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
            let mut rows = stmt.query(params![row, seq]).map_err(|e| self.err(e))?;
            while let Some(r) = rows.next().map_err(|e| self.err(e))? {
                events.push(read_event(table, r).map_err(|e| self.err(e))?);
                if events.len() >= 4096 {
                    events.drain(..).try_for_each(&mut f)?;
                }
            }
        }
        events.into_iter().try_for_each(f)
    }

    /// Gives the events numbered as device `old`'s to device `new` (same numbers).
    pub fn move_own_events(&self, old: i64, new: i64) -> Result<()> {
        self.run(|| {
            for sql in MOVE_OWN_EVENTS {
                self.conn.prepare_cached(sql)?.execute(params![old, new])?;
            }
            Ok(())
        })
    }

    /// How far file `name` in folder `dir` was read: (bytes, whole lines).
    pub fn file_read(&self, dir: &str, name: &str) -> Result<(u64, u64)> {
        self.run(|| {
            self.conn
                .prepare_cached(FILE)?
                .query_row(params![dir, name], |r| {
                    Ok((
                        r.get::<_, i64>(0)?.max(0) as u64,
                        r.get::<_, i64>(1)?.max(0) as u64,
                    ))
                })
                .optional()
                .map(|o| o.unwrap_or((0, 0)))
        })
    }

    pub fn save_file_read(&self, dir: &str, name: &str, bytes: u64, lines: u64) -> Result<()> {
        self.run(|| {
            self.conn
                .prepare_cached(SAVE_FILE)?
                .execute(params![dir, name, bytes as i64, lines as i64])
                .map(drop)
        })
    }

    /// Keeps an event (its line) for `card` (or `also`, its other name: a rename's) until what
    /// it needs is here.
    pub fn wait(
        &self,
        id: &EventId,
        card: &CardRef,
        also: Option<&CardRef>,
        line: &str,
    ) -> Result<()> {
        let (alt_deck, alt_key) = (also.map(|c| &c.deck), also.map(|c| &c.key));
        self.run(|| {
            self.conn
                .prepare_cached(WAIT)?
                .execute(params![
                    id.device, id.seq, line, card.deck, card.key, alt_deck, alt_key
                ])
                .map(drop)
        })
    }

    /// The events waiting after `after` (in id order) whose card is here now, at most
    /// `limit`, as their lines.
    pub fn waiting(&self, after: &EventId, limit: usize) -> Result<Vec<(EventId, String)>> {
        self.run(|| {
            let mut stmt = self.conn.prepare_cached(WAITING)?;
            let rows = stmt.query_map(params![after.device, after.seq, limit as i64], |r| {
                Ok((
                    EventId {
                        device: r.get(0)?,
                        seq: r.get(1)?,
                    },
                    r.get(2)?,
                ))
            })?;
            rows.collect()
        })
    }

    pub fn unwait(&self, id: &EventId) -> Result<()> {
        self.run(|| {
            self.conn
                .prepare_cached(UNWAIT)?
                .execute(params![id.device, id.seq])
                .map(drop)
        })
    }

    pub fn waiting_count(&self) -> Result<usize> {
        self.run(|| {
            self.conn
                .prepare_cached(WAITING_COUNT)?
                .query_row([], |r| r.get::<_, i64>(0))
                .map(|n| n as usize)
        })
    }

    /// The card with key `card.key` in the deck named `card.deck`, retired or not; else the
    /// card that name belonged to (a name it had, or took on another device).
    pub fn card_of(&self, card: &CardRef) -> Result<Option<CardId>> {
        self.run(|| {
            self.conn
                .prepare_cached(CARD)?
                .query_row(params![card.deck, card.key], |r| {
                    r.get::<_, Option<CardId>>(0)
                })
        })
    }

    /// Appends other devices' answers to the log, each unless the log has it (by its id,
    /// or an answer to the card at the same millisecond: the same answer): the (device row,
    /// card) of each added. In card and time order, the log's indexes are written in order.
    pub fn add_synced_answers(&self, answers: &mut [SyncedAnswer]) -> Result<Vec<(i64, CardId)>> {
        answers.sort_unstable_by_key(|a| (a.card, a.at, a.origin, a.seq));
        if answers.len() < COUNTED_FROM {
            return self.append_synced_answers(answers, None);
        }
        self.with_answers_counted(|totals| self.append_synced_answers(answers, Some(totals)))
    }

    /// [`Store::add_synced_answers`], sorted; counting each appended answer into `totals`
    /// when given (its trigger set aside).
    fn append_synced_answers(
        &self,
        answers: &[SyncedAnswer],
        mut totals: Option<&mut AppendedTotals>,
    ) -> Result<Vec<(i64, CardId)>> {
        self.run(|| {
            let mut probing = self.conn.prepare_cached(INSERT_ANSWER)?;
            let mut plain = self.conn.prepare_cached(INSERT_ANSWER_NEW_CARD)?;
            let mut has_answers = self.conn.prepare_cached(CARD_HAS_ANSWERS)?;
            let mut added = Vec::new();
            for group in answers.chunk_by(|a, b| a.card == b.card) {
                // A card with no answer yet has none at any millisecond: its answers are told
                // apart here (sorted, one per millisecond) instead of by the store.
                let new_card = !has_answers.query_row([group[0].card], |r| r.get::<_, bool>(0))?;
                let mut previous: Option<i64> = None;
                for s in group {
                    if new_card && previous == Some(s.at) {
                        continue;
                    }
                    previous = Some(s.at);
                    let stmt = if new_card { &mut plain } else { &mut probing };
                    let a = &s.row;
                    let n = stmt.execute(params![
                        s.card,
                        s.at,
                        a.rating,
                        a.duration_ms,
                        a.state_before,
                        a.stability_before,
                        a.difficulty_before,
                        a.due_before,
                        a.last_review_before,
                        a.state_after,
                        a.stability_after,
                        a.difficulty_after,
                        a.due_after,
                        a.step_after,
                        s.origin,
                        s.seq
                    ])?;
                    if n > 0 {
                        added.push((s.origin, s.card));
                        if let Some(t) = totals.as_deref_mut() {
                            t.add(
                                s.at,
                                a.rating,
                                a.duration_ms,
                                a.state_before,
                                a.due_before,
                                a.last_review_before,
                            );
                        }
                    }
                }
            }
            Ok(added)
        })
    }

    /// The `reviews` row of an answer: by its event id, else the card's answer at that time.
    pub fn synced_answer(
        &self,
        origin: Option<(i64, i64)>,
        card: CardId,
        at: i64,
    ) -> Result<Option<i64>> {
        self.run(|| {
            if let Some((row, seq)) = origin {
                // The id, and what it names: another database under the same id may have
                // given it to another answer.
                let found = self
                    .conn
                    .prepare_cached(ANSWER_OF_EVENT)?
                    .query_row(params![row, seq, card, at], |r| r.get(0))
                    .optional()?;
                if found.is_some() {
                    return Ok(found);
                }
            }
            self.conn
                .prepare_cached(ANSWER_AT)?
                .query_row(params![card, at], |r| r.get(0))
                .optional()
        })
    }

    /// Marks an answer undone by another device's undo at `at`, unless it was undone earlier
    /// (the earliest undo's time counts; an undo that has an id already keeps it, so a device
    /// finds its own events where it numbered them). Whether anything changed.
    pub fn add_synced_undo(&self, review: i64, at: i64, origin: i64, seq: i64) -> Result<bool> {
        self.run(|| {
            self.conn
                .prepare_cached(UNDO)?
                .execute(params![review, at, origin, seq])
                .map(|n| n > 0)
        })
    }

    /// Appends another device's reset unless the card has one at that time.
    pub fn add_synced_reset(&self, card: CardId, at: i64, origin: i64, seq: i64) -> Result<bool> {
        self.run(|| {
            self.conn
                .prepare_cached(INSERT_RESET)?
                .execute(params![card, at, origin, seq])
                .map(|n| n > 0)
        })
    }

    /// Appends another device's suspend/unsuspend/bury/unbury (unless the card has the same
    /// one at that time) and sets the card's flag from its latest event of that pair.
    pub fn add_synced_card_event(
        &self,
        card: CardId,
        kind: &str,
        at: i64,
        until_day: Option<i64>,
        origin: i64,
        seq: i64,
    ) -> Result<bool> {
        self.run(|| {
            let added = self
                .conn
                .prepare_cached(INSERT_CARD_EVENT)?
                .execute(params![card, kind, at, until_day, origin, seq])?
                > 0;
            if added {
                flags_from_events(&self.conn, card, kind)?;
            }
            Ok(added)
        })
    }

    /// Takes in another device's rename of `card` (from `from` to `to`, at `at`): both names
    /// become the card's here (a name another card has keeps that card), so events that
    /// device logged under either find it. Whether the rename was new here.
    pub fn add_synced_rename(
        &self,
        card: CardId,
        from: &CardRef,
        to: &CardRef,
        at: i64,
        origin: i64,
        seq: i64,
    ) -> Result<bool> {
        self.run(|| {
            let added = self
                .conn
                .prepare_cached(INSERT_CARD_RENAME)?
                .execute(params![
                    card, from.deck, from.key, to.deck, to.key, at, origin, seq
                ])?
                > 0;
            for name in [from, to] {
                self.conn
                    .prepare_cached(LEARN_NAME)?
                    .execute(params![name.deck, name.key, card])?;
            }
            Ok(added)
        })
    }

    /// Adds another device's parameter set unless one the same was made at that time.
    pub fn add_synced_parameters(
        &self,
        at: i64,
        parameters: &[f32],
        items: i64,
        cards: i64,
        origin: i64,
        seq: i64,
    ) -> Result<bool> {
        let json = serde_json::to_string(parameters).unwrap_or_default();
        self.run(|| {
            self.conn
                .prepare_cached(INSERT_PARAMETERS)?
                .execute(params![at, json, items, cards, origin, seq])
                .map(|n| n > 0)
        })
    }

    /// Gives the event made here that `what` (at `at`, on `card`) describes, not numbered yet,
    /// the number `seq` of device `row`: a line a stopped sync wrote is matched to its row.
    /// Whether there was such a row.
    pub fn adopt_own_event(
        &self,
        what: &What,
        at: i64,
        card: Option<CardId>,
        row: i64,
        seq: i64,
    ) -> Result<bool> {
        self.run(|| {
            let n = match (what, card) {
                (What::Answer { .. }, Some(c)) => self
                    .conn
                    .prepare_cached(ADOPT_ANSWER)?
                    .execute(params![c, at, row, seq])?,
                (What::Undo { answered_at, .. }, Some(c)) => self
                    .conn
                    .prepare_cached(ADOPT_UNDO)?
                    .execute(params![c, answered_at, row, seq])?,
                (What::Reset { .. }, Some(c)) => self
                    .conn
                    .prepare_cached(ADOPT_RESET)?
                    .execute(params![c, at, row, seq])?,
                (What::Suspend { .. } | What::Bury { .. }, Some(c)) => self
                    .conn
                    .prepare_cached(ADOPT_CARD_EVENT)?
                    .execute(params![c, what.kind(), at, row, seq])?,
                (What::Rename { card: to, .. }, Some(c)) => self
                    .conn
                    .prepare_cached(ADOPT_CARD_RENAME)?
                    .execute(params![c, at, row, seq, to.deck, to.key])?,
                (What::Parameters { parameters, .. }, _) => {
                    let json = serde_json::to_string(parameters).unwrap_or_default();
                    self.conn
                        .prepare_cached(ADOPT_PARAMETERS)?
                        .execute(params![at, json, row, seq])?
                }
                _ => 0,
            };
            Ok(n > 0)
        })
    }

    /// Is `e` (numbered by this device, `row`) the event this database numbered so: the same
    /// kind at the same millisecond? (Not the card's deck or key: notes moved since rename
    /// them.)
    pub fn own_event_is(&self, row: i64, e: &crate::event::Event) -> Result<bool> {
        let seq = e.id.seq;
        self.run(|| {
            let (sql, at) = match &e.what {
                What::Answer { .. } => (IS_OWN_ANSWER, e.at),
                What::Undo { answered_at, .. } => (IS_OWN_UNDO, *answered_at),
                What::Reset { .. } => (IS_OWN_RESET, e.at),
                What::Suspend { .. } | What::Bury { .. } => (IS_OWN_CARD_EVENT, e.at),
                What::Rename { .. } => (IS_OWN_CARD_RENAME, e.at),
                What::Parameters { .. } => {
                    return self
                        .conn
                        .prepare_cached(IS_OWN_PARAMETERS)?
                        .query_row(params![row, seq, e.at], |r| r.get(0));
                }
            };
            self.conn
                .prepare_cached(sql)?
                .query_row(params![row, seq, at], |r| r.get(0))
        })
    }
}
