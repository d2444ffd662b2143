//! The `sources` table: which note files were imported, and what they held then.

use super::Store;
use crate::error::Result;
use crate::model::DeckId;
use rusqlite::{params, OptionalExtension};

const BY_PATH: &str = include_str!("sources/by_path.sql");
/// Every source, by path (the same columns after it).
const ALL: &str = include_str!("sources/all.sql");
const COUNT: &str = include_str!("sources/count.sql");
const UPSERT: &str = include_str!("sources/upsert.sql");
const ALL_PATHS: &str = include_str!("sources/all_paths.sql");
const WITH_DECKS: &str = include_str!("sources/with_decks.sql");
const FILE_OF: &str = include_str!("sources/file_of.sql");
const UNDER: &str = include_str!("sources/under.sql");
const MARK_GONE: &str = include_str!("sources/mark_gone.sql");
const FOLDERS: &str = include_str!("sources/folders.sql");
const PUT_FOLDER: &str = include_str!("sources/put_folder.sql");
const DELETE_FOLDERS_UNDER: &str = include_str!("sources/delete_folders_under.sql");

/// A folder imported whole (the sync walks it again).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFolder {
    pub path: String,
    /// The deck every note of it goes to (`--deck`), if one was given.
    pub deck: Option<String>,
    /// The command-line card settings it was imported with (JSON).
    pub flags: String,
}

/// An imported note file as a folder's walk sees it: id, path and content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownSource {
    pub id: i64,
    pub path: String,
    pub content_hash: String,
}

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
    /// When its file was found gone (its cards retired), if it was.
    pub gone_at: Option<i64>,
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

/// A [`SourceRow`] from its columns, starting at `at`.
fn source_row(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<SourceRow> {
    Ok(SourceRow {
        id: r.get(at)?,
        deck_id: r.get(at + 1)?,
        content_hash: r.get(at + 2)?,
        settings_hash: r.get(at + 3)?,
        size: r.get(at + 4)?,
        mtime_ms: r.get(at + 5)?,
        imported_at: r.get(at + 6)?,
        flags: r.get(at + 7)?,
        gone_at: r.get(at + 8)?,
    })
}

impl Store {
    pub fn source_by_path(&self, path: &str) -> Result<Option<SourceRow>> {
        self.conn
            .prepare_cached(BY_PATH)
            .and_then(|mut s| s.query_row([path], |r| source_row(r, 0)).optional())
            .map_err(|e| self.err(e))
    }

    /// Calls `f` with every imported note file's path and row (one read, for an import of
    /// many files).
    pub fn each_source(&self, mut f: impl FnMut(String, SourceRow)) -> Result<()> {
        self.run(|| {
            let mut stmt = self.conn.prepare_cached(ALL)?;
            let mut rows = stmt.query([])?;
            while let Some(r) = rows.next()? {
                f(r.get(0)?, source_row(r, 1)?);
            }
            Ok(())
        })
    }

    /// How many note files the store knows.
    pub fn source_count(&self) -> Result<usize> {
        self.run(|| {
            self.conn
                .prepare_cached(COUNT)?
                .query_row([], |r| r.get::<_, i64>(0))
        })
        .map(|n| n as usize)
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

    /// The imported note files (not found gone) whose path starts with `prefix`.
    pub fn sources_under(&self, prefix: &str) -> Result<Vec<KnownSource>> {
        self.run(|| -> rusqlite::Result<Vec<KnownSource>> {
            let mut stmt = self.conn.prepare_cached(UNDER)?;
            let rows = stmt.query_map([prefix], |r| {
                Ok(KnownSource {
                    id: r.get(0)?,
                    path: r.get(1)?,
                    content_hash: r.get(2)?,
                })
            })?;
            rows.collect()
        })
    }

    /// Records that a source's file is gone (its cards are retired by the caller): its next
    /// import reads it, whatever its size and time.
    pub fn mark_source_gone(&self, id: i64, now: i64) -> Result<()> {
        self.conn
            .prepare_cached(MARK_GONE)
            .and_then(|mut s| s.execute(params![id, now]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Every folder imported whole.
    pub fn note_folders(&self) -> Result<Vec<NoteFolder>> {
        self.run(|| -> rusqlite::Result<Vec<NoteFolder>> {
            let mut stmt = self.conn.prepare_cached(FOLDERS)?;
            let rows = stmt.query_map([], |r| {
                Ok(NoteFolder {
                    path: r.get(0)?,
                    deck: r.get(1)?,
                    flags: r.get(2)?,
                })
            })?;
            rows.collect()
        })
    }

    /// Remembers a folder imported whole.
    pub fn put_note_folder(&self, f: &NoteFolder, now: i64) -> Result<()> {
        self.conn
            .prepare_cached(PUT_FOLDER)
            .and_then(|mut s| s.execute(params![f.path, f.deck, f.flags, now]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Forgets the folders imported whole whose path starts with `prefix` (a folder around
    /// them was imported since: its deck names apply to their notes now).
    pub fn delete_note_folders_under(&self, prefix: &str) -> Result<()> {
        self.conn
            .prepare_cached(DELETE_FOLDERS_UNDER)
            .and_then(|mut s| s.execute([prefix]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Every imported note file with the deck it was imported into, and whether it was found
    /// gone.
    pub fn sources_with_decks(&self) -> Result<Vec<(String, String, bool)>> {
        self.run(|| -> rusqlite::Result<Vec<(String, String, bool)>> {
            let mut stmt = self.conn.prepare_cached(WITH_DECKS)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect()
        })
    }

    /// The note file of source `id` and its deck, as stored (not made safe to show: a path
    /// to open).
    pub fn note_file_of(&self, id: i64) -> Result<Option<(String, String)>> {
        self.run(|| {
            let mut stmt = self.conn.prepare_cached(FILE_OF)?;
            stmt.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
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
