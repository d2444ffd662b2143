//! One module per subcommand: arguments → library calls → output. `run` dispatches.

mod cards;
mod check;
mod config;
mod decks;
mod due;
mod export;
mod import;
mod import_anki;
mod list;
mod optimize;
mod rebuild;
mod review;
mod serve;
mod shell;
mod simulate;
mod stats;
mod status;
mod suspend;
mod sync;

use crate::cli::{Cli, Command, ExtractArgs, ModeArg};
use anyhow::Context as _;
use recall::clock::Clock;
use recall::collection::Collection;
use recall::config::{CardSettings, Config};
use recall::notes::Mode;
use recall::store::Store;
use std::path::PathBuf;
use std::process::ExitCode;

/// What every command works with: the configuration, the clock (the system's, or
/// `RECALL_NOW`) and the database named on the command line.
pub struct Context {
    pub config: Config,
    pub clock: Clock,
    db: Option<PathBuf>,
    /// The day's backup, taken beside the command (see [`Context::daily_backup`]).
    backup: std::cell::RefCell<Option<std::thread::JoinHandle<recall::error::Result<PathBuf>>>>,
}

impl Context {
    /// The database named by `--db` / `RECALL_DB`, or the default one.
    fn db_path(&self) -> anyhow::Result<PathBuf> {
        match &self.db {
            Some(p) => Ok(p.clone()),
            None => recall::store::default_path()
                .context("no home folder to keep the database in; name one with --db or RECALL_DB"),
        }
    }

    /// The database, for a command that only reads it (or changes cards it holds): one that
    /// is not there is not made (a mistyped `--db` would look like years of history gone);
    /// the message says how to start one.
    fn existing_store(&self) -> anyhow::Result<Store> {
        let path = self.db_path()?;
        if !path.exists() {
            let named = if self.db.is_some() {
                " (check --db or RECALL_DB)"
            } else {
                ""
            };
            anyhow::bail!(
                "no database at {}{named}: `recall review` starts one with the bundled deck, \
                 `recall import NOTES` with your notes",
                path.display()
            );
        }
        self.store()
    }

    /// The database named by `--db` / `RECALL_DB`, or the default one, opened and migrated
    /// (made if it is not there).
    fn store(&self) -> anyhow::Result<Store> {
        let path = self.db_path()?;
        // A database named outside the data folder makes no folders unseen.
        let new_folder = path
            .parent()
            .filter(|d| self.db.is_some() && !d.as_os_str().is_empty() && !d.exists());
        if let Some(dir) = new_folder {
            eprintln!(
                "recall: making the folder {} for the new database",
                dir.display()
            );
        }
        let store = Store::open(&path)?;
        self.daily_backup(&store, &path);
        Ok(store)
    }

    /// The collection of [`Context::store`] (made if it is not there).
    fn collection(&self) -> anyhow::Result<Collection> {
        Ok(Collection::new(
            self.store()?,
            self.config.clone(),
            self.clock.clone(),
        ))
    }

    /// The collection of [`Context::existing_store`] (never made by a command that reads).
    fn existing_collection(&self) -> anyhow::Result<Collection> {
        Ok(Collection::new(
            self.existing_store()?,
            self.config.clone(),
            self.clock.clone(),
        ))
    }

    /// The day's backup (see [`recall::backups::start_daily`]), begun once per command.
    fn daily_backup(&self, store: &Store, path: &std::path::Path) {
        if self.backup.borrow().is_some() {
            return;
        }
        let days = self.config.review.scheduler(self.clock.zone);
        let now = self.clock.now();
        let day_start = days.day_start(days.study_day(now));
        let keep = self.config.backup.keep;
        *self.backup.borrow_mut() = recall::backups::start_daily(store, path, keep, day_start, now);
    }

    /// Waits for the day's backup, if one is being taken, and says if it failed.
    fn finish_backup(&self) {
        if let Some(copy) = self.backup.borrow_mut().take() {
            if let Ok(Err(e)) = copy.join() {
                eprintln!("recall: the daily backup was not taken: {e}");
            }
        }
    }
}

/// Runs a parsed command line. Errors the user can act on are printed by the command itself;
/// the exit code says whether everything went through.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // A write that must wait for another recall's says so (once), then keeps waiting.
    recall::store::busy::on_wait(|| {
        eprintln!("\r\nrecall: waiting for another recall to finish writing (an import?)...\r");
    });
    // Made from the command line alone: they work whatever the configuration holds.
    match cli.command {
        Some(Command::Completions(args)) => return shell::completions(args),
        Some(Command::Man) => return shell::man(),
        Some(Command::Config(args)) => return config::run(args, cli.config.as_deref()),
        _ => {}
    }
    let ctx = Context {
        config: load_config(cli.config.as_deref())?,
        clock: clock_from_env()?,
        db: cli.db,
        backup: std::cell::RefCell::new(None),
    };
    let ctx = &ctx;
    let done = run_command(cli.command, ctx);
    ctx.finish_backup();
    done
}

