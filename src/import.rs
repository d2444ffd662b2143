//! Import: note files → decks and cards in the store, keeping every card's history across
//! edits of the notes. The notes are read and extracted first, under no lock
//! (`import/prepare.rs`); then one transaction writes it all (`import/write.rs`): it
//! all lands, or nothing does.
//!
//! # Sync rules, per note file
//! - **Unchanged file** (same size and modification time, or same content hash, and the same
//!   extraction settings): skipped without extracting.
//! - **Same key** (the card's question, or its Logseq `id::`; see `notes::extract`): the stored
//!   card is updated in place (answer, context, tags, place); its id, reviews and schedule stay.
//! - **Reworded question**: a new card whose key matches nothing takes over a card of the same
//!   file and kind that lost its key in this import, when the two questions are alike
//!   ([`similarity`]: the better of normalised Levenshtein and Sørensen–Dice, 0–1) at least
//!   [`REWORD_SIMILARITY`], or at least [`REWORD_SIMILARITY_SAME_ANSWER`] when the answers are
//!   identical. Each old card is taken by the most similar new one (ties: the nearest place in
//!   the note).
//! - **Gone from the notes**: retired (hidden from review and counts), never deleted.
//! - **Note file deleted** from a folder imported whole: its cards retire; the file's row is
//!   marked gone, so if it comes back it is read and its cards restored.
//! - **Note file renamed or moved**: a new file with a deleted file's content (else its file
//!   name) takes over that file's cards, keeping their history (`moved`).
//! - **Back in the notes** (a retired card's key returns): restored, with its history.
//! - **New**: added as New, in note order, so new cards are learned in the order written.
//!
//! The same question in two files of one deck (possible with `--deck`) makes two cards: the
//! second file's key is qualified by its path.

use crate::config::{CardSettings, Config};
use crate::error::{Error, Result};
#[cfg(test)]
use crate::identity::{normalize, plan};
pub use crate::identity::{Action, Plan, Take, REWORD_SIMILARITY, REWORD_SIMILARITY_SAME_ANSWER};
#[cfg(test)]
use crate::model::Card;
#[cfg(test)]
use crate::model::StoredCard;
pub use crate::notes::source::collect_files;
use crate::notes::{source::NoteFile, Caps, Settings};
pub use crate::similar::similarity;
use crate::store::Store;
use serde::Serialize;
#[cfg(test)]
use std::path::Path;
use std::path::PathBuf;

/// A file's size and mtime are trusted to mean "unchanged" only if the mtime is at least this
/// much older than the previous import.
const STAT_TRUST_MS: i64 = 1_000;
/// Bumped whenever extraction rules change, so unchanged files are extracted again.
const EXTRACTOR_VERSION: &str = "8";

/// How to import.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// Put the cards of every file not under one of `folders` in this deck instead of one
    /// deck per file (a folder says its own).
    pub deck: Option<&'a str>,
    /// Work everything out, report it, write nothing.
    pub dry_run: bool,
    pub config: &'a Config,
    /// Command-line overrides of the configuration, for files new to the store and not under
    /// one of `folders` (a folder says its own).
    pub flags: CardSettings,
    /// Re-import each known file with the flags it was imported with, not `flags` (the refresh
    /// before a review session).
    pub keep_flags: bool,
    /// Unix milliseconds.
    pub now: i64,
    /// Called when everything is written and nothing committed yet (crash tests stop there).
    pub before_commit: Option<&'a dyn Fn()>,
    /// Asked between files and before the commit: has the person asked to stop (Ctrl-C)? Then
    /// the import ends with [`Error::Interrupted`](crate::error::Error::Interrupted) and writes
    /// nothing.
    pub interrupted: Option<&'a dyn Fn() -> bool>,
    /// Folders walked whole to find `files`: a note imported from one of them before that no
    /// longer exists is gone, and its cards retire. Remembered for the refresh before a review.
    pub folders: &'a [Folder],
}

impl<'a> Options<'a> {
    /// Files imported at `now` with `config`: a deck per file, written, with the configured
    /// card settings, no folders, nothing to stop it.
    pub fn new(config: &'a Config, now: i64) -> Options<'a> {
        Options {
            deck: None,
            dry_run: false,
            config,
            flags: CardSettings::default(),
            keep_flags: false,
            now,
            before_commit: None,
            interrupted: None,
            folders: &[],
        }
    }
}

/// A folder walked whole for an import, with the deck and card settings its notes are first
/// imported with (those the folder was imported with, for the refresh before a review).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    pub path: PathBuf,
    /// Every note's cards go into this deck instead of one deck per note.
    pub deck: Option<String>,
    pub flags: CardSettings,
}

