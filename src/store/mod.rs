//! SQLite storage. `Store` owns the connection: opening (pragmas, migrations, the backup kept
//! before a migration) and, in the submodules, the queries for one table group each.
//! Every multi-statement write runs in one explicit transaction.

pub mod anki;
pub mod blocks;
pub mod busy;
pub mod cards;
pub mod copies;
pub mod decks;
pub mod parameters;
pub mod queue;
mod replay;
pub mod reviews;
pub mod simulation;
pub mod sources;
pub mod staging;
pub mod stats;
pub mod sync;

use crate::error::{Error, Result};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The schema, in order; `PRAGMA user_version` is the number of migrations applied.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../../migrations/0001_init.sql")),
    (
        "0002_review_session",
        include_str!("../../migrations/0002_review_session.sql"),
    ),
    (
        "0003_stats_cache",
        include_str!("../../migrations/0003_stats_cache.sql"),
    ),
    (
        "0004_parameters",
        include_str!("../../migrations/0004_parameters.sql"),
    ),
    (
        "0005_sibling_groups",
        include_str!("../../migrations/0005_sibling_groups.sql"),
    ),
    (
        "0006_block_refs",
        include_str!("../../migrations/0006_block_refs.sql"),
    ),
    (
        "0007_note_folders",
        include_str!("../../migrations/0007_note_folders.sql"),
    ),
    (
        "0008_learning_steps",
        include_str!("../../migrations/0008_learning_steps.sql"),
    ),
    (
        "0009_relearning_answers",
        include_str!("../../migrations/0009_relearning_answers.sql"),
    ),
    (
        "0010_deck_origin",
        include_str!("../../migrations/0010_deck_origin.sql"),
    ),
    ("0011_sync", include_str!("../../migrations/0011_sync.sql")),
    (
        "0012_stability_bands",
        include_str!("../../migrations/0012_stability_bands.sql"),
    ),
    (
        "0013_answer_buttons",
        include_str!("../../migrations/0013_answer_buttons.sql"),
    ),
    (
        "0014_card_aliases",
        include_str!("../../migrations/0014_card_aliases.sql"),
    ),
    (
        "0015_anki_origins",
        include_str!("../../migrations/0015_anki_origins.sql"),
    ),
    (
        "0016_counted_answers",
        include_str!("../../migrations/0016_counted_answers.sql"),
    ),
];

/// A text column as a person will see it: control characters made visible (notes are made
/// safe when imported; this covers cards stored before that, and other writers).
pub(crate) fn shown_text(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    Ok(crate::text::visible(r.get(i)?))
}

/// Is there a rollback journal beside `path` with something in it?
fn hot_journal(path: &Path) -> bool {
    std::fs::metadata(format!("{}-journal", path.display())).is_ok_and(|m| m.len() > 0)
}

/// Marks a SQLite file as recall's (`PRAGMA application_id`): "RCLL".
pub const APPLICATION_ID: i64 = 0x5243_4C4C;

/// An open recall database.
pub struct Store {
    pub(crate) conn: Connection,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (creating it and its folder if needed) and migrates the database at `path`.
    /// A database written by a newer recall is refused and left untouched.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::CreateFolder {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        Store::look_before_opening(path)?;
        let conn = Connection::open(path).map_err(|e| Error::db(path, e))?;
        let read_only = conn
            .is_readonly(rusqlite::MAIN_DB)
            .map_err(|e| Error::db(path, e))?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        if read_only {
            return store.read_only();
        }
        let opened = store
            .check_ours()
            .and_then(|()| store.configure())
            .and_then(|()| store.migrate());
        match opened {
            // The file can be written but not what SQLite keeps beside it (a read-only
            // folder): read it without writing anything.
            Err(Error::ReadOnly { .. }) => {
                store.conn = Connection::open_with_flags(
                    path,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(|e| Error::db(path, e))?;
                store.read_only()
            }
            Err(e) => Err(e),
            Ok(()) => Ok(store),
        }
    }