fn run_command(command: Option<Command>, ctx: &Context) -> anyhow::Result<ExitCode> {
    let Some(command) = command else {
        // A first `recall` on a new machine: nothing to show yet, and nothing made for it.
        if ctx.db.is_none() && !ctx.db_path()?.exists() {
            println!(
                "recall: no cards yet.\nRun `recall review` to start with the bundled deck, or `recall import NOTES.md`."
            );
            return Ok(ExitCode::SUCCESS);
        }
        return status::run(&ctx.existing_collection()?);
    };
    match command {
        Command::Review(args) => review::run(args, ctx.collection()?),
        Command::Serve(args) => serve::run(args, ctx.collection()?, ctx.collection()?),
        Command::Cards(args) => cards::run(args, ctx),
        Command::Import(args) => import::run(args, ctx),
        Command::Decks(args) => decks::run(args, &ctx.existing_collection()?),
        Command::Stats(mut args) => {
            let col = ctx.existing_collection()?;
            known_decks(&col.store, &mut args.decks)?;
            stats::run(args, &col)
        }
        Command::Due(mut args) => {
            let col = ctx.existing_collection()?;
            known_decks(&col.store, &mut args.decks)?;
            due::run(args, &col)
        }
        Command::Suspend(mut args) => {
            let col = ctx.existing_collection()?;
            known_decks(&col.store, &mut args.deck)?;
            suspend::run(args, suspend::Act::Suspend, col)
        }
        Command::Unsuspend(mut args) => {
            let col = ctx.existing_collection()?;
            known_decks(&col.store, &mut args.deck)?;
            suspend::run(args, suspend::Act::Unsuspend, col)
        }
        Command::Reset(mut args) => {
            let col = ctx.existing_collection()?;
            known_decks(&col.store, &mut args.deck)?;
            suspend::run(args, suspend::Act::Reset, col)
        }
        Command::List(mut args) => {
            let col = ctx.existing_collection()?;
            args.decks = args.decks();
            args.deck = None;
            known_decks(&col.store, &mut args.decks)?;
            list::run(args, &col)
        }
        Command::Optimize(args) if args.from_csv.is_some() => optimize::from_csv(args, ctx),
        Command::Optimize(args) => optimize::run(args, ctx.existing_collection()?),
        Command::Rebuild(args) => rebuild::run(args, ctx.existing_collection()?),
        Command::Check(args) => check::check(args, ctx.existing_collection()?),
        Command::Backup(args) => check::backup(args, ctx.existing_collection()?),
        Command::Restore(args) => check::restore(args, ctx.collection()?),
        Command::Simulate(args) => simulate::forecast(args, &ctx.existing_collection()?),
        Command::Retention(args) => simulate::retention(args, &ctx.existing_collection()?),
        Command::Export(mut args) => {
            let mut col = ctx.existing_collection()?;
            known_decks(&col.store, &mut args.decks)?;
            export::run(args, &mut col)
        }
        Command::ImportAnki(args) => import_anki::run(args, ctx.collection()?),
        Command::Sync(args) => sync::run(args, ctx.collection()?),
        Command::Undo(args) => sync::undo(args, ctx.existing_collection()?),
        Command::Config(_) | Command::Completions(_) | Command::Man => {
            unreachable!("run answers these before the context is made")
        }
    }
}

/// The time: the system clock, or `RECALL_NOW` (RFC 3339) for tests and simulations.
fn clock_from_env() -> anyhow::Result<Clock> {
    match std::env::var("RECALL_NOW") {
        Ok(v) => {
            let mut clock = Clock::parse(&v).with_context(|| {
                format!("RECALL_NOW={v:?} is not an RFC 3339 time like 2026-11-24T09:00:00+01:00")
            })?;
            // The time's offset is the zone, unless TZ names one (tests across DST changes).
            if std::env::var_os("TZ").is_some() {
                clock.zone = recall::clock::Zone::Local;
            }
            Ok(clock)
        }
        Err(_) => Ok(Clock::system()),
    }
}

/// The width of a name column: the longest name, at least as wide as its heading.
fn column_width<'a>(names: impl Iterator<Item = &'a str>, heading: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    names
        .map(|n| n.width())
        .max()
        .unwrap_or(0)
        .max(heading.width())
}

