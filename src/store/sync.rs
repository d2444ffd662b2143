//! The store's side of syncing through a folder: this database as a device, the events made
//! here that other devices have not been sent (and numbering them), how far each other
//! device's file has been read, events waiting for their card; writing in what other devices
//! did, each event once, is `apply`'s.

use super::stats::AppendedTotals;
use super::Store;
use crate::error::Result;
use crate::event::{AnswerRow, CardRef, EventId, What};
use crate::model::CardId;
use crate::schedule::Rating;
use rusqlite::{params, OptionalExtension, Row};

mod apply;

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
const LATEST_SUSPEND: &str = include_str!("sync/latest_suspend.sql");
const LATEST_BURY: &str = include_str!("sync/latest_bury.sql");
const SET_SUSPENDED: &str = include_str!("sync/set_suspended.sql");
const SET_BURIED: &str = include_str!("sync/set_buried.sql");

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
}
