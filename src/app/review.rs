//! `recall review [DECK...]`: the daily session. Syncs the notes, builds today's queue, asks
//! card after card, and commits each answer before the next card shows.
//!
//! This is the plain line mode (for scripts, tests and terminals alike): it prints the context
//! and question, reads a line (Enter reveals), prints the answer and the grades with their
//! intervals, then reads a line: `1`–`4` grade, `u` undo, `s` suspend, `b` bury, `q` quit.
//! End of input ends the session cleanly, keeping every answer given.

use super::Clock;
use crate::cli::ReviewArgs;
use anyhow::Context as _;
use rand::{RngExt as _, SeedableRng as _};
use recall::config::{CardSettings, Config};
use recall::import::{self, Options};
use recall::notes::source::NoteFile;
use recall::review::session::{Counts, Session};
use recall::schedule::{Rating, Scheduler};
use recall::store::queue::{QueueFilter, ReviewCard};
use recall::store::reviews::Answer;
use recall::store::Store;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The bundled deck: a real user's Logseq notes on Python.
const BUNDLED_DECK: &str = include_str!("../../decks/python.md");

pub fn run(args: ReviewArgs, config: &Config, mut store: Store) -> anyhow::Result<ExitCode> {
    let clock = Clock::from_env()?;
    let scheduler = Scheduler::new(config.review.scheduler(clock.utc_offset_secs))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();

    if store.active_card_count()? == 0 && store.source_paths()?.is_empty() {
        first_run(&mut store, config, &clock, &mut out)?;
    } else if !args.no_sync {
        sync_notes(&mut store, config, &clock, &mut out)?;
    }

    let now = clock.now();
    let today = scheduler.study_day(now);
    let (start, end) = (scheduler.day_start(today), scheduler.day_start(today + 1));
    let filter = QueueFilter {
        decks: args.decks.clone(),
        tag: args.tag.clone(),
    };
    let (new_seen, reviewed) = store.answered_since(start)?;
    let due = store.due_cards(&filter, today, end)?;
    let new = store.new_cards(
        &filter,
        today,
        config.review.new_per_day.saturating_sub(new_seen),
    )?;
    let blocks = store.cloze_blocks_answered_since(start)?;
    let review_limit = config.review.reviews_per_day.saturating_sub(reviewed);
    let mut session = Session::new(&scheduler, due, new, blocks, now, review_limit);

    let mut fuzz = match std::env::var("RECALL_SEED")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        Some(seed) => rand::rngs::StdRng::seed_from_u64(seed),
        None => rand::rngs::StdRng::seed_from_u64(rand::rng().random()),
    };
    let stdin = std::io::stdin();
    let mut input = stdin.lock();

    if session.counts() == Counts::default() {
        writeln!(out, "Nothing to review now.")?;
        write_next_due(&store, &clock, end, &mut out)?;
        return Ok(ExitCode::SUCCESS);
    }
    while let Some(card) = session.next(clock.now()) {
        let shown_at = clock.now();
        show_question(&mut out, &card, session.counts())?;
        // The question: Enter reveals; undo, suspend, bury and quit work here too.
        let action = loop {
            match read(
                &mut input,
                &mut out,
                "[Enter] answer · u undo · s suspend · b bury · q quit",
            )? {
                Input::Reveal => break None,
                Input::Grade(_) => writeln!(out, "(see the answer first: press Enter)")?,
                other => break Some(other),
            }
        };
        let action = match action {
            Some(a) => a,
            None => {
                let preview = scheduler.preview(&card.schedule, clock.now());
                writeln!(out, "{}", card.answer)?;
                let labels: Vec<String> = preview
                    .iter()
                    .map(|o| {
                        format!(
                            "{} {} {}",
                            o.rating as u8,
                            o.rating.label(),
                            o.label(clock.now())
                        )
                    })
                    .collect();
                writeln!(out, "{}", labels.join(" · "))?;
                loop {
                    match read(
                        &mut input,
                        &mut out,
                        "grade 1-4 · u undo · s suspend · b bury · q quit",
                    )? {
                        Input::Reveal => {
                            writeln!(out, "(grade it: 1 Again, 2 Hard, 3 Good, 4 Easy)")?
                        }
                        other => break other,
                    }
                }
            }
        };
        match action {
            Input::Grade(rating) => {
                let now = clock.now();
                let after = scheduler.answer(&card.schedule, rating, now, fuzz.random());
                let duration_ms = (now - shown_at).max(0);
                let review_id = store.record_answer(&Answer {
                    card_id: card.id,
                    reviewed_at: now,
                    rating,
                    duration_ms,
                    before: card.schedule,
                    after,
                })?;
                session.answered(card, after, rating, review_id, duration_ms, end);
            }
            Input::Undo => {
                session.put_back(card);
                match session.undo() {
                    Some((review_id, before)) => {
                        store.undo_answer(review_id, before.id, &before.schedule, clock.now())?;
                        writeln!(out, "Undone: the last answer is taken back.")?;
                    }
                    None => writeln!(out, "Nothing to undo.")?,
                }
            }
            Input::Suspend => {
                store.set_suspended(card.id, true)?;
                writeln!(
                    out,
                    "Suspended: it will not come up again until unsuspended."
                )?;
            }
            Input::Bury => {
                store.bury(card.id, today + 1)?;
                writeln!(out, "Buried until tomorrow.")?;
            }
            Input::Quit | Input::Eof => {
                session.put_back(card);
                break;
            }
            Input::Reveal | Input::Unknown => unreachable!("handled above"),
        }
    }
    summary(&session, &store, &clock, end, &mut out)?;
    Ok(ExitCode::SUCCESS)
}