/// Refuses a tag no live card has, saying the closest ones: "no card has the tag
/// `concurency`; did you mean `concurrency`?".
fn known_tag(store: &recall::store::Store, tag: Option<&str>) -> anyhow::Result<()> {
    let Some(tag) = tag else {
        return Ok(());
    };
    let tags = store.tags()?;
    if tags.iter().any(|t| t == tag) {
        return Ok(());
    }
    let some: Vec<&str> = tags.iter().take(10).map(String::as_str).collect();
    let otherwise = if tags.is_empty() {
        "no card has any tag yet (`#tag` or `tags::` in the notes)".to_string()
    } else if tags.len() > some.len() {
        format!(
            "tags in use: {}, … ({} in all)",
            some.join(", "),
            tags.len()
        )
    } else {
        format!("tags in use: {}", some.join(", "))
    };
    let hint = did_you_mean(&recall::model::closest_names(tag, &tags), &otherwise);
    anyhow::bail!("no card has the tag `{tag}`; {hint}");
}

/// "did you mean `x`?" (or "one of …") for the names `close` to a mistyped one; `otherwise`
/// when none is.
fn did_you_mean(close: &[String], otherwise: &str) -> String {
    match close {
        [] => otherwise.to_string(),
        [one] => format!("did you mean `{one}`?"),
        many => {
            let names: Vec<String> = many.iter().map(|n| format!("`{n}`")).collect();
            format!("did you mean one of {}?", names.join(", "))
        }
    }
}

/// Refuses deck names that name no deck (nor a parent of one), saying the closest ones:
/// "no deck `pyton`; did you mean `python`?". The names are made as decks are named (no
/// trailing `/`).
fn known_decks(store: &recall::store::Store, wanted: &mut [String]) -> anyhow::Result<()> {
    for w in wanted.iter_mut() {
        let trimmed = w.trim_end_matches('/').len();
        w.truncate(trimmed);
    }
    if wanted.is_empty() {
        return Ok(());
    }
    let known = store.deck_names()?;
    for w in wanted {
        if recall::model::names_a_deck(w, &known) {
            continue;
        }
        let close = recall::model::closest_names(w, &known);
        let hint = did_you_mean(&close, "`recall decks` lists them");
        anyhow::bail!("no deck `{w}`; {hint}");
    }
    Ok(())
}

/// Prints `{"<key>": value}` as pretty JSON on stdout (a closed pipe stays recognisable).
fn print_json(key: &str, value: &impl serde::Serialize) -> anyhow::Result<ExitCode> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let mut doc = serde_json::Map::new();
    doc.insert(key.to_string(), serde_json::to_value(value)?);
    serde_json::to_writer_pretty(&mut out, &doc).map_err(std::io::Error::from)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

/// What an extraction came to beyond the card count: automatic and explicit cards (and how to
/// take only the explicit ones, where there are many), the blocks that gave no card by reason
/// (`more` says how to see them), references that resolved to nothing.
fn write_tally(
    out: &mut impl std::io::Write,
    tally: &recall::notes::Tally,
    more: &str,
) -> std::io::Result<()> {
    if tally.cards() > 0 {
        writeln!(
            out,
            "  {} automatic, {} explicit (#card, {{{{cloze}}}}, question :: answer)",
            tally.auto, tally.explicit
        )?;
    }
    if tally.suggest_explicit_only() {
        writeln!(
            out,
            "  to take only the explicit ones: --mode explicit, `mode = \"explicit\"` in config.toml, or `recall-cards:: explicit` on a page"
        )?;
    }
    let n = tally.skipped_blocks();
    if n > 0 {
        let parts: Vec<String> = tally
            .skipped_by_count()
            .iter()
            .map(|(r, k)| format!("{k} {}", r.as_str()))
            .collect();
        writeln!(
            out,
            "  {n} block{} gave no card: {} ({more})",
            cards::plural(n),
            parts.join(", ")
        )?;
    }
    if tally.unresolved_refs > 0 {
        writeln!(
            out,
            "  {} block reference{} pointed at no block with that id:: and {} left out of the cards",
            tally.unresolved_refs,
            cards::plural(tally.unresolved_refs),
            if tally.unresolved_refs == 1 { "was" } else { "were" }
        )?;
    }
    Ok(())
}

/// Command-line card settings as a configuration layer (unset flags change nothing).
fn card_flags(e: &ExtractArgs) -> CardSettings {
    let mode = |m: ModeArg| match m {
        ModeArg::Auto => Mode::Auto,
        ModeArg::Explicit => Mode::Explicit,
        ModeArg::Off => Mode::Off,
    };
    CardSettings {
        mode: e.mode.map(mode),
        journal_mode: e.journal_mode.map(mode),
        bold_cloze: e.no_bold_cloze.then_some(false),
        highlight_cloze: None,
    }
}

/// The configuration named on the command line, or the default file if there is one.
fn load_config(named: Option<&std::path::Path>) -> anyhow::Result<Config> {
    let (path, explicit) = match named {
        Some(p) => (p.to_path_buf(), true),
        None => match Config::default_path() {
            Some(p) => (p, false),
            None => return Ok(Config::default()),
        },
    };
    Ok(Config::load(&path, explicit)?)
}

/// Is this error a closed pipe (`recall cards x | head`)? That is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

pub(crate) use recall::display::counted;
