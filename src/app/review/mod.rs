//! `recall review [DECK...]`: the daily session. Syncs the notes, builds today's queue, and
//! runs the library's review loop ([`study`]) through a [`Ui`]: the full-screen `terminal`
//! one, or `line`, the plain line mode (scripts, pipes, tests).

mod keys;
mod line;
mod terminal;

use super::Context;
use crate::cli::ReviewArgs;
use anyhow::Context as _;
use recall::clock::Clock;
use recall::config::Config;
use recall::import;
use recall::notes::source::NoteFile;
use recall::review::driver::{study, Study, Ui};
use recall::review::effects::Day;
use recall::review::plan::DayPlan;
use recall::review::session::{Counts, Session};
use recall::store::queue::{QueueFilter, ReviewCard};
use recall::store::Store;
use std::io::{IsTerminal as _, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The full-screen terminal UI when both ends are a terminal (showing `intro` on its first
/// screen), else the line UI (`--plain`, pipes, scripts).
fn open_ui(plain: bool, intro: Option<&str>, cram: bool) -> anyhow::Result<Box<dyn Ui>> {
    let interactive = !plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mut ui: Box<dyn Ui> = if interactive {
        Box::new(terminal::TerminalUi::start(cram)?)
    } else {
        let (input, out) = (std::io::stdin().lock(), std::io::stdout().lock());
        return Ok(Box::new(line::LineUi::new(input, out, cram)));
    };
    if let Some(intro) = intro {
        ui.note(intro).map_err(|e| anyhow::anyhow!(e))?;
    }
    Ok(ui)
}

/// The bundled deck: a real user's Logseq notes on Python.
const BUNDLED_DECK: &str = include_str!("../../../decks/python.md");

pub fn run(mut args: ReviewArgs, ctx: &Context, mut store: Store) -> anyhow::Result<ExitCode> {
    let config = &ctx.config;
    let clock = &ctx.clock;
    if store.is_read_only() && !args.cram {
        // Said before the first card, not after the first answer is lost.
        let path = store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        anyhow::bail!(
            "{path}: read-only (the file, its folder or the file system), so answers cannot be \
             saved; `recall review --cram` practises without saving, or give a writable \
             database with --db"
        );
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();

    // What happened before the session, also shown on the first screen of the terminal UI
    // (the full-screen view hides what was printed before it).
    let mut intro = if store.is_empty()? {
        Some(first_run(&mut store, config, clock, &mut out)?)
    } else if !args.no_sync {
        refresh_notes(&mut store, config, clock, &mut out)?
    } else {
        None
    };
    // The other devices' answers, once the notes' cards are here (cramming changes nothing
    // to send).
    let sync_devices = !args.no_sync && !args.cram;
    if sync_devices {
        if let Some(line) = super::sync::around_review(ctx, &mut store) {
            writeln!(out, "{line}")?;
            intro = Some(intro.map_or(line.clone(), |i| format!("{i}\n{line}")));
        }
    }
    // After the sync: a parameter set may have come in.
    let scheduler = ctx.scheduler(&store)?;

    // After the first run's import and the sync: their decks count.
    super::known_decks(&store, &mut args.decks)?;
    super::known_tag(&store, args.tag.as_deref())?;
    let now = clock.now();
    let today = scheduler.study_day(now);
    let end = scheduler.day_start(today + 1);
    let filter = QueueFilter {
        decks: args.decks.clone(),
        tag: args.tag.clone(),
    };
    let mut session = if args.cram {
        let cards = store.all_cards(&filter, today)?;
        Session::new(&scheduler, Vec::new(), cards, [], now, 0)
    } else {
        DayPlan::build(&store, config, &scheduler, &filter, now)?.session(&scheduler)
    };

    if session.counts() == Counts::default() {
        writeln!(out, "Nothing to review now.")?;
        write_next_due(&store, &filter, today, clock, &mut out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let intro = if args.cram {
        let c = session.counts();
        let banner = format!(
            "CRAM: practising {} — no answer is recorded, no schedule changes.",
            super::counted(c.new + c.learning + c.review, "card")
        );
        writeln!(out, "{banner}")?;
        Some(intro.map_or(banner.clone(), |i| format!("{i}\n{banner}")))
    } else {
        intro
    };
    drop(out);
    let mut ui = open_ui(args.plain, intro.as_deref(), args.cram)?;
    // The terminal is given back (close) before an error or the summary is printed.
    let how = Study {
        record: !args.cram,
        type_answers: args.type_answers,
        scheduler: &scheduler,
        clock,
    };
    let mut edit = |card: &ReviewCard, store: &mut Store| {
        edit_note(card, store, config, clock).map_err(|e| format!("{e:#}"))
    };
    let studied = study(
        &mut session,
        &mut store,
        &how,
        ui.as_mut(),
        &mut edit,
        Day::new(today, end),
    );
    ui.close().map_err(|e| anyhow::anyhow!(e))?;
    drop(ui);
    let studied_changed_queue = studied? && !args.cram;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    // What is left: the session's queue, which started as the day's plan and took every answer
    // and undo; a bury, a suspend or an edit frees a place of a limit the plan fills again, so
    // then the plan says (the agreement test holds both to what `recall` counts).
    let left = if studied_changed_queue {
        DayPlan::build(&store, config, &scheduler, &filter, clock.now())?.counts()
    } else {
        session.counts()
    };
    if args.cram {
        let t = session.tally();
        writeln!(
            out,
            "\nCram: practised {} ({}); nothing was recorded, no schedule changed.",
            super::counted(t.cards, "card"),
            super::counted(t.answered, "answer")
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    summary(&session, left, &store, (&filter, today), clock, &mut out)?;
    if sync_devices {
        drop(out);
        super::sync::around_review(ctx, &mut store);
    }
    Ok(ExitCode::SUCCESS)
}

/// What the session did and what is left; `of`: the session's filter and study day.
fn summary(
    session: &Session,
    left: Counts,
    store: &Store,
    of: (&QueueFilter, i64),
    clock: &Clock,
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
    if left != Counts::default() {
        writeln!(
            out,
            "Left for today: {} new, {} learning, {} review (`recall review` to go on).",
            left.new, left.learning, left.review
        )?;
    }
    write_next_due(store, of.0, of.1, clock, out)
}

/// The next time a studied card comes due (a learning card later today included).
fn write_next_due(
    store: &Store,
    filter: &QueueFilter,
    today: i64,
    clock: &Clock,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if let Some(next) = store.next_due_in(filter, today, clock.now())? {
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
) -> anyhow::Result<String> {
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
    let file = NoteFile::known(deck_path.clone(), "python".into());
    let report = import::reimport(store, file, config, clock.now())?;
    writeln!(
        out,
        "Your collection is empty, so recall imported its bundled deck `python` ({} cards) from {}.\n\
         Import your own notes with `recall import NOTES.md`.",
        report.counts.added,
        deck_path.display()
    )?;
    Ok(format!(
        "First run: imported the bundled deck `python` ({} cards).",
        report.counts.added
    ))
}

/// Opens the card's note at its line in `$VISUAL` / `$EDITOR` (vi if neither is set), then
/// re-imports that file with the same sync rules. Returns what changed, to show.
fn edit_note(
    card: &ReviewCard,
    store: &mut Store,
    config: &Config,
    clock: &Clock,
) -> anyhow::Result<String> {
    // The path and deck as stored: the card's own are made safe to show, not to open.
    let (path, deck) = card
        .source_id
        .map(|id| store.note_file_of(id))
        .transpose()?
        .flatten()
        .context("this card has no note file to edit (a card imported from Anki is edited in Anki, and the package imported again)")?;
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let mut words = editor.split_whitespace();
    let program = words.next().context("$EDITOR is empty")?;
    let mut cmd = std::process::Command::new(program);
    cmd.args(words);
    let base = Path::new(program)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("");
    if base == "code" || base == "codium" {
        cmd.args(["--wait", "-g", &format!("{path}:{}", card.line)]);
    } else {
        cmd.args([format!("+{}", card.line), path.to_string()]);
    }
    let status = cmd
        .status()
        .with_context(|| format!("starting the editor `{editor}`"))?;
    if !status.success() {
        anyhow::bail!("the editor `{editor}` exited with {status}");
    }
    let file = NoteFile::known(PathBuf::from(&path), deck);
    let report = import::reimport(store, file, config, clock.now())?;
    let c = report.counts;
    Ok(if c.skipped_unchanged > 0 {
        "The note is unchanged.".into()
    } else {
        format!(
            "Note re-imported: {} added, {} updated, {} reworded, {} retired.",
            c.added, c.updated, c.reworded, c.retired
        )
    })
}

/// Brings the cards in line with the notes (new, changed and deleted notes in the folders
/// imported, and every other note file imported), saying what changed.
fn refresh_notes(
    store: &mut Store,
    config: &Config,
    clock: &Clock,
    out: &mut impl Write,
) -> anyhow::Result<Option<String>> {
    let report = import::refresh(store, config, clock.now())?;
    for e in &report.errors {
        eprintln!("recall: {e}");
    }
    for f in &report.missing_folders {
        eprintln!("recall: the notes folder {f} is not there; its cards are kept as they are");
    }
    for f in &report.empty_folders {
        eprintln!(
            "recall: the notes folder {f} holds none of its notes (a drive not mounted?); its \
             cards are kept as they are (`recall import` the folder to retire them)"
        );
    }
    if !report.changed_cards() {
        return Ok(None);
    }
    let c = report.counts;
    let mut changed = format!(
        "Your notes changed: {} added, {} updated, {} reworded, {} restored, {} retired",
        c.added, c.updated, c.reworded, c.restored, c.retired
    );
    if c.moved > 0 {
        changed.push_str(&format!(", {} moved", c.moved));
    }
    if c.gone > 0 {
        changed.push_str(&format!(
            " ({} deleted)",
            super::counted(c.gone, "note file")
        ));
    }
    changed.push('.');
    writeln!(out, "{changed}")?;
    Ok(Some(changed))
}
