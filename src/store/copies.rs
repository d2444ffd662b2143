//! Copies of the database: where backups go and how they are named, a consistent online copy
//! through SQLite's backup API (another recall may be answering meanwhile), and a restore from
//! such a copy. A copy is written beside its destination and renamed into place, so a crash
//! never leaves half a backup under its name.

use super::Store;
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Backup {
    pub path: PathBuf,
    /// When it was taken (Unix milliseconds, from its name).
    pub taken_at: i64,
    /// `daily`, `optimize`, `restore`, `manual`, or `before-upgrade-from-v6` (see
    /// [`UPGRADE`]).
    pub reason: String,
    pub bytes: u64,
}

/// The reason of the copy taken before a migration starts with this; such copies are kept
/// out of the rotation (one per schema version, taken once).
pub const UPGRADE: &str = "before-upgrade-from-v";

impl Backup {
    /// One of the rotating backups (not a copy taken before an upgrade).
    pub fn rotates(&self) -> bool {
        !self.reason.starts_with(UPGRADE)
    }
}

/// The folder the backups of database `db` go to.
pub fn folder(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map_or_else(|| "recall".into(), |s| s.to_string_lossy().into_owned())
}

/// The backups of `db`, newest first.
pub fn list(db: &Path) -> Vec<Backup> {
    let prefix = format!("{}-", stem(db));
    let Ok(entries) = std::fs::read_dir(folder(db)) else {
        return Vec::new();
    };
    let mut found: Vec<Backup> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".db")?;
            let (when, reason) = rest.get(..15).zip(rest.get(16..))?;
            let t = chrono::NaiveDateTime::parse_from_str(when, "%Y%m%d-%H%M%S").ok()?;
            Some(Backup {
                path: e.path(),
                taken_at: t.and_utc().timestamp_millis(),
                reason: reason.to_string(),
                bytes: e.metadata().map_or(0, |m| m.len()),
            })
        })
        .collect();
    found.sort_by(|a, b| b.taken_at.cmp(&a.taken_at).then(b.path.cmp(&a.path)));
    found
}

/// Where a backup of `db` taken at `now` (Unix milliseconds) for `reason` goes.
pub fn backup_path(db: &Path, reason: &str, now: i64) -> PathBuf {
    let when = chrono::DateTime::from_timestamp_millis(now)
        .unwrap_or_default()
        .format("%Y%m%d-%H%M%S");
    folder(db).join(format!("{}-{when}-{reason}.db", stem(db)))
}

/// A backup step that copied every page; busy or locked (another recall writing) is an error
/// to retry, never a half copy taken for a whole one.
fn done(step: rusqlite::backup::StepResult) -> rusqlite::Result<()> {
    use rusqlite::backup::StepResult;
    match step {
        StepResult::Done => Ok(()),
        _ => Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("another recall is writing; try again in a moment".into()),
        )),
    }
}

impl Store {
    /// Copies the whole database, as one consistent snapshot, to `path` (replaced if it
    /// exists).
    pub fn copy_to(&self, path: &Path) -> Result<()> {
        // Its own name: two recalls copying at once never write into each other's file.
        let tmp = path.with_extension(format!("{}.partial", std::process::id()));
        let io = |source| Error::Write {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let _ = std::fs::remove_file(&tmp);
        let copy = || -> rusqlite::Result<()> {
            let mut dst = Connection::open(&tmp)?;
            {
                let backup = rusqlite::backup::Backup::new(&self.conn, &mut dst)?;
                // All pages in one step: a snapshot no other writer can change half-way.
                done(backup.step(-1)?)?;
            }
            dst.pragma_update(None, "journal_mode", "DELETE")?;
            dst.close().map_err(|(_, e)| e)
        };
        let written = copy()
            .map_err(|e| Error::db(&tmp, e))
            .and_then(|()| {
                std::fs::File::open(&tmp)
                    .and_then(|f| f.sync_all())
                    .map_err(io)
            })
            .and_then(|()| std::fs::rename(&tmp, path).map_err(io));
        if written.is_err() {
            // A full disk (or any failure) leaves no half copy behind, run after run.
            for leftover in [
                tmp.clone(),
                PathBuf::from(format!("{}-journal", tmp.display())),
            ] {
                let _ = std::fs::remove_file(leftover);
            }
        }
        written
    }

    /// Replaces this database's content with the copy at `path`, which must be a recall
    /// database that passes SQLite's integrity check. The caller backs up the current one
    /// first.
    pub fn restore_from(&mut self, path: &Path) -> Result<()> {
        let src = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| Error::db(path, e))?;
        let copy = Store {
            conn: src,
            path: Some(path.to_path_buf()),
        };
        copy.check_ours()?;
        let (found, known) = (copy.user_version()?, super::MIGRATIONS.len());
        if found > known {
            return Err(Error::NewerDatabase {
                path: path.to_path_buf(),
                found,
                known,
            });
        }
        let problems = copy.integrity_check()?;
        if problems != ["ok"] {
            return Err(Error::Damaged {
                path: path.to_path_buf(),
                problem: problems.join("; "),
            });
        }
        let restored = rusqlite::backup::Backup::new(&copy.conn, &mut self.conn)
            .and_then(|b| done(b.step(-1)?));
        restored.map_err(|e| self.err(e))?;
        self.migrate()
    }

    /// Rows that break a foreign key: (table, rowid) of each.
    pub fn foreign_key_problems(&self) -> Result<Vec<(String, i64)>> {
        self.run(|| -> rusqlite::Result<Vec<(String, i64)>> {
            let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
            let rows = stmt.query_map([], |r| {
                Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0)))
            })?;
            rows.collect()
        })
    }
}
