//! Import: note files → decks and cards in the store, keeping every card's history across
//! edits of the notes. One run is one transaction: it all lands, or nothing does.
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
//! - **Back in the notes** (a retired card's key returns): restored, with its history.
//! - **New**: added as New, in note order, so new cards are learned in the order written.
//!
//! The same question in two files of one deck (possible with `--deck`) makes two cards: the
//! second file's key is qualified by its path.

use crate::config::{CardSettings, Config};
use crate::error::{Error, Result};
#[cfg(test)]
use crate::identity::normalize;
use crate::identity::{self, plan};
pub use crate::identity::{
    similarity, Action, Plan, Take, REWORD_SIMILARITY, REWORD_SIMILARITY_SAME_ANSWER,
};
use crate::model::{Card, DeckId};
pub use crate::notes::source::collect_files;
use crate::notes::{self, source::NoteFile, BlockIndex, NoteRef, Settings, Tally};
use crate::store::cards::{NewCard, StoredCard};
use crate::store::sources::SourceFacts;
use crate::store::Store;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
#[cfg(test)]
use std::path::Path;
use std::path::PathBuf;

/// A file's size and mtime are trusted to mean "unchanged" only if the mtime is at least this
/// much older than the previous import.
const STAT_TRUST_MS: i64 = 1_000;
/// Bumped whenever extraction rules change, so unchanged files are extracted again.
const EXTRACTOR_VERSION: &str = "2";

/// How to import.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// Put every file's cards in this deck instead of one deck per file.
    pub deck: Option<&'a str>,
    /// Work everything out, report it, write nothing.
    pub dry_run: bool,
    pub config: &'a Config,
    /// Command-line overrides of the configuration.
    pub flags: CardSettings,
    /// Re-import each known file with the flags it was imported with, not `flags` (the sync
    /// before a review session).
    pub keep_flags: bool,
    /// Unix milliseconds.
    pub now: i64,
    /// Called when everything is written and nothing committed yet (crash tests stop there).
    pub before_commit: Option<&'a dyn Fn()>,
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
}

/// One card's change, for `--dry-run` listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub kind: ChangeKind,
    pub deck: String,
    pub question: String,
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
    /// Cards present and unchanged (moved within the note counts here).
    pub unchanged: usize,
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
    store.transaction(!opts.dry_run, |store| {
        let mut report = Report::default();
        let mut refs = Refs {
            index: store.block_index()?,
            changed: BTreeSet::new(),
            tallies: HashMap::new(),
        };
        for (n, file) in files.iter().enumerate() {
            import_file(store, file, opts, &mut report, &mut refs, false)?;
            progress(n + 1);
        }
        // Notes follow the blocks they refer to: a note that refers to a block whose text
        // changed in this import (or that came after it in this import) is read again.
        let changed = std::mem::take(&mut refs.changed);
        let mut again: Vec<(i64, String, String)> = Vec::new();
        for id in &changed {
            for s in store.sources_referring(id)? {
                if !again.iter().any(|a| a.0 == s.0) {
                    again.push(s);
                }
            }
        }
        for (_, path, deck) in again {
            let file = NoteFile::known(PathBuf::from(path), deck);
            if !file.path.exists() {
                continue; // a note that is gone keeps its cards until it is imported again
            }
            let before = report.counts;
            import_file(store, &file, opts, &mut report, &mut refs, true)?;
            // Counted once: the file was counted (read or skipped) the first time round.
            report.counts.files = before.files;
            report.counts.skipped_unchanged = before.skipped_unchanged;
        }
        for t in refs.tallies.values() {
            report.tally.merge(t);
        }
        if let Some(hook) = opts.before_commit {
            hook();
        }
        Ok(report)
    })
}

/// Block references while importing: every known block id, and the ids whose text changed;
/// and what each note read gave (a note read again replaces its first reading).
struct Refs {
    index: BlockIndex,
    changed: BTreeSet<String>,
    tallies: HashMap<i64, Tally>,
}

