//! `recall review [DECK...]`: the daily session. Syncs the notes, builds today's queue, and
//! runs the library's review loop ([`study`]) through one of the library's UIs
//! ([`recall::ui`]): the full-screen terminal one, or the plain line mode (scripts, pipes,
//! tests).

use crate::cli::ReviewArgs;
use anyhow::Context as _;
use recall::clock::Clock;
use recall::collection::Collection;
use recall::config::Config;
use recall::import;
use recall::review::driver::{study, Study, Ui};
use recall::review::effects::Day;
use recall::review::session::Counts;
use recall::review::start;
use recall::store::queue::{QueueFilter, ReviewCard};
use recall::store::Store;
use std::io::{IsTerminal as _, Write};
use std::path::Path;
use std::process::ExitCode;

/// The full-screen terminal UI when both ends are a terminal (showing `intro` on its first
/// screen), else the line UI (`--plain`, pipes, scripts).
fn open_ui(plain: bool, intro: Option<&str>, cram: bool) -> anyhow::Result<Box<dyn Ui>> {
    let interactive = !plain && std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    let mut ui: Box<dyn Ui> = if interactive {
        Box::new(recall::ui::terminal::TerminalUi::start(cram).map_err(|e| anyhow::anyhow!(e))?)
    } else {
        let (input, out) = (std::io::stdin().lock(), std::io::stdout().lock());
        return Ok(Box::new(recall::ui::line::LineUi::new(input, out, cram)));
    };
    if let Some(intro) = intro {
        ui.note(intro).map_err(|e| anyhow::anyhow!(e))?;
    }
    Ok(ui)
}

/// The session: the notes brought up to date (or the first run's deck), the devices synced,
/// the cards studied through the UI, and what was done and is left.
pub fn run(mut args: ReviewArgs, mut col: Collection) -> anyhow::Result<ExitCode> {
    // Copies: the collection is lent whole to the notes' refresh and the sync below.
    let config = &col.config.clone();
    let clock = &col.clock.clone();
    if !args.cram {
        // Said before the first card, not after the first answer is lost.
        writable(
            &col,
            "`recall review --cram` practises without saving, or give a writable database with --db",
        )?;
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();

    // What happened before the session, also shown on the first screen of the terminal UI
    // (the full-screen view hides what was printed before it).
    let mut intro = if col.store.is_empty()? {
        let first = start::first_run(&mut col.store, config, clock.now())?;
        writeln!(
            out,
            "Your collection is empty, so recall imported its bundled deck `python` ({} cards) from {}.\n\
             Import your own notes with `recall import NOTES.md`.",
            first.added,
            first.deck_path.display()
        )?;
        Some(format!(
            "First run: imported the bundled deck `python` ({} cards).",
            first.added
        ))
    } else if !args.no_sync {
        refresh_notes(&mut col, &mut out)?
    } else {
        None
    };
    // The other devices' answers, once the notes' cards are here (cramming changes nothing
    // to send).
    let sync_devices = !args.no_sync && !args.cram;
    if sync_devices {
        if let Some(line) = super::sync::around_review(&mut col) {
            writeln!(out, "{line}")?;
            intro = Some(intro.map_or(line.clone(), |i| format!("{i}\n{line}")));
        }
    }
    // After the sync: a parameter set may have come in.
    let scheduler = col.scheduler()?;

    // After the first run's import and the sync: their decks count.
    super::known_decks(&col.store, &mut args.decks)?;
    super::known_tag(&col.store, args.tag.as_deref())?;
    let now = clock.now();
    let today = scheduler.study_day(now);
    let end = scheduler.day_start(today + 1);
    let filter = QueueFilter {
        decks: args.decks.clone(),
        tag: args.tag.clone(),
    };
    let mut session = start::open(&col.store, config, &scheduler, &filter, args.cram, now)?;

    if session.counts() == Counts::default() {
        writeln!(out, "Nothing to review now.")?;
        if let Some(line) = start::next_due_line(&col.store, &filter, today, clock)? {
            writeln!(out, "{line}")?;
        }
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
        &mut col.store,
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
    // What is left (the agreement test holds it to what `recall` counts).
    let left = start::left(
        &session,
        studied_changed_queue,
        &col.store,
        config,
        &scheduler,
        &filter,
        clock.now(),
    )?;
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
    writeln!(out)?;
    for line in start::summary_lines(&session.tally(), left) {
        writeln!(out, "{line}")?;
    }
    if let Some(line) = start::next_due_line(&col.store, &filter, today, clock)? {
        writeln!(out, "{line}")?;
    }
    if sync_devices {
        drop(out);
        super::sync::around_review(&mut col);
    }
    Ok(ExitCode::SUCCESS)
}

/// An error when answers cannot be saved in `col` (its file, folder or file system is
/// read-only), ending with what to do (`remedy`).
pub(super) fn writable(col: &Collection, remedy: &str) -> anyhow::Result<()> {
    if !col.store.is_read_only() {
        return Ok(());
    }
    let path = col
        .store
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    anyhow::bail!(
        "{path}: read-only (the file, its folder or the file system), so answers cannot be \
         saved; {remedy}"
    )
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
    let (path, deck) = start::note_of(store, card)?
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
    Ok(start::reimport_edited(
        store,
        config,
        &path,
        deck,
        clock.now(),
    )?)
}

/// Brings the cards in line with the notes (new, changed and deleted notes in the folders
/// imported, and every other note file imported), saying what changed.
pub(super) fn refresh_notes(
    col: &mut Collection,
    out: &mut impl Write,
) -> anyhow::Result<Option<String>> {
    let now = col.now();
    let report = import::refresh(&mut col.store, &col.config, now)?;
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
    let changed = start::notes_changed(&report);
    if let Some(line) = &changed {
        writeln!(out, "{line}")?;
    }
    Ok(changed)
}
