//! Around a review session, as every UI runs it (the terminal's today, the browser's next):
//! the first run's bundled deck, the notes brought up to date, the session the day's plan (or
//! a cram) makes, what is left after it, and a note edited during it read again.

use crate::clock::Clock;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::import::{self, Report};
use crate::notes::source::NoteFile;
use crate::review::plan::DayPlan;
use crate::review::session::{Counts, Session, Tally};
use crate::schedule::Scheduler;
use crate::store::queue::{QueueFilter, ReviewCard};
use crate::store::Store;
use std::path::{Path, PathBuf};

/// The deck an empty collection starts with: a real person's notes on Python.
pub const BUNDLED_DECK: &str = include_str!("../../decks/python.md");

/// What the first run did: the bundled deck written beside the database (editable there) and
/// imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstRun {
    pub deck_path: PathBuf,
    pub added: usize,
}

/// An empty collection: writes the bundled deck into the database's folder (`decks/python.md`,
/// unless it is there) and imports it.
pub fn first_run(store: &mut Store, config: &Config, now: i64) -> Result<FirstRun> {
    let dir = store
        .path()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let deck_path = dir.join("decks").join("python.md");
    if !deck_path.exists() {
        let folder = dir.join("decks");
        let write_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Write { path, source }
        };
        std::fs::create_dir_all(&folder).map_err(write_err(&folder))?;
        std::fs::write(&deck_path, BUNDLED_DECK).map_err(write_err(&deck_path))?;
    }
    let file = NoteFile::known(deck_path.clone(), "python".into());
    let report = import::reimport(store, file, config, now)?;
    Ok(FirstRun {
        deck_path,
        added: report.counts.added,
    })
}

/// What the notes' refresh before a session changed, in a line ("Your notes changed: 2 added,
/// …"), or None when no card changed.
pub fn notes_changed(report: &Report) -> Option<String> {
    if !report.changed_cards() {
        return None;
    }
    let c = report.counts;
    let mut line = format!(
        "Your notes changed: {} added, {} updated, {} reworded, {} restored, {} retired",
        c.added, c.updated, c.reworded, c.restored, c.retired
    );
    if c.moved > 0 {
        line.push_str(&format!(", {} moved", c.moved));
    }
    if c.gone > 0 {
        line.push_str(&format!(
            " ({} deleted)",
            crate::display::counted(c.gone, "note file")
        ));
    }
    line.push('.');
    Some(line)
}

/// The session to study at `now`: today's plan of the cards `filter` takes, or, cramming, all
/// of them (nothing recorded).
pub fn open(
    store: &Store,
    config: &Config,
    scheduler: &Scheduler,
    filter: &QueueFilter,
    cram: bool,
    now: i64,
) -> Result<Session> {
    if cram {
        let cards = store.all_cards(filter, scheduler.study_day(now))?;
        return Ok(Session::new(scheduler, Vec::new(), cards, [], now, 0));
    }
    Ok(DayPlan::build(store, config, scheduler, filter, now)?.session(scheduler))
}

/// What is left for today after a session: its queue, which started as the day's plan and took
/// every answer and undo; when the session changed the queue otherwise (a bury, a suspend or an
/// edit frees a place of a limit the plan fills again), the plan says.
pub fn left(
    session: &Session,
    queue_changed: bool,
    store: &Store,
    config: &Config,
    scheduler: &Scheduler,
    filter: &QueueFilter,
    now: i64,
) -> Result<Counts> {
    if queue_changed {
        Ok(DayPlan::build(store, config, scheduler, filter, now)?.counts())
    } else {
        Ok(session.counts())
    }
}

/// The session's summary: what was answered, and what is left for today.
pub fn summary_lines(t: &Tally, left: Counts) -> Vec<String> {
    let mut lines = Vec::new();
    if t.answered == 0 {
        lines.push("No cards answered.".to_string());
    } else {
        let secs = t.time_ms / 1000;
        lines.push(format!(
            "Done: {} in {}:{:02} ({:.1} s a card), again {}%.",
            crate::display::counted(t.answered, "card"),
            secs / 60,
            secs % 60,
            t.time_ms as f64 / 1000.0 / t.answered as f64,
            (t.again * 100 + t.answered / 2) / t.answered
        ));
    }
    if left != Counts::default() {
        lines.push(format!(
            "Left for today: {} new, {} learning, {} review (`recall review` to go on).",
            left.new, left.learning, left.review
        ));
    }
    lines
}

/// When the next studied card `filter` takes comes due (a learning card later today
/// included), as the clock shows times.
pub fn next_due_line(
    store: &Store,
    filter: &QueueFilter,
    today: i64,
    clock: &Clock,
) -> Result<Option<String>> {
    Ok(store
        .next_due_in(filter, today, clock.now())?
        .map(|next| format!("Next card due: {}.", clock.format(next))))
}

/// The note file a card was made from, and its deck, as stored; None for a card with no note
/// (one imported from Anki).
pub fn note_of(store: &Store, card: &ReviewCard) -> Result<Option<(String, String)>> {
    Ok(card
        .source_id
        .map(|id| store.note_file_of(id))
        .transpose()?
        .flatten())
}

/// Reads a note edited during a session again (the import's rules) and says what changed.
pub fn reimport_edited(
    store: &mut Store,
    config: &Config,
    path: &str,
    deck: String,
    now: i64,
) -> Result<String> {
    let file = NoteFile::known(PathBuf::from(path), deck);
    let c = import::reimport(store, file, config, now)?.counts;
    Ok(if c.skipped_unchanged > 0 {
        "The note is unchanged.".into()
    } else {
        format!(
            "Note re-imported: {} added, {} updated, {} reworded, {} retired.",
            c.added, c.updated, c.reworded, c.retired
        )
    })
}

#[cfg(test)]
mod tests;
