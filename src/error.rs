//! The library's error type: everything that can go wrong reading notes, with the file it was.

use std::path::{Path, PathBuf};

/// A path as a message shows it: control characters in a file name made visible.
fn shown(path: &Path) -> String {
    crate::text::visible_controls(&path.display().to_string()).into_owned()
}

/// A note file or folder that could not be used. Each names its path and what to do.
/// What a review's UI may fail with (a terminal gone, input closed): its own error, carried
/// as is.
pub type UiError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: no such file or folder", shown(path))]
    NotFound { path: PathBuf },
    #[error("{}: cannot read: {source}", shown(path))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: cannot write: {source}", shown(path))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}: not UTF-8 text (first bad byte on line {line}); save it as UTF-8 to use it",
        shown(path)
    )]
    NotUtf8 { path: PathBuf, line: usize },
    #[error(
        "{}: the file name is not UTF-8 text; rename it to import it",
        shown(path)
    )]
    NameNotUtf8 { path: PathBuf },
    #[error("{}: a binary file, not notes; skipped", shown(path))]
    Binary { path: PathBuf },
    #[error("{}: recall failed on this note (a bug: please report it with the note if you can); skipped, the other notes were imported", shown(path))]
    Internal { path: PathBuf },
    #[error("{}: {kind}, not a note file; skipped", shown(path))]
    NotRegular { path: PathBuf, kind: &'static str },
    #[error("{}: {:.1} MiB, more than the {:.1} MiB a note may have (`note-bytes` under [limits] in config.toml); skipped", shown(path), *size as f64 / 1048576.0, *max as f64 / 1048576.0)]
    TooLarge { path: PathBuf, size: u64, max: u64 },
    #[error("{}: cannot be read as an Anki package: {message}", shown(path))]
    Package { path: PathBuf, message: String },
    #[error(
        "{}: cannot write answers into this Anki collection: {message}",
        shown(path)
    )]
    AnkiCollection { path: PathBuf, message: String },
    #[error("{}: cannot sync with this folder: {message}", shown(path))]
    Sync { path: PathBuf, message: String },
    #[error(transparent)]
    Parameters(#[from] crate::schedule::BadParameters),
    /// What a review's UI failed with (a terminal gone, input closed).
    #[error(transparent)]
    Ui(#[from] UiError),
    #[error("{}: database error: {source}", shown(path))]
    Db {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "{}: not a recall database (not SQLite at all); check --db or RECALL_DB",
        shown(path)
    )]
    NotADatabase { path: PathBuf },
    #[error("{}: a SQLite database of another program ({what}), not recall's; it was left as it was. Give recall a database of its own with --db or RECALL_DB", shown(path))]
    Foreign { path: PathBuf, what: String },
    #[error("{}: read-only (the file, its folder or the file system): it can be read, but answers and imports cannot be saved", shown(path))]
    ReadOnly { path: PathBuf },
    #[error(
        "{}: cannot open the database: {why}; give another with --db or RECALL_DB",
        shown(path)
    )]
    CannotOpen { path: PathBuf, why: String },
    #[error("{}: read-only, and written by an older recall that needs an upgrade to schema {known} first; open it once where it can be written", shown(path))]
    ReadOnlyOld { path: PathBuf, known: usize },
    #[error("{}: cannot make the folder for the database: {source}", shown(path))]
    CreateFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: damaged ({problem}); not used", shown(path))]
    Damaged { path: PathBuf, problem: String },
    #[error("{}: written by a newer recall (schema {found}; this recall knows {known}); upgrade recall to use it", shown(path))]
    NewerDatabase {
        path: PathBuf,
        found: usize,
        known: usize,
    },
    #[error(
        "{}: migration {name} failed, nothing was changed: {message}",
        shown(path)
    )]
    Migration {
        path: PathBuf,
        name: String,
        message: String,
    },
    #[error("interrupted; nothing imported (an import is written whole or not at all)")]
    Interrupted,
    #[error("{}{}: {message}", shown(path), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Config {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a database path cannot be opened, in a person's words.
fn cannot_open_why(path: &Path) -> String {
    if path.is_dir() {
        return "it is a folder".into();
    }
    match path.parent().map(std::fs::metadata) {
        Some(Err(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            "its folder does not exist".into()
        }
        Some(Err(e)) => format!("its folder cannot be used ({e})"),
        Some(Ok(m)) if !m.is_dir() => "its folder is a file".into(),
        _ => match std::fs::File::open(path) {
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                "permission denied".into()
            }
            Err(e) => e.to_string(),
            Ok(_) => "SQLite could not open it".into(),
        },
    }
}

impl Error {
    /// A SQLite error on the database at `path`.
    pub(crate) fn db(path: &std::path::Path, source: rusqlite::Error) -> Error {
        match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => {
                return Error::NotADatabase {
                    path: path.to_path_buf(),
                }
            }
            Some(rusqlite::ErrorCode::ReadOnly) => {
                return Error::ReadOnly {
                    path: path.to_path_buf(),
                }
            }
            Some(rusqlite::ErrorCode::CannotOpen) => {
                return Error::CannotOpen {
                    path: path.to_path_buf(),
                    why: cannot_open_why(path),
                }
            }
            _ => {}
        }
        Error::Db {
            path: path.to_path_buf(),
            source,
        }
    }
}