/// What a line of input asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Reveal,
    Grade(Rating),
    Undo,
    Suspend,
    Bury,
    Quit,
    Eof,
    Unknown,
}

/// Reads one line; unknown input is answered with `hint` and read again.
fn read(input: &mut impl BufRead, out: &mut impl Write, hint: &str) -> anyhow::Result<Input> {
    loop {
        out.flush()?;
        let mut line = String::new();
        if input.read_line(&mut line).context("reading the answer")? == 0 {
            return Ok(Input::Eof);
        }
        let parsed = match line.trim() {
            "" => Input::Reveal,
            "u" => Input::Undo,
            "s" => Input::Suspend,
            "b" => Input::Bury,
            "q" => Input::Quit,
            t => match t.parse::<u8>().ok().and_then(Rating::from_number) {
                Some(r) => Input::Grade(r),
                None => Input::Unknown,
            },
        };
        if parsed != Input::Unknown {
            return Ok(parsed);
        }
        writeln!(out, "({hint})")?;
    }
}

fn show_question(out: &mut impl Write, card: &ReviewCard, left: Counts) -> std::io::Result<()> {
    writeln!(out)?;
    let context = if card.context.is_empty() {
        String::new()
    } else {
        format!(" · {}", card.context)
    };
    writeln!(
        out,
        "── {}{context}   (new {} · learning {} · review {})",
        card.deck, left.new, left.learning, left.review
    )?;
    writeln!(out, "{}", card.question)
}

fn summary(
    session: &Session,
    store: &Store,
    clock: &Clock,
    end_of_day: i64,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let t = session.tally();
    writeln!(out)?;
    if t.answered == 0 {
        writeln!(out, "No cards answered.")?;
    } else {
        let secs = t.time_ms / 1000;
        writeln!(
            out,
            "Done: {} card{} in {}:{:02} ({:.1} s a card), again {}%.",
            t.answered,
            if t.answered == 1 { "" } else { "s" },
            secs / 60,
            secs % 60,
            t.time_ms as f64 / 1000.0 / t.answered as f64,
            (t.again * 100 + t.answered / 2) / t.answered
        )?;
    }
    let left = session.counts();
    if left != Counts::default() {
        writeln!(
            out,
            "Left for today: {} new, {} learning, {} review (`recall review` to go on).",
            left.new, left.learning, left.review
        )?;
    }
    write_next_due(store, clock, end_of_day, out)
}

fn write_next_due(
    store: &Store,
    clock: &Clock,
    end_of_day: i64,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if let Some(next) = store.next_due_after(end_of_day)? {
        writeln!(out, "Next card due: {}.", clock.format(next))?;
    }
    Ok(())
}

/// An empty database: import the bundled deck into the data folder (editable there), saying so.
fn first_run(
    store: &mut Store,
    config: &Config,
    clock: &Clock,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let dir = store
        .path()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let deck_path = dir.join("decks").join("python.md");
    if !deck_path.exists() {
        std::fs::create_dir_all(deck_path.parent().expect("has a folder"))
            .with_context(|| format!("creating {}", dir.display()))?;
        std::fs::write(&deck_path, BUNDLED_DECK)
            .with_context(|| format!("writing {}", deck_path.display()))?;
    }
    let files = [NoteFile {
        path: deck_path.clone(),
        deck: "python".into(),
    }];
    let report = import::import(store, &files, &options(config, clock), |_| {})?;
    writeln!(
        out,
        "Your collection is empty, so recall imported its bundled deck `python` ({} cards) from {}.\n\
         Import your own notes with `recall import NOTES.md`.",
        report.counts.added,
        deck_path.display()
    )?;
    Ok(())
}

/// Re-imports tracked note files that changed since their last import, saying what changed.
fn sync_notes(
    store: &mut Store,
    config: &Config,
    clock: &Clock,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let files: Vec<NoteFile> = store
        .sources_with_decks()?
        .into_iter()
        .map(|(path, deck)| NoteFile {
            path: PathBuf::from(path),
            deck,
        })
        .filter(|f| f.path.exists())
        .collect();
    let report = import::import(store, &files, &options(config, clock), |_| {})?;
    let c = report.counts;
    if c.added + c.updated + c.reworded + c.restored + c.retired > 0 {
        writeln!(
            out,
            "Your notes changed: {} added, {} updated, {} reworded, {} restored, {} retired.",
            c.added, c.updated, c.reworded, c.restored, c.retired
        )?;
    }
    for e in &report.errors {
        eprintln!("recall: {e}");
    }
    Ok(())
}

fn options<'a>(config: &'a Config, clock: &Clock) -> Options<'a> {
    Options {
        deck: None,
        dry_run: false,
        config,
        flags: CardSettings::default(),
        keep_flags: true,
        now: clock.now(),
    }
}
