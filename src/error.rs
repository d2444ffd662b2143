//! The library's error type: everything that can go wrong reading notes, with the file it was.

use std::path::PathBuf;

/// A note file or folder that could not be used. Each names its path and what to do.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: no such file or folder", path.display())]
    NotFound { path: PathBuf },
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not UTF-8 text (first bad byte on line {line}); save it as UTF-8 to use it", path.display())]
    NotUtf8 { path: PathBuf, line: usize },
    #[error("{}: a binary file, not notes; skipped", path.display())]
    Binary { path: PathBuf },
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Config {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
