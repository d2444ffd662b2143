//! An import's second half, in one write transaction: what the first half read is brought into
//! the store, each file's cards brought in line with what the store holds *now* (read inside the
//! transaction, so a second process's import in between is never overwritten blindly), and
//! the cards of files that are gone retired.

use super::prepare::{FileFacts, Prepared, ReadFile};
use super::{Change, ChangeKind, Options, Report};
use crate::error::Result;
use crate::identity::{self, plan, Action, Take};
use crate::model::StoredCard;
use crate::model::{Card, CardId, DeckId};
use crate::store::cards::NewCard;
use crate::store::sources::{NoteFolder, SourceFacts};
use crate::store::Store;

/// Writes what [`super::prepare::prepare`] found.
pub(super) fn write(store: &Store, prepared: Prepared, opts: &Options<'_>) -> Result<Report> {
    let mut report = Report::default();
    report.counts.files = prepared.files;
    report.counts.skipped_unchanged = prepared.skipped_unchanged;
    report.counts.failed = prepared.failed;
    report.errors = prepared.errors;
    for facts in &prepared.touched {
        let deck_id = store.deck_id(&facts.deck, opts.now)?;
        store.upsert_source(&source_facts(facts, deck_id), opts.now)?;
    }
    for (n, read) in prepared.read.iter().enumerate() {
        let staged;
        let cards = if read.staged {
            let deck: std::sync::Arc<str> = read.facts.deck.as_str().into();
            let source: std::sync::Arc<str> = read.shown.as_str().into();
            staged = store.staged_cards(n as i64, &deck, &source)?;
            &staged
        } else {
            &read.cards
        };
        write_file(store, read, cards, opts.now, &mut report)?;
    }
    if prepared.read.iter().any(|r| r.staged) {
        store.clear_staged_cards()?;
    }
    let mut deck_names = std::collections::HashMap::new();
    // A gone file that a file read now took over was moved or renamed, not deleted.
    let moved_to: std::collections::HashMap<i64, &str> = (prepared.read.iter())
        .filter_map(|r| r.takes_over.map(|id| (id, r.facts.path.as_str())))
        .collect();
    for gone in &prepared.gone {
        for card in store.active_cards_of_source(gone.id)? {
            store.retire_card(card.id, opts.now)?;
            report.counts.retired += 1;
            let deck = match deck_names.get(&card.deck_id) {
                Some(name) => String::clone(name),
                None => {
                    let name = store.deck_name(card.deck_id)?.unwrap_or_default();
                    deck_names.insert(card.deck_id, name.clone());
                    name
                }
            };
            report.changes.push(Change {
                kind: ChangeKind::Retired,
                deck,
                question: card.question,
                was: None,
            });
        }
        store.set_block_ids(gone.id, &[])?;
        store.set_block_refs(gone.id, &[])?;
        store.mark_source_gone(gone.id, opts.now)?;
        match moved_to.get(&gone.id) {
            Some(to) => report.moved_files.push((gone.path.clone(), to.to_string())),
            None => {
                report.counts.gone += 1;
                report.gone.push(gone.path.clone());
            }
        }
    }
    if !opts.keep_flags {
        for folder in opts.folders {
            let path = std::fs::canonicalize(&folder.path).unwrap_or_else(|_| folder.path.clone());
            let mut inside = path.to_string_lossy().into_owned();
            inside.push(std::path::MAIN_SEPARATOR);
            store.delete_note_folders_under(&inside)?;
            let folder = NoteFolder {
                path: path.to_string_lossy().into_owned(),
                deck: folder.deck.clone(),
                flags: serde_json::to_string(&folder.flags).unwrap_or_else(|_| "{}".into()),
            };
            store.put_note_folder(&folder, opts.now)?;
        }
    }
    if let Some(hook) = opts.before_commit {
        hook();
    }
    if opts.interrupted.is_some_and(|stop| stop()) {
        return Err(crate::error::Error::Interrupted);
    }
    Ok(report)
}

fn source_facts(f: &FileFacts, deck_id: DeckId) -> SourceFacts<'_> {
    SourceFacts {
        path: &f.path,
        deck_id,
        content_hash: &f.content_hash,
        settings_hash: &f.settings_hash,
        size: f.size,
        mtime_ms: f.mtime_ms,
        flags: &f.flags,
    }
}

/// One read file: its source row, its blocks and references, its cards.
fn write_file(
    store: &Store,
    read: &ReadFile,
    cards: &[Card],
    now: i64,
    report: &mut Report,
) -> Result<()> {
    let facts = &read.facts;
    let deck_id = store.deck_id(&facts.deck, now)?;
    let new_source = store.source_by_path(&facts.path)?.is_none();
    let source_id = store.upsert_source(&source_facts(facts, deck_id), now)?;
    store.set_block_ids(source_id, &read.block_ids)?;
    store.set_block_refs(source_id, &read.block_refs)?;
    if !read.forced {
        for (line, message) in &read.warnings {
            report
                .warnings
                .push((read.shown.clone(), *line, message.clone()));
        }
    }
    report.tally.merge(&read.tally);
    let source = Source {
        deck: &facts.deck,
        deck_id,
        source_id,
        new_source,
        takes_over: read.takes_over,
        path: &facts.path,
        now,
    };
    update_cards(store, &source, cards, report)
}

