//! Bringing planned Anki cards into the store, in one transaction: each card found again (by
//! its Anki id, or the recall card it was exported from) or added, its answers and resets
//! appended unless the log has them already (so importing a package twice adds nothing), and
//! its state replayed from its whole log, as `recall rebuild` would.

use super::plan::PlannedCard;
use crate::error::Result;
use crate::model::{CardId, DeckId, Tags};
use crate::replay::{replay, Counted};
use crate::schedule::{fuzz_draw, CardSchedule, Phase, Scheduler};
use crate::store::anki::{CardIn, LogEntry};
use crate::store::reviews::Answer;
use crate::store::Store;
use std::collections::HashMap;

/// What an import did, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Imported {
    pub cards_added: usize,
    pub cards_updated: usize,
    /// Cards exported from this recall whose answers made in Anki joined them.
    pub cards_joined: usize,
    pub cards_unchanged: usize,
    pub answers_added: usize,
    /// Answers the log held already (an import of the same package before).
    pub answers_present: usize,
    pub resets_added: usize,
    /// Cards from Anki in the package's decks that the package no longer holds: retired (kept,
    /// with their history; back if a later package has them again).
    pub cards_retired: usize,
    /// Decks that hold the new cards, by name.
    pub decks: Vec<String>,
}

/// What importing a package did: the cards planned, what the write did, what was left out,
/// and its media.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PackageImport {
    /// Cards the package gives.
    pub planned: usize,
    pub imported: Imported,
    pub skipped: super::plan::Skipped,
    pub media: super::media::MediaIn,
    /// Where the media went (beside the database).
    pub media_folder: Option<std::path::PathBuf>,
}

/// Imports the Anki package at `package` into `store`: its cards and log (one transaction),
/// then the images and sounds its notes name, into the store's media folder. A whole
/// collection (`.colpkg`, or a package holding whole decks) retires the cards from Anki it
/// no longer has.
pub fn from_package(
    store: &mut Store,
    package: &std::path::Path,
    scheduler: &Scheduler,
    now: i64,
) -> Result<PackageImport> {
    use super::{collection, media, package as pkg, plan};
    let unpacked = pkg::unpack(package)?;
    let read =
        collection::read(&unpacked.collection).map_err(|e| crate::error::Error::Package {
            path: package.to_path_buf(),
            message: format!("reading the collection in it: {e}"),
        })?;
    let (cards, skipped) = plan::plan(&read, scheduler.config());
    let colpkg = (package.extension()).is_some_and(|e| e.eq_ignore_ascii_case("colpkg"));
    let retire = plan::holds_whole_decks(&read, colpkg, &skipped);
    // The plan holds what the write needs: the collection read goes before it.
    drop(read);
    let imported = write(store, &cards, retire, scheduler, now)?;
    let wanted: std::collections::BTreeSet<String> = (cards.iter())
        .filter_map(|c| c.anki.as_ref())
        .flat_map(|(o, _)| media::named_in(&o.fields))
        .collect();
    let media_folder = store.media_folder();
    let media = match &media_folder {
        // The cards are in: media that cannot come in is said, not a failed import.
        Some(folder) if !wanted.is_empty() => {
            media::take_out(package, unpacked.layout, &wanted, folder).unwrap_or_else(|e| {
                media::MediaIn {
                    missing: wanted.len(),
                    failed: Some(e.to_string()),
                    ..Default::default()
                }
            })
        }
        _ => media::MediaIn {
            missing: wanted.len(),
            unused: unpacked.media,
            ..Default::default()
        },
    };
    Ok(PackageImport {
        planned: cards.len(),
        imported,
        skipped,
        media,
        media_folder,
    })
}

/// Writes `cards` into the store in one transaction; with `retire` (the package holds whole
/// decks: [`super::plan::holds_whole_decks`]), the cards from Anki in their decks that are not
/// among them (deleted in Anki) are retired.
pub fn write(
    store: &mut Store,
    cards: &[PlannedCard],
    retire: bool,
    scheduler: &Scheduler,
    now: i64,
) -> Result<Imported> {
    store.bulk_writes(true)?;
    let done = write_all(store, cards, retire, scheduler, now);
    store.bulk_writes(false)?;
    done
}

