//! The `sources` table: which note files were imported, and what they held then.

use super::Store;
use crate::error::Result;
use crate::model::DeckId;
use rusqlite::{params, OptionalExtension};

const BY_PATH: &str = include_str!("sources/by_path.sql");
const UPSERT: &str = include_str!("sources/upsert.sql");
const ALL_PATHS: &str = include_str!("sources/all_paths.sql");
const WITH_DECKS: &str = include_str!("sources/with_decks.sql");

/// What the store remembers of an imported note file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    pub id: i64,
    pub deck_id: DeckId,
    pub content_hash: String,
    pub settings_hash: String,
    pub size: i64,
    pub mtime_ms: Option<i64>,
    pub imported_at: i64,
    /// The command-line card settings it was imported with (JSON).
    pub flags: String,
}

/// A note file as imported now.
#[derive(Debug, Clone)]
pub struct SourceFacts<'a> {
    pub path: &'a str,
    pub deck_id: DeckId,
    pub content_hash: &'a str,
    pub settings_hash: &'a str,
    pub size: i64,
    pub mtime_ms: Option<i64>,
    pub flags: &'a str,
}

impl Store {
    pub fn source_by_path(&self, path: &str) -> Result<Option<SourceRow>> {
        self.conn
            .prepare_cached(BY_PATH)
            .and_then(|mut s| {
                s.query_row([path], |r| {
                    Ok(SourceRow {
                        id: r.get(0)?,
                        deck_id: r.get(1)?,
                        content_hash: r.get(2)?,
                        settings_hash: r.get(3)?,
                        size: r.get(4)?,
                        mtime_ms: r.get(5)?,
                        imported_at: r.get(6)?,
                        flags: r.get(7)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.err(e))
    }

    /// Records a source as imported now; returns its id.
    pub fn upsert_source(&self, f: &SourceFacts<'_>, now: i64) -> Result<i64> {
        self.conn
            .prepare_cached(UPSERT)
            .and_then(|mut s| {
                s.query_row(
                    params![
                        f.path,
                        f.deck_id,
                        f.content_hash,
                        f.settings_hash,
                        f.size,
                        f.mtime_ms,
                        now,
                        f.flags
                    ],
                    |r| r.get(0),
                )
            })
            .map_err(|e| self.err(e))
    }

    /// Every imported note file with the deck it was imported into.
    pub fn sources_with_decks(&self) -> Result<Vec<(String, String)>> {
        self.run(|| -> rusqlite::Result<Vec<(String, String)>> {
            let mut stmt = self.conn.prepare_cached(WITH_DECKS)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }

    /// Every imported note file's path.
    pub fn source_paths(&self) -> Result<Vec<String>> {
        self.run(|| -> rusqlite::Result<Vec<String>> {
            let mut stmt = self.conn.prepare_cached(ALL_PATHS)?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect()
        })
    }
}
