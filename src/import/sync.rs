//! The sync before a review: each folder imported whole is walked again (new notes come in,
//! deleted ones retire their cards), and every other imported note file is read again if it
//! changed or found gone if it was deleted; each with the settings it was first imported with.

use super::{import, Options, Report};
use crate::config::{CardSettings, Config};
use crate::error::Result;
use crate::notes::source::{self, NoteFile};
use crate::store::Store;
use std::path::{Path, PathBuf};

/// Brings the store in line with the notes it was imported from, at time `now`. A folder that
/// is no longer there (a drive not mounted, a vault moved) is left alone and named in
/// [`Report::missing_folders`]: its cards are kept.
pub fn sync(store: &mut Store, config: &Config, now: i64) -> Result<Report> {
    let mut report = Report::default();
    let mut walked: Vec<PathBuf> = Vec::new();
    let folders = store.note_folders()?;
    let paths: Vec<PathBuf> = folders.iter().map(|f| PathBuf::from(&f.path)).collect();
    for folder in folders {
        let path = PathBuf::from(&folder.path);
        if !path.is_dir() {
            report.missing_folders.push(folder.path);
            continue;
        }
        // A folder imported inside this one (later: an import around it forgets it) keeps
        // its own notes and deck names.
        let inner: Vec<&PathBuf> = paths
            .iter()
            .filter(|p| **p != path && p.starts_with(&path))
            .collect();
        let (mut files, errors) = source::note_files(&path);
        files.retain(|f| !inner.iter().any(|i| f.path.starts_with(i)));
        report.errors.extend(errors);
        let flags: CardSettings = serde_json::from_str(&folder.flags).unwrap_or_default();
        let folders = [path.clone()];
        let opts = Options {
            deck: folder.deck.as_deref(),
            folders: &folders,
            ..options(config, flags, now)
        };
        report.absorb(import(store, &files, &opts, |_| {})?);
        walked.push(path);
    }
    // Every other note file imported (one found gone is read only if it came back).
    let missing: Vec<PathBuf> = report.missing_folders.iter().map(PathBuf::from).collect();
    let under_walked = |p: &Path| walked.iter().chain(&missing).any(|w| p.starts_with(w));
    let files = source::known_files(
        store
            .sources_with_decks()?
            .into_iter()
            .map(|(path, deck, gone)| (PathBuf::from(path), deck, gone))
            .filter(|(p, _, gone)| !under_walked(p) && (!gone || p.exists()))
            .map(|(p, deck, _)| (p, deck)),
    );
    if !files.is_empty() {
        let opts = options(config, CardSettings::default(), now);
        report.absorb(import(store, &files, &opts, |_| {})?);
    }
    Ok(report)
}

/// Re-imports one known note file (after an edit during a review).
pub fn reimport(store: &mut Store, file: NoteFile, config: &Config, now: i64) -> Result<Report> {
    let opts = options(config, CardSettings::default(), now);
    import(store, &[file], &opts, |_| {})
}

fn options(config: &Config, flags: CardSettings, now: i64) -> Options<'_> {
    Options {
        deck: None,
        dry_run: false,
        config,
        flags,
        keep_flags: true,
        now,
        before_commit: None,
        folders: &[],
    }
}
