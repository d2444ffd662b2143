//! The refresh before a review (not the folder sync of devices), one import: each folder imported whole is walked again (new notes
//! come in, deleted ones retire their cards, moved ones keep them), and every other imported
//! note file is read again if it changed or found gone if it was deleted; each with the
//! settings it was first imported with.

use super::{import, Folder, Options, Report};
use crate::config::{CardSettings, Config};
use crate::error::Result;
use crate::notes::source::{self, NoteFile};
use crate::store::{sources::KnownSource, Store};
use std::path::{Path, PathBuf};

/// Brings the store in line with the notes it was imported from, at time `now`, in one
/// import: a note moved from one imported folder to another is the same note. A folder that
/// is no longer there (a drive not mounted, a vault moved) is left alone and named in
/// [`Report::missing_folders`], one that holds none of its notes in [`Report::empty_folders`]:
/// their cards are kept.
pub fn refresh(store: &mut Store, config: &Config, now: i64) -> Result<Report> {
    let mut missing_folders = Vec::new();
    let mut empty_folders = Vec::new();
    let mut errors = Vec::new();
    let mut walked: Vec<Folder> = Vec::new();
    let mut files: Vec<NoteFile> = Vec::new();
    let stored = store.note_folders()?;
    let paths: Vec<PathBuf> = stored.iter().map(|f| PathBuf::from(&f.path)).collect();
    for folder in stored {
        let path = PathBuf::from(&folder.path);
        if !path.is_dir() {
            missing_folders.push(folder.path);
            continue;
        }
        // A folder imported inside this one (later: an import around it forgets it) keeps
        // its own notes and deck names.
        let inner: Vec<&PathBuf> = paths
            .iter()
            .filter(|p| **p != path && p.starts_with(&path))
            .collect();
        let (mut found, errs) = source::note_files(&path);
        found.retain(|f| !inner.iter().any(|i| f.path.starts_with(i)));
        // None of its notes left: more likely a drive not mounted under a folder that stays
        // than every note deleted (an import of the folder itself retires them).
        let held = |s: &KnownSource| !inner.iter().any(|i| Path::new(&s.path).starts_with(i));
        if found.is_empty() && store.sources_under(&folder_prefix(&path))?.iter().any(held) {
            empty_folders.push(folder.path);
            continue;
        }
        files.extend(found);
        errors.extend(errs);
        walked.push(Folder {
            flags: serde_json::from_str(&folder.flags).unwrap_or_default(),
            deck: folder.deck,
            path,
        });
    }
    // Every other note file imported (one found gone is read only if it came back).
    let missing: Vec<PathBuf> = (missing_folders.iter().chain(&empty_folders))
        .map(PathBuf::from)
        .collect();
    let under_walked =
        |p: &Path| (walked.iter().map(|w| &w.path).chain(&missing)).any(|w| p.starts_with(w));
    files.extend(source::known_files(
        store
            .sources_with_decks()?
            .into_iter()
            .map(|(path, deck, gone)| (PathBuf::from(path), deck, gone))
            .filter(|(p, _, gone)| !under_walked(p) && (!gone || p.exists()))
            .map(|(p, deck, _)| (p, deck)),
    ));
    let opts = Options {
        folders: &walked,
        ..options(config, now)
    };
    let mut report = import(store, &files, &opts, |_| {})?;
    report.missing_folders = missing_folders;
    report.empty_folders = empty_folders;
    report.errors.splice(0..0, errors);
    Ok(report)
}

/// Re-imports one known note file (after an edit during a review).
pub fn reimport(store: &mut Store, file: NoteFile, config: &Config, now: i64) -> Result<Report> {
    import(store, &[file], &options(config, now), |_| {})
}

fn options(config: &Config, now: i64) -> Options<'_> {
    Options {
        deck: None,
        dry_run: false,
        config,
        flags: CardSettings::default(),
        keep_flags: true,
        now,
        before_commit: None,
        interrupted: None,
        folders: &[],
    }
}

/// `path` as the store's paths of the notes under it start.
fn folder_prefix(path: &Path) -> String {
    let mut prefix = path.to_string_lossy().into_owned();
    if !prefix.ends_with(std::path::MAIN_SEPARATOR) {
        prefix.push(std::path::MAIN_SEPARATOR);
    }
    prefix
}