fn write_all(
    store: &mut Store,
    cards: &[PlannedCard],
    retire: bool,
    scheduler: &Scheduler,
    now: i64,
) -> Result<Imported> {
    // Many answers: the answer totals are redone once rather than kept row by row.
    let answers: usize = cards.iter().map(|c| c.answers.len()).sum();
    store.transaction(true, |s| {
        let mut done = if answers >= BULK_ANSWERS {
            s.with_totals_redone_after(|| {
                let done = write_cards(s, cards, scheduler, now)?;
                let appended = done.answers_added > 0;
                Ok((done, appended))
            })?
        } else {
            write_cards(s, cards, scheduler, now)?
        };
        if retire {
            done.cards_retired = retire_gone(s, cards, now)?;
        }
        Ok(done)
    })
}

/// From this many answers on, the totals are redone once (a pass over the whole log).
const BULK_ANSWERS: usize = 20_000;

fn write_cards(
    s: &Store,
    cards: &[PlannedCard],
    scheduler: &Scheduler,
    now: i64,
) -> Result<Imported> {
    {
        let mut done = Imported::default();
        let mut decks: HashMap<&str, DeckId> = HashMap::new();
        let mut deck_names = std::collections::BTreeSet::new();
        for pc in cards {
            let home = match &pc.exported_from {
                Some((deck, key)) => match s.find_deck(deck)? {
                    Some(d) => s.card_by_key(d, key)?.filter(|c| c.source_id.is_some()),
                    None => None,
                },
                None => None,
            };
            let tags = Tags(pc.tags.clone().into());
            let (id, existed) = match home {
                Some(card) => {
                    done.cards_joined += 1;
                    (card.id, true)
                }
                None => {
                    let deck_id = match decks.get(pc.deck.as_str()) {
                        Some(&d) => d,
                        None => {
                            let d = s.deck_id(&pc.deck, now)?;
                            s.mark_deck_from_anki(d)?;
                            decks.insert(&pc.deck, d);
                            d
                        }
                    };
                    deck_names.insert(pc.deck.clone());
                    let card = CardIn {
                        deck_id,
                        key: &pc.key,
                        kind: pc.kind,
                        question: &pc.question,
                        answer: &pc.answer,
                        context: &pc.context,
                        tags: &tags,
                        suspended: pc.suspended,
                        position: pc.position,
                    };
                    // In whichever deck it is now (moved in Anki, it moves here).
                    match s.card_from_anki(&pc.key, deck_id)? {
                        Some((old, _)) => {
                            if s.update_card_from_anki(old, &card, now)? {
                                done.cards_updated += 1;
                            } else {
                                done.cards_unchanged += 1;
                            }
                            (old, true)
                        }
                        None => {
                            done.cards_added += 1;
                            (s.insert_card_from_anki(&card, now)?, false)
                        }
                    }
                }
            };
            if let Some((origin, notetype)) = &pc.anki {
                s.save_anki_origin(id, origin, notetype)?;
            }
            merge_history(s, id, existed, pc, scheduler, &mut done)?;
        }
        done.decks = deck_names.into_iter().collect();
        Ok(done)
    }
}

/// Retires the cards from Anki in the decks `cards` are in whose keys none of `cards` has (a
/// deck package holds whole decks; a deck not in it is left alone); how many. Anki's catch-all
/// `Default` deck is left alone too: packages of unrelated collections meet there.
fn retire_gone(s: &Store, cards: &[PlannedCard], now: i64) -> Result<usize> {
    let keys: std::collections::HashSet<&str> = cards.iter().map(|c| c.key.as_str()).collect();
    let decks: std::collections::BTreeSet<&str> = cards.iter().map(|c| c.deck.as_str()).collect();
    let mut retired = 0;
    for name in decks.into_iter().filter(|&d| d != "Default") {
        let Some(deck) = s.find_deck(name)? else {
            continue;
        };
        for (id, key) in s.cards_from_anki_in(deck)? {
            if !keys.contains(key.as_str()) {
                s.retire_card(id, now)?;
                retired += 1;
            }
        }
    }
    Ok(retired)
}

/// How far apart (ms) two answers of one card with the same grade may be and be one answer.
const SAME_ANSWER_MS: i64 = 1000;

/// One event of a card's merged log.
#[derive(Debug, Clone, Copy)]
enum Event {
    Reset {
        at: i64,
        new: bool,
    },
    Answer {
        entry: LogEntry,
        duration_ms: i64,
        new: bool,
    },
}

impl Event {
    fn at(&self) -> i64 {
        match self {
            Event::Reset { at, .. } => *at,
            Event::Answer { entry, .. } => entry.at,
        }
    }
}