/// Imports one note file; `force` reads it even if it is unchanged (a block it refers to
/// changed).
fn import_file(
    store: &Store,
    file: &NoteFile,
    opts: &Options<'_>,
    report: &mut Report,
    refs: &mut Refs,
    force: bool,
) -> Result<()> {
    report.counts.files += 1;
    let path = std::fs::canonicalize(&file.path).unwrap_or_else(|_| file.path.clone());
    let path_str = path.to_string_lossy().into_owned();
    let deck = opts.deck.unwrap_or(&file.deck);
    let previous = store.source_by_path(&path_str)?;
    // A sync re-imports a file with the command-line settings it was first imported with.
    let flags = match (&previous, opts.keep_flags) {
        (Some(prev), true) => serde_json::from_str(&prev.flags).unwrap_or(opts.flags),
        _ => opts.flags,
    };
    let flags_json = serde_json::to_string(&flags).unwrap_or_else(|_| "{}".into());
    let settings = flags.apply(opts.config.settings_for(deck));
    let settings_hash = settings_hash(&settings);
    let meta = std::fs::metadata(&path);
    let (size, mtime_ms) = match &meta {
        Ok(m) => (m.len() as i64, mtime_ms(m)),
        Err(_) => (-1, None),
    };

    let deck_id = store.deck_id(deck, opts.now)?;
    if let Some(prev) = &previous {
        // Size and mtime vouch for the content only if the file was last written well before
        // it was imported; an edit within the same millisecond would not show in the mtime.
        let same_stat = prev.size == size
            && prev.mtime_ms == mtime_ms
            && mtime_ms.is_some_and(|m| m < prev.imported_at - STAT_TRUST_MS);
        if !force && same_stat && prev.settings_hash == settings_hash && prev.deck_id == deck_id {
            report.counts.skipped_unchanged += 1;
            return Ok(());
        }
    }
    let text = match notes::source::read_note(&path) {
        Ok(t) => t,
        Err(e) => {
            report.counts.failed += 1;
            report.errors.push(e);
            return Ok(());
        }
    };
    let content_hash = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(text.as_bytes()));
    let facts = SourceFacts {
        path: &path_str,
        deck_id,
        content_hash: &content_hash,
        settings_hash: &settings_hash,
        size,
        mtime_ms,
        flags: &flags_json,
    };
    if let Some(prev) = &previous {
        if !force
            && prev.content_hash == content_hash
            && prev.settings_hash == settings_hash
            && prev.deck_id == deck_id
        {
            store.upsert_source(&facts, opts.now)?; // remember the new mtime
            report.counts.skipped_unchanged += 1;
            return Ok(());
        }
    }

    let source_id = store.upsert_source(&facts, opts.now)?;
    let shown = file.path.display().to_string();
    let note = file.note_ref(Some(deck), &shown);
    let extraction = extract_note(store, &text, note, source_id, &settings, refs)?;
    if !force {
        for w in &extraction.warnings {
            report
                .warnings
                .push((shown.clone(), w.line, w.message.clone()));
        }
    }
    let sync = Sync {
        deck,
        deck_id,
        source_id,
        new_source: previous.is_none(),
        path: &path_str,
        now: opts.now,
    };
    sync_cards(store, &sync, &extraction.cards, report)
}

/// Parses and extracts one note that is source `source_id`: its block ids and references are
/// stored first (and its own ids indexed), so its references and later notes' resolve.
fn extract_note(
    store: &Store,
    text: &str,
    note: NoteRef<'_>,
    source_id: i64,
    settings: &Settings,
    refs: &mut Refs,
) -> Result<notes::Extraction> {
    let outline = notes::parse_note(text, note);
    let ids = notes::refs::block_ids(&outline);
    for id in store.set_block_ids(source_id, &ids)? {
        refs.changed.insert(id);
    }
    for (id, text) in ids {
        refs.index.insert(&id, text);
    }
    store.set_block_refs(source_id, &notes::refs::referenced_ids(&outline))?;
    let extraction = notes::extract(&outline, note, settings, &refs.index);
    let mut tally = Tally::default();
    tally.add(&extraction);
    refs.tallies.insert(source_id, tally);
    Ok(extraction)
}

/// The source being synced.
struct Sync<'a> {
    deck: &'a str,
    deck_id: DeckId,
    source_id: i64,
    /// The file was never imported before: it has no stored cards.
    new_source: bool,
    path: &'a str,
    now: i64,
}