    /// Refuses another program's database without writing to it: a file that holds anything
    /// is first read through a read-only connection, which neither checkpoints a pending
    /// write-ahead log nor rolls back a hot journal (a read-write connection would, before
    /// recall could tell whose the file is). A file that cannot be read so is left to the
    /// read-write open, which says why.
    fn look_before_opening(path: &Path) -> Result<()> {
        let has_data = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > 0);
        if !has_data {
            return Ok(());
        }
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let Ok(conn) = Connection::open_with_flags(path, flags) else {
            return Ok(());
        };
        let look = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        match look.check_ours() {
            Err(e @ Error::Foreign { .. }) => Err(e),
            // A hot journal a reader cannot roll back: whoever's it is, recall leaves it to
            // the program that wrote it unless it is recall's (checked once rolled back).
            Err(_) if hot_journal(path) => Err(Error::Foreign {
                path: path.to_path_buf(),
                what: "an unfinished write left in its journal, which recall does not finish"
                    .into(),
            }),
            _ => Ok(()),
        }
    }

    /// A database that cannot be written (the file, its folder or the file system is
    /// read-only) is still read: statistics, lists and due dates work; writes fail with
    /// [`Error::ReadOnly`]. If SQLite cannot even keep its shared-memory index beside it (a
    /// read-only folder), it is read as unchanging.
    fn read_only(mut self) -> Result<Store> {
        let path = self.display_path();
        if self.check_ours().is_err() {
            let encoded = path
                .display()
                .to_string()
                .replace('%', "%25")
                .replace('?', "%3f")
                .replace('#', "%23");
            let uri = format!("file:{encoded}?immutable=1");
            let flags =
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI;
            self.conn = Connection::open_with_flags(uri, flags).map_err(|e| Error::db(&path, e))?;
        }
        self.check_ours()?;
        let known = MIGRATIONS.len();
        if self.user_version()? != known {
            return Err(Error::ReadOnlyOld { path, known });
        }
        self.conn
            .busy_handler(Some(busy::wait))
            .map_err(|e| self.err(e))?;
        Ok(self)
    }

    /// Can this database be written?
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true)
    }

    /// A fresh database in memory (tests).
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| Error::db(Path::new(":memory:"), e))?;
        let mut store = Store { conn, path: None };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// The database file, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder beside the database that keeps the images and sounds of cards from Anki
    /// (`recall.db` → `recall.media`); none for a database in memory.
    pub fn media_folder(&self) -> Option<PathBuf> {
        self.path.as_ref().map(|p| p.with_extension("media"))
    }

    fn display_path(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from(":memory:"))
    }

    /// Wraps a SQLite error with this database's path.
    pub(crate) fn err(&self, e: rusqlite::Error) -> Error {
        Error::db(&self.display_path(), e)
    }

    /// Runs some queries, an error naming this database.
    pub(crate) fn run<T>(&self, queries: impl FnOnce() -> rusqlite::Result<T>) -> Result<T> {
        queries().map_err(|e| self.err(e))
    }

    fn configure(&mut self) -> Result<()> {
        // A write waits for another recall's (see `busy`), saying so, rather than failing.
        self.conn
            .busy_handler(Some(busy::wait))
            .map_err(|e| self.err(e))?;
        // WAL: readers never block the writer, and a commit is one append to the log.
        // synchronous=FULL: a committed answer survives a power cut, not just a crash.
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
            )
            .map_err(|e| self.err(e))
    }

    /// Refuses, before anything is written, a database another program made: recall's are
    /// marked with [`APPLICATION_ID`] (or, made before the mark, hold recall's tables); an
    /// empty file is a new database.
    fn check_ours(&self) -> Result<()> {
        let read = || -> rusqlite::Result<(i64, i64, Vec<String>)> {
            let app: i64 = self
                .conn
                .query_row("PRAGMA application_id", [], |r| r.get(0))?;
            let version: i64 = self
                .conn
                .query_row("PRAGMA user_version", [], |r| r.get(0))?;
            let mut stmt = self.conn.prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )?;
            let tables = stmt
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok((app, version, tables))
        };
        let (app, version, tables) = read().map_err(|e| self.err(e))?;
        let has = |t: &str| tables.iter().any(|n| n == t);
        let ours = app == APPLICATION_ID
            || (app == 0 && version == 0 && tables.is_empty())
            || (app == 0 && version >= 1 && has("cards") && has("reviews") && has("decks"));
        if ours {
            return Ok(());
        }
        let what = if app != 0 {
            format!("application id {app:#x}")
        } else {
            let shown: Vec<&str> = tables.iter().take(3).map(String::as_str).collect();
            let more = if tables.len() > 3 { ", …" } else { "" };
            format!("tables {}{more}", shown.join(", "))
        };
        Err(Error::Foreign {
            path: self.display_path(),
            what,
        })
    }

    fn user_version(&self) -> Result<usize> {
        let v: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        Ok(v.max(0) as usize)
    }

    /// Applies the migrations this database lacks, all in one transaction (all of them or,
    /// if one fails, none), and marks it as recall's. An existing database is copied into its
    /// backups first (`backups/recall-20261201-153000-before-upgrade-from-v6.db`).
    fn migrate(&mut self) -> Result<()> {
        let found = self.user_version()?;
        let known = MIGRATIONS.len();
        if found > known {
            return Err(Error::NewerDatabase {
                path: self.display_path(),
                found,
                known,
            });
        }
        let app: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if found == known && app == APPLICATION_ID {
            return Ok(());
        }
        if found > 0 && found < known {
            self.backup(found)?;
        }
        let path = self.display_path();
        let tx = self.conn.transaction().map_err(|e| Error::db(&path, e))?;
        for (n, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found) {
            tx.execute_batch(sql)
                .and_then(|_| tx.pragma_update(None, "user_version", (n + 1) as i64))
                .map_err(|e| Error::Migration {
                    path: path.clone(),
                    name: name.to_string(),
                    message: e.to_string(),
                })?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .and_then(|_| tx.commit())
            .map_err(|e| Error::db(&path, e))
    }

    /// Copies the database, as it is at schema `version`, into its backups folder, unless a
    /// copy of that version is there: then a migration from it failed before (nothing changed
    /// since, as a database that cannot be migrated cannot be used), and its copy stands. When
    /// the backups folder cannot be written (a link to a drive not mounted, a file in its
    /// place), the copy goes beside the database (`recall.db.v6.bak`).
    fn backup(&self, version: usize) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let reason = format!("{}{version}", copies::UPGRADE);
        let beside = PathBuf::from(format!("{}.v{version}.bak", path.display()));
        if beside.exists() || copies::list(path).iter().any(|b| b.reason == reason) {
            return Ok(());
        }
        let now = (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH))
            .map_or(0, |d| d.as_millis() as i64);
        self.copy_to(&copies::backup_path(path, &reason, now))
            .or_else(|_| self.copy_to(&beside))
    }

    /// Runs `f` in one transaction (taking the write lock at once, so a second recall waits
    /// instead of failing half-way). Commits when `f` succeeds and `commit` is true; rolls back
    /// otherwise (`--dry-run`, errors, panics).
    pub fn transaction<T>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&Store) -> Result<T>,
    ) -> Result<T> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.err(e))?;
        struct Rollback<'a>(&'a Connection, bool);
        impl Drop for Rollback<'_> {
            fn drop(&mut self) {
                if self.1 {
                    let _ = self.0.execute_batch("ROLLBACK");
                }
            }
        }
        let mut guard = Rollback(&self.conn, true);
        let out = f(self)?;
        if commit {
            guard.1 = false;
            self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
        }
        drop(guard);
        Ok(out)
    }

    /// Runs `f` inside the open transaction under a savepoint: what it wrote stays if it
    /// returns `Ok(true)`, and is undone if it returns `Ok(false)` or an error.
    pub fn with_savepoint(&self, f: impl FnOnce() -> Result<bool>) -> Result<bool> {
        self.run(|| self.conn.execute_batch("SAVEPOINT recall_part"))?;
        let kept = f();
        let end = match kept {
            Ok(true) => "RELEASE recall_part",
            _ => "ROLLBACK TO recall_part; RELEASE recall_part",
        };
        let ended = self.run(|| self.conn.execute_batch(end));
        let kept = kept?;
        ended?;
        Ok(kept)
    }

    /// Runs `f` in one read transaction: a snapshot no other writer changes half-way, which
    /// takes the database's shared lock once instead of once per query (and never the write
    /// lock: a review answering meanwhile is not held up).
    pub fn read_transaction<T>(&mut self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(|e| self.err(e))?;
        let out = f(self);
        let end = if out.is_ok() { "COMMIT" } else { "ROLLBACK" };
        let ended = self.conn.execute_batch(end).map_err(|e| self.err(e));
        let out = out?;
        ended?;
        Ok(out)
    }

    /// SQLite's own consistency check: its messages, `["ok"]` when all is well.
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }
}

/// The default database: `recall.db` in the platform data folder
/// (`~/.local/share/recall/recall.db` on Linux).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "recall").map(|d| d.data_dir().join("recall.db"))
}

#[cfg(test)]
mod tests;
