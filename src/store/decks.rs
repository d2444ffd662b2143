//! The `decks` table: names, and counts per deck.

use super::Store;
use crate::error::Result;
use crate::model::DeckId;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

const NAMES: &str = include_str!("decks/names.sql");
const INSERT: &str = include_str!("decks/insert.sql");
const BY_NAME: &str = include_str!("decks/by_name.sql");
const COUNTS: &str = include_str!("decks/counts.sql");
const NAME: &str = include_str!("decks/name.sql");

/// A deck with its card counts (retired cards not counted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeckCounts {
    pub name: String,
    pub total: i64,
    pub new: i64,
    /// Studied cards due at the time asked.
    pub due: i64,
    pub suspended: i64,
    /// Where the deck's cards come from when not from note files (`anki`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

impl Store {
    /// The id of the deck with this name, creating it if needed.
    pub fn deck_id(&self, name: &str, now: i64) -> Result<DeckId> {
        self.run(|| -> rusqlite::Result<DeckId> {
            self.conn
                .prepare_cached(INSERT)?
                .execute(params![name, now])?;
            self.conn
                .prepare_cached(BY_NAME)?
                .query_row([name], |r| r.get(0))
        })
    }

    /// A deck's name.
    pub fn deck_name(&self, id: DeckId) -> Result<Option<String>> {
        self.conn
            .prepare_cached(NAME)
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    /// The id of an existing deck.
    pub fn deck_names(&self) -> Result<Vec<String>> {
        self.run(|| {
            let mut stmt = self.conn.prepare_cached(NAMES)?;
            let rows = stmt.query_map([], |r| super::shown_text(r, 0))?;
            rows.collect()
        })
    }

    pub fn find_deck(&self, name: &str) -> Result<Option<DeckId>> {
        self.conn
            .prepare_cached(BY_NAME)
            .and_then(|mut s| s.query_row([name], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    /// Every deck that has cards, by name, with its counts at time `now`.
    pub fn deck_counts(&self, now: i64) -> Result<Vec<DeckCounts>> {
        self.run(|| -> rusqlite::Result<Vec<DeckCounts>> {
            let mut stmt = self.conn.prepare_cached(COUNTS)?;
            let rows = stmt.query_map([now], |r| {
                Ok(DeckCounts {
                    name: super::shown_text(r, 0)?,
                    total: r.get(1)?,
                    new: r.get(2)?,
                    due: r.get(3)?,
                    suspended: r.get(4)?,
                    origin: r.get(5)?,
                })
            })?;
            rows.collect()
        })
    }
}

const DUE: &str = include_str!("decks/due.sql");

/// When a deck's studied cards come due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeckDue {
    pub name: String,
    pub now: i64,
    pub later_today: i64,
    pub tomorrow: i64,
    /// The next due time after now (Unix milliseconds).
    pub next: Option<i64>,
}

impl Store {
    /// Due counts per deck: due at `now`, later before `end_of_day`, and the study day after.
    pub fn deck_due(
        &self,
        now: i64,
        end_of_day: i64,
        end_of_tomorrow: i64,
    ) -> Result<Vec<DeckDue>> {
        self.run(|| -> rusqlite::Result<Vec<DeckDue>> {
            let mut stmt = self.conn.prepare_cached(DUE)?;
            let rows = stmt.query_map(params![now, end_of_day, end_of_tomorrow], |r| {
                Ok(DeckDue {
                    name: super::shown_text(r, 0)?,
                    now: r.get(1)?,
                    later_today: r.get(2)?,
                    tomorrow: r.get(3)?,
                    next: r.get(4)?,
                })
            })?;
            rows.collect()
        })
    }
}