/// Appends the card's answers and resets the log lacks, and sets its state from the whole log.
fn merge_history(
    s: &Store,
    id: CardId,
    existed: bool,
    pc: &PlannedCard,
    scheduler: &Scheduler,
    done: &mut Imported,
) -> Result<()> {
    let (log, resets) = if existed {
        s.card_log(id)?
    } else {
        (Vec::new(), Vec::new())
    };
    // An answer the log holds: the same grade within a second (Anki's log ids are unique, so
    // an export moves an answer sharing its millisecond with another card's a little).
    let held = |at: i64, rating| {
        log.iter()
            .any(|e| e.rating == rating && (e.at - at).abs() <= SAME_ANSWER_MS)
    };
    let held_reset = |at: i64| resets.iter().any(|r| (r - at).abs() <= SAME_ANSWER_MS);
    let mut events: Vec<Event> = Vec::with_capacity(log.len() + pc.answers.len());
    events.extend(resets.iter().map(|&at| Event::Reset { at, new: false }));
    events.extend(log.iter().map(|&entry| Event::Answer {
        entry,
        duration_ms: 0,
        new: false,
    }));
    let mut added = 0;
    for &at in &pc.resets {
        if !held_reset(at) {
            events.push(Event::Reset { at, new: true });
            done.resets_added += 1;
            added += 1;
        }
    }
    for a in &pc.answers {
        if held(a.at, a.rating) {
            done.answers_present += 1;
            continue;
        }
        events.push(Event::Answer {
            entry: LogEntry {
                at: a.at,
                rating: a.rating,
                undone: false,
                due_after: a.after.map(|(_, due)| due),
                phase_after: a.after.map(|(phase, _)| phase),
                step_after: None,
            },
            duration_ms: a.duration_ms,
            new: true,
        });
        done.answers_added += 1;
        added += 1;
    }
    if added == 0 {
        return Ok(());
    }
    // Time order; at one instant a reset comes before an answer (an answer at the very time
    // of a reset does not count, as everywhere in recall).
    events.sort_by_key(|e| (e.at(), matches!(e, Event::Answer { .. })));
    let last_reset = events
        .iter()
        .filter_map(|e| match e {
            Event::Reset { at, .. } => Some(*at),
            _ => None,
        })
        .max();
    let mut state = CardSchedule::NEW;
    let mut counted: Vec<Counted> = Vec::new();
    for e in &events {
        match *e {
            Event::Reset { at, new } => {
                state = CardSchedule::NEW;
                if new {
                    s.append_reset(id, at)?;
                }
            }
            Event::Answer { entry, .. } if entry.undone => {}
            Event::Answer {
                mut entry,
                duration_ms,
                new,
            } => {
                let before = state;
                let mut after = scheduler.answer(
                    &before,
                    entry.rating,
                    entry.at,
                    fuzz_draw(id.0, before.reps),
                );
                if new {
                    // The phase and due date Anki gave; the step where the phase is the one
                    // recall's steps give, else the first.
                    if let Some(phase) = entry.phase_after {
                        if phase != after.phase {
                            after.step = 0;
                        }
                        after.phase = phase;
                    }
                    if let Some(due) = entry.due_after {
                        after.due = Some(due);
                    }
                    entry.step_after = Some(after.step);
                    entry.phase_after = Some(after.phase);
                    entry.due_after = after.due;
                    s.append_review(&Answer {
                        card_id: id,
                        reviewed_at: entry.at,
                        rating: entry.rating,
                        duration_ms,
                        before,
                        after,
                    })?;
                } else {
                    if let Some(phase) = entry.phase_after {
                        after.phase = phase;
                        after.step = entry.step_after.unwrap_or(0);
                    }
                    after.due = entry.due_after.or(after.due);
                }
                if last_reset.is_none_or(|r| entry.at > r) {
                    counted.push(Counted {
                        at: entry.at,
                        rating: entry.rating,
                        due_after: entry.due_after,
                        after: entry
                            .phase_after
                            .map(|p| (p, entry.step_after.unwrap_or(0))),
                    });
                }
                state = after;
            }
        }
    }
    // The state as a rebuild gives it.
    let state = replay(scheduler, id, &counted, false);
    if state.phase != Phase::New || existed {
        s.set_card_state(id, &state)?;
    }
    Ok(())
}