/// What happened to one card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    Added,
    Updated,
    Reworded,
    Restored,
    Retired,
    /// The same card, now in another note file or deck (its file was renamed or moved).
    Moved,
}

/// One card's change, for `--dry-run` listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub deck: String,
    pub question: String,
    /// A reworded card's question before.
    pub was: Option<String>,
}

/// Totals of an import.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub files: usize,
    pub skipped_unchanged: usize,
    pub failed: usize,
    pub added: usize,
    pub updated: usize,
    pub reworded: usize,
    pub restored: usize,
    pub retired: usize,
    /// Cards whose text is the same, now in another file or deck.
    pub moved: usize,
    /// Cards present and unchanged (moved within the note counts here).
    pub unchanged: usize,
    /// Imported note files found deleted (their cards are among the retired).
    pub gone: usize,
}

/// What an import did (or, dry, would do).
#[derive(Debug, Default)]
pub struct Report {
    pub counts: Counts,
    pub changes: Vec<Change>,
    /// Files that could not be read; the rest were imported.
    pub errors: Vec<Error>,
    /// (file, line, message) of oddities in the notes.
    pub warnings: Vec<(String, usize, String)>,
    /// What the files read in this import gave (unchanged files are not read).
    pub tally: crate::notes::Tally,
    /// The imported note files found deleted.
    pub gone: Vec<String>,
    /// The imported note files found moved or renamed: (where it was, where it is); their
    /// cards went with them.
    pub moved_files: Vec<(String, String)>,
    /// Folders imported before that are not there now (a refresh leaves their cards alone).
    pub missing_folders: Vec<String>,
    /// Folders imported whole that hold none of their notes now (the refresh before a review
    /// leaves them alone: a drive not mounted under a folder that stays looks like that).
    pub empty_folders: Vec<String>,
}

impl Report {
    /// Did the cards change (anything added, updated, reworded, restored, retired or moved)?
    pub fn changed_cards(&self) -> bool {
        let c = &self.counts;
        c.added + c.updated + c.reworded + c.restored + c.retired + c.moved > 0
    }
}

/// Imports note files. `progress` is called after each file with the number done.
/// Bad files are reported in [`Report::errors`] and skipped; a database error aborts the whole
/// import and leaves the store as it was.
pub fn import(
    store: &mut Store,
    files: &[NoteFile],
    opts: &Options<'_>,
    mut progress: impl FnMut(usize),
) -> Result<Report> {
    import_within(store, files, opts, &mut progress, prepare::HELD_CARDS_BYTES)
}

/// [`import`], holding at most about `budget` bytes of cards in memory (the rest are set aside
/// on disk until they are written).
fn import_within(
    store: &mut Store,
    files: &[NoteFile],
    opts: &Options<'_>,
    progress: &mut dyn FnMut(usize),
    budget: usize,
) -> Result<Report> {
    // Reading and extracting take no lock: a review session answering meanwhile is not held up.
    let prepared =
        store.read_transaction(|s| prepare::prepare(s, files, opts, progress, budget))?;
    // Nothing changed (the usual refresh before a review): no write lock at all.
    let records_folders = !opts.keep_flags && !opts.folders.is_empty();
    if prepared.writes_nothing() && !records_folders {
        return write::write(store, prepared, opts);
    }
    store.transaction(!opts.dry_run, |store| write::write(store, prepared, opts))
}

/// What a file's cards were extracted with, as a hash: a file is read again when it changes.
/// Default caps add nothing, so databases made before they could be set keep their hashes.
fn settings_hash(s: &Settings) -> String {
    let mut text = format!(
        "{EXTRACTOR_VERSION}|{}|{}|{}",
        s.mode.as_str(),
        s.journal_mode.as_str(),
        s.bold_cloze
    );
    // Off by default adds nothing, so hashes made before the switch existed stay the same.
    if s.highlight_cloze {
        text.push_str("|highlight-cloze");
    }
    let c = &s.caps;
    let default = crate::notes::Caps::default();
    if (Caps {
        note_bytes: default.note_bytes,
        ..*c
    }) != default
    {
        // Not `note_bytes`: a file read is extracted the same whatever that cap.
        text += &format!(
            "|{}|{}|{}|{}",
            c.block_bytes, c.blocks_per_note, c.clozes_per_block, c.tags_per_block
        );
    }
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

fn mtime_ms(m: &std::fs::Metadata) -> Option<i64> {
    let t = m.modified().ok()?;
    let d = t.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(d.as_millis() as i64)
}

mod prepare;
pub mod preview;
mod refresh;
pub use refresh::{refresh, reimport};
#[cfg(test)]
mod tests;
mod write;