/// The note file whose cards are brought in line.
struct Source<'a> {
    deck: &'a str,
    deck_id: DeckId,
    source_id: i64,
    /// The file was never imported before: it has no stored cards.
    new_source: bool,
    /// The gone source this file is, renamed or moved: its live cards are this file's too.
    takes_over: Option<i64>,
    path: &'a str,
    now: i64,
}

/// Brings the store's cards of one source in line with its freshly extracted cards.
fn update_cards(
    store: &Store,
    source: &Source<'_>,
    cards: &[Card],
    report: &mut Report,
) -> Result<()> {
    let &Source {
        deck,
        deck_id,
        source_id,
        new_source,
        takes_over,
        path: _,
        now,
    } = source;
    let (keys, by_key) = stored_by_key(store, source, cards)?;
    // The cards this file held before, wherever they are now (its deck may have changed), and
    // those of the file it was before a rename.
    let mut stored = if new_source {
        Vec::new()
    } else {
        store.active_cards_of_source(source_id)?
    };
    if let Some(old) = takes_over {
        stored.extend(store.active_cards_of_source(old)?);
    }
    let plan = plan(cards, &by_key, &stored);

    let change = |kind: ChangeKind, question: &str, report: &mut Report| {
        report.changes.push(Change {
            kind,
            deck: deck.to_string(),
            question: question.to_string(),
            was: None,
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
        let Action::Take { id, how } = *action else {
            store.insert_card(&new, now)?;
            report.counts.added += 1;
            change(ChangeKind::Added, &card.question, report);
            continue;
        };
        let old = by_key[i]
            .as_ref()
            .filter(|o| o.id == id)
            .or_else(|| stored.iter().find(|o| o.id == id));
        let same_text = old.is_some_and(|o| same_content(o, card));
        // A renamed file's cards differ in the page's title that starts their context.
        let same_below_title = old.is_some_and(|o| same_content_below_title(o, card));
        // Nothing to rewrite but its place (`move_card` keeps key and deck as they are).
        let in_place = old.is_some_and(|o| {
            o.source_id == Some(source_id) && o.deck_id == deck_id && o.key == keys[i]
        });
        let kind = match how {
            Take::Key if same_text && in_place => {
                store.move_card(id, card.line as i64, i as i64, card.group as i64)?;
                report.counts.unchanged += 1;
                continue;
            }
            // The same card in another file or deck: its file was renamed or moved, or the
            // block moved between notes of one deck.
            Take::Key if same_below_title => {
                report.counts.moved += 1;
                ChangeKind::Moved
            }
            Take::Key => {
                report.counts.updated += 1;
                ChangeKind::Updated
            }
            Take::Restore => {
                report.counts.restored += 1;
                ChangeKind::Restored
            }
            Take::Reword => {
                report.counts.reworded += 1;
                ChangeKind::Reworded
            }
        };
        store.update_card(id, &new, now)?;
        change(kind, &card.question, report);
        if kind == ChangeKind::Reworded {
            if let Some(last) = report.changes.last_mut() {
                last.was = old.map(|o| o.question.clone());
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
    source: &Source<'_>,
    cards: &[Card],
) -> Result<(Vec<String>, Vec<Option<StoredCard>>)> {
    let (deck_id, source_id, path) = (source.deck_id, source.source_id, source.path);
    let mut keys: Vec<String> = cards.iter().map(|c| c.key.to_string()).collect();
    let mut by_key: Vec<Option<StoredCard>> = vec![None; cards.len()];
    if store.deck_has_cards(deck_id)? {
        for (key, slot) in keys.iter_mut().zip(by_key.iter_mut()) {
            let mut found = store.card_by_key(deck_id, key)?;
            if let Some(f) = &found {
                let other_source = f.source_id.is_some_and(|s| s != source_id);
                if f.retired_at.is_none() && other_source && f.source_id != source.takes_over {
                    *key = identity::qualified_key(key, path);
                    found = store.card_by_key(deck_id, key)?;
                }
            }
            *slot = found;
        }
        // A name a card took on another device (its question reworded there first), or one
        // it had here: that card, renamed to what the notes say now, unless a block of these
        // notes has it under its own key (or another of its names).
        let mut taken: std::collections::HashSet<CardId> =
            by_key.iter().flatten().map(|c| c.id).collect();
        for (key, slot) in keys.iter().zip(by_key.iter_mut()) {
            if slot.is_some() {
                continue;
            }
            *slot = store.card_by_alias(deck_id, key)?.filter(|f| {
                (f.retired_at.is_some()
                    || f.source_id.is_none_or(|s| s == source_id)
                    || f.source_id == source.takes_over)
                    && taken.insert(f.id)
            });
        }
    }
    Ok((keys, by_key))
}

/// Both say the same apart from the context: kind, question, answer, tags.
fn same_sides(old: &StoredCard, new: &Card) -> bool {
    old.kind == new.kind
        && old.question == new.question
        && old.answer == new.answer
        && old.tags == new.tags
}

/// [`same_content`] but for the first segment of the context (the page's title, which a
/// renamed file changes).
fn same_content_below_title(old: &StoredCard, new: &Card) -> bool {
    let below = |c: &str| c.split_once(" › ").map_or("", |(_, rest)| rest).to_string();
    same_sides(old, new) && below(&old.context) == below(&new.context)
}

fn same_content(old: &StoredCard, new: &Card) -> bool {
    same_sides(old, new) && old.context == *new.context
}
