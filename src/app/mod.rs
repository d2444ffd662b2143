//! One module per subcommand: arguments → library calls → output. `run` dispatches.

mod cards;
mod decks;
mod import;
mod list;

use crate::cli::{Cli, Command, ExtractArgs, ModeArg};
use anyhow::Context as _;
use recall::config::{CardSettings, Config};
use recall::notes::Mode;
use recall::store::Store;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Runs a parsed command line. Errors the user can act on are printed by the command itself;
/// the exit code says whether everything went through.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = load_config(cli.config.as_deref())?;
    let db = cli.db;
    match cli.command {
        Command::Cards(args) => cards::run(args, &config),
        Command::Import(args) => import::run(args, &config, open_store(db.as_deref())?),
        Command::Decks(args) => decks::run(args, &open_store(db.as_deref())?),
        Command::List(args) => list::run(args, &open_store(db.as_deref())?),
    }
}

/// The database named by `--db` / `RECALL_DB`, or the default one, opened and migrated.
fn open_store(named: Option<&Path>) -> anyhow::Result<Store> {
    let path: PathBuf = match named {
        Some(p) => p.to_path_buf(),
        None => recall::store::default_path()
            .context("no home folder to keep the database in; name one with --db or RECALL_DB")?,
    };
    Ok(Store::open(&path)?)
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
    }
}

/// A Unix-milliseconds time as a local date and time, for people.
fn local_time(ms: i64) -> String {
    use chrono::TimeZone as _;
    match chrono::Local.timestamp_millis_opt(ms) {
        chrono::LocalResult::Single(t) => t.format("%Y-%m-%d %H:%M").to_string(),
        _ => "?".into(),
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