/// Brings the store's cards of one source in line with its freshly extracted cards.
fn sync_cards(store: &Store, sync: &Sync<'_>, cards: &[Card], report: &mut Report) -> Result<()> {
    let &Sync {
        deck,
        deck_id,
        source_id,
        new_source,
        path: _,
        now,
    } = sync;
    let (keys, by_key) = stored_by_key(store, sync, cards)?;
    // The cards this file held before, wherever they are now (its deck may have changed).
    let stored = if new_source {
        Vec::new()
    } else {
        store.active_cards_of_source(source_id)?
    };
    let plan = plan(cards, &by_key, &stored);

    let change = |kind: ChangeKind, question: &str, report: &mut Report| {
        report.changes.push(Change {
            kind,
            deck: deck.to_string(),
            question: question.to_string(),
        });
    };
    for (i, action) in plan.actions.iter().enumerate() {
        let card = &cards[i];
        let new = NewCard {
            deck_id,
            source_id,
            key: &keys[i],
            card,
            position: i as i64,
        };
        match action {
            Action::Insert => {
                store.insert_card(&new, now)?;
                report.counts.added += 1;
                change(ChangeKind::Added, &card.question, report);
            }
            Action::Take { id, how } => {
                let old = by_key[i]
                    .as_ref()
                    .filter(|o| o.id == *id)
                    .or_else(|| stored.iter().find(|o| o.id == *id));
                // Nothing to rewrite but its place (`move_card` keeps key and deck as they are).
                let same_text = old.is_some_and(|o| {
                    same_content(o, card)
                        && o.source_id == Some(source_id)
                        && o.deck_id == deck_id
                        && o.key == keys[i]
                });
                match how {
                    Take::Key if same_text => {
                        store.move_card(*id, card.line as i64, i as i64, card.group as i64)?;
                        report.counts.unchanged += 1;
                    }
                    Take::Key => {
                        store.update_card(*id, &new, now)?;
                        report.counts.updated += 1;
                        change(ChangeKind::Updated, &card.question, report);
                    }
                    Take::Restore => {
                        store.update_card(*id, &new, now)?;
                        report.counts.restored += 1;
                        change(ChangeKind::Restored, &card.question, report);
                    }
                    Take::Reword => {
                        store.update_card(*id, &new, now)?;
                        report.counts.reworded += 1;
                        change(ChangeKind::Reworded, &card.question, report);
                    }
                }
            }
        }
    }
    for &id in &plan.retire {
        store.retire_card(id, now)?;
        report.counts.retired += 1;
        let question = stored
            .iter()
            .find(|s| s.id == id)
            .map_or("", |s| s.question.as_str());
        change(ChangeKind::Retired, question, report);
    }
    Ok(())
}

/// Each card's key as it will be stored, and the stored card that has that key in the deck.
/// A key held by a live card of another source in this deck is that source's card: ours is
/// qualified by our path instead. A deck without cards has no key to find (the usual first
/// import), so the lookups are skipped.
fn stored_by_key(
    store: &Store,
    sync: &Sync<'_>,
    cards: &[Card],
) -> Result<(Vec<String>, Vec<Option<StoredCard>>)> {
    let (deck_id, source_id, path) = (sync.deck_id, sync.source_id, sync.path);
    let mut keys: Vec<String> = cards.iter().map(|c| c.key.to_string()).collect();
    let mut by_key: Vec<Option<StoredCard>> = vec![None; cards.len()];
    if store.deck_has_cards(deck_id)? {
        for (key, slot) in keys.iter_mut().zip(by_key.iter_mut()) {
            let mut found = store.card_by_key(deck_id, key)?;
            if let Some(f) = &found {
                if f.retired_at.is_none() && f.source_id.is_some_and(|s| s != source_id) {
                    *key = identity::qualified_key(key, path);
                    found = store.card_by_key(deck_id, key)?;
                }
            }
            *slot = found;
        }
    }
    Ok((keys, by_key))
}

fn same_content(old: &StoredCard, new: &Card) -> bool {
    old.kind == new.kind
        && old.question == new.question
        && old.answer == new.answer
        && old.context == *new.context
        && old.tags == new.tags
}

fn settings_hash(s: &Settings) -> String {
    let text = format!(
        "{EXTRACTOR_VERSION}|{}|{}|{}",
        s.mode.as_str(),
        s.journal_mode.as_str(),
        s.bold_cloze
    );
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(text.as_bytes()))
}

fn mtime_ms(m: &std::fs::Metadata) -> Option<i64> {
    let t = m.modified().ok()?;
    let d = t.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(d.as_millis() as i64)
}

#[cfg(test)]
mod tests;
