//! Command-line types (clap derive) and nothing else: they become library settings in `app`.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Spaced-repetition flashcards from your own notes.
#[derive(Debug, Parser)]
#[command(name = "recall", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file [default: config.toml in the platform config folder, e.g.
    /// ~/.config/recall/config.toml].
    #[arg(
        long,
        global = true,
        env = "RECALL_CONFIG",
        hide_env_values = true,
        value_name = "FILE"
    )]
    pub config: Option<PathBuf>,
    /// Database file [default: recall.db in the platform data folder, e.g.
    /// ~/.local/share/recall/recall.db].
    #[arg(
        long,
        global = true,
        env = "RECALL_DB",
        hide_env_values = true,
        value_name = "FILE"
    )]
    pub db: Option<PathBuf>,
    /// What to do; with none, today's status.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Review the cards due today (the daily session).
    Review(ReviewArgs),
    /// Review in a browser, on this machine or (with --lan) on a phone on the same network.
    Serve(ServeArgs),
    /// Preview the cards note files or folders yield, without storing anything.
    Cards(CardsArgs),
    /// Import note files or folders as decks; re-importing keeps every card's history.
    Import(ImportArgs),
    /// List decks with their card counts (new, due, total).
    Decks(DecksArgs),
    /// Review statistics: retention, forecast, history, memory, hardest cards.
    Stats(StatsArgs),
    /// When cards come due, per deck: now, later today, tomorrow, next.
    Due(DueArgs),
    /// Suspend cards (by id, or every card whose text contains the words given).
    Suspend(CardsByArgs),
    /// Unsuspend cards (by id or text).
    Unsuspend(CardsByArgs),
    /// Forget cards' schedules: they become new again (their reviews stay in the log).
    Reset(CardsByArgs),
    /// Find cards by text, with their id, state and due date.
    List(ListArgs),
    /// Fit FSRS to your review log, so scheduling follows your own memory.
    Optimize(OptimizeArgs),
    /// Recompute every card's schedule from the review log, proving the cache matches it.
    Rebuild(RebuildArgs),
    /// Check the database: integrity, foreign keys, cache = log, answer totals, notes gone.
    Check(CheckArgs),
    /// Copy the database (consistently, even during a review) to PATH or the backups folder.
    Backup(BackupArgs),
    /// Replace the database with a backup (the current one is backed up first).
    Restore(RestoreArgs),
    /// Forecast daily reviews for your collection and settings (FSRS simulator).
    Simulate(SimulateArgs),
    /// Suggest the desired retention that costs the least time per card remembered.
    Retention(SimulateArgs),
    /// The settings in force and where each comes from; `--init` writes a commented
    /// config.toml with every setting at its default.
    Config(ConfigArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff): `recall man | man -l -`.
    Man,
    /// Export cards with their schedules and reviews: an Anki package (.apkg), the review log
    /// as CSV (the FSRS community's layout), or cards with their state and reviews as JSON.
    Export(ExportArgs),
    /// Import an Anki package (.apkg or .colpkg) with its review history, so FSRS goes on
    /// where Anki left off; importing it again adds only what is new.
    ImportAnki(ImportAnkiArgs),
    /// Merge review history with your other devices through a folder they already sync
    /// (Syncthing, Dropbox, iCloud, git): each device writes its own file there.
    Sync(SyncArgs),
    /// Take back the last answer in the log (given here or on another device).
    Undo(UndoArgs),
}

#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// The shared folder [default: `dir` under [sync] in config.toml].
    #[arg(value_name = "DIR")]
    pub dir: Option<std::path::PathBuf>,
    /// Name this device ("laptop"), as the other devices will call it [default: `name`
    /// under [sync], else the one given before].
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Print what was synced as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct UndoArgs {
    /// Print what was undone as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ImportAnkiArgs {
    /// The package Anki exported (File › Export: "Anki Deck Package" with scheduling
    /// information, or "Anki Collection Package").
    #[arg(value_name = "FILE")]
    pub package: std::path::PathBuf,
    /// Print what was imported as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("format").required(true).multiple(true).args(["apkg", "into", "csv", "json"])))]
pub struct ExportArgs {
    /// Only these decks (and their sub-decks).
    #[arg(value_name = "DECK")]
    pub decks: Vec<String>,
    /// Write an Anki package to FILE: one note per card, each card's schedule and memory
    /// state, the whole review log and the FSRS parameters (tick "Import any learning
    /// progress" when importing it into Anki).
    #[arg(long, value_name = "FILE")]
    pub apkg: Option<std::path::PathBuf>,
    /// Add the answers given here to the Anki collection the cards came from (its
    /// `collection.anki2`, with Anki closed): each answer once, however often this runs, and
    /// recall's schedule for cards last studied here. Notes and edits made in Anki stay.
    #[arg(long, value_name = "COLLECTION")]
    pub into: Option<std::path::PathBuf>,
    /// Write the review log to FILE as CSV (`card_id,review_time,review_rating,review_state,
    /// review_duration`), as `recall optimize --from-csv` and FSRS tools read it.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<std::path::PathBuf>,
    /// Write the cards, each with its state and its reviews, to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    pub json: Option<std::path::PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Write a commented config.toml with every setting at its default (to --config, or the
    /// platform config folder), if there is none yet.
    #[arg(long)]
    pub init: bool,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Card settings shared by the commands that extract cards.
#[derive(Debug, Clone, clap::Args)]
pub struct ExtractArgs {
    /// Card mode for ordinary pages [default: auto, or the configuration's].
    #[arg(long, value_enum)]
    pub mode: Option<ModeArg>,
    /// Card mode for Logseq journal pages (files in a `journals` folder) [default: explicit].
    #[arg(long, value_enum)]
    pub journal_mode: Option<ModeArg>,
    /// Do not turn bold text into cloze cards (for notes that use bold as plain emphasis).
    #[arg(long)]
    pub no_bold_cloze: bool,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Note files (.md) or folders (a Logseq graph, an Obsidian vault).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Put every card in this deck instead of one deck per file.
    #[arg(long, value_name = "NAME")]
    pub deck: Option<String>,
    /// Show what would be added, updated and retired, without writing anything.
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub extract: ExtractArgs,
}

#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// Only these decks (and their sub-decks).
    #[arg(value_name = "DECK")]
    pub decks: Vec<String>,
    /// Only cards with this tag (`#tag` or `tags::` in the notes).
    #[arg(long)]
    pub tag: Option<String>,
    /// Do not re-import changed note files first, nor sync with the [sync] folder before and
    /// after.
    #[arg(long)]
    pub no_sync: bool,
    /// Plain line mode even on a terminal (always so when stdin or stdout is not one).
    #[arg(long)]
    pub plain: bool,
    /// Type each answer: recall shows how it differs from the expected one and proposes a
    /// grade, which you confirm (Enter) or change (1-4).
    #[arg(long = "type")]
    pub type_answers: bool,
    /// Practise every card of the decks, due or not, without changing any schedule (nothing
    /// is recorded).
    #[arg(long)]
    pub cram: bool,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Only these decks (and their sub-decks).
    #[arg(value_name = "DECK")]
    pub decks: Vec<String>,
    /// Only cards with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// The port to listen on (default: 7117, or a free one when that is taken).
    #[arg(long)]
    pub port: Option<u16>,
    /// Serve on this machine's network address, for a phone on the same network (prints a
    /// QR code of the address); without it only this machine can connect.
    #[arg(long)]
    pub lan: bool,
    /// The token the address carries (at least 16 characters; default: a new random one).
    #[arg(long, env = "RECALL_SERVE_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Do not re-import changed note files first, nor sync with the [sync] folder.
    #[arg(long)]
    pub no_sync: bool,
}

#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// Only these decks (and their sub-decks).
    #[arg(value_name = "DECK")]
    pub decks: Vec<String>,
    /// Days of history to chart.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub days: u32,
    /// Print JSON (the same figures, stable field names).
    #[arg(long)]
    pub json: bool,
    /// Write a self-contained HTML report with charts to FILE.
    #[arg(long, value_name = "FILE")]
    pub html: Option<std::path::PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// Only these decks (and their sub-decks).
    #[arg(value_name = "DECK")]
    pub decks: Vec<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct CardsByArgs {
    /// A card id (as `recall list` shows it) or text to find in questions, answers, contexts.
    #[arg(required_unless_present = "deck", value_name = "ID|TEXT")]
    pub cards: Vec<String>,
    /// Every card of this deck and its sub-decks (`--deck python` sets the bundled deck aside).
    #[arg(long, value_name = "DECK")]
    pub deck: Vec<String>,
    /// Every card a text matches, when it matches more than one (else they are listed, and
    /// asked about at a terminal).
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, clap::Args)]
pub struct DecksArgs {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only these decks (and their sub-decks).
    #[arg(value_name = "DECK")]
    pub decks: Vec<String>,
    /// The same as a DECK (kept for scripts written before decks were given alike).
    #[arg(long, value_name = "DECK", hide = true)]
    pub deck: Option<String>,
    /// Only cards whose question, answer or context contains this text.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Only cards with this tag (`#tag` or `tags::` in the notes).
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

impl ListArgs {
    /// The decks asked for, however they were given.
    pub fn decks(&self) -> Vec<String> {
        self.decks.iter().chain(&self.deck).cloned().collect()
    }
}

/// Which cards a page yields (a page's `recall-cards::` property overrides this).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// Explicit cards if the page marks any, else definitions and bold clozes.
    Auto,
    /// Only `#card`, `{{cloze}}` and `question :: answer` cards.
    Explicit,
    /// No cards.
    Off,
}

#[derive(Debug, clap::Args)]
pub struct CardsArgs {
    /// Note files (.md) or folders (a Logseq graph, an Obsidian vault).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print JSON: {"cards": [{"key", "kind", "question", "answer", "context", ...}], "summary"}.
    #[arg(long)]
    pub json: bool,
    /// Also list every block that gave no card, with the reason.
    #[arg(long)]
    pub skipped: bool,
    /// With --json: each automatic card's features, for fitting a card scorer offline (see
    /// tests/judged/fit).
    #[arg(long, hide = true, requires = "json")]
    pub features: bool,
    #[command(flatten)]
    pub extract: ExtractArgs,
}

#[derive(Debug, clap::Args)]
pub struct OptimizeArgs {
    /// Also score how well the defaults and the fitted parameters predict your answers
    /// (log loss and RMSE; fitted on earlier answers, scored on later ones).
    #[arg(long)]
    pub evaluate: bool,
    /// Fit to a review log in the FSRS CSV layout (card_id,review_rating,review_time,...)
    /// instead; the database is neither read nor changed.
    #[arg(long, value_name = "FILE")]
    pub from_csv: Option<PathBuf>,
    /// List the parameter sets fitted so far instead.
    #[arg(long, conflicts_with_all = ["evaluate", "from_csv"])]
    pub history: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct RebuildArgs {
    /// Only compare the cache with the log; exit code 1 when they differ.
    #[arg(long)]
    pub check: bool,
    /// Recompute due dates too, with the current parameters (by default the due dates your
    /// answers gave are kept and only memory states are recomputed).
    #[arg(long)]
    pub reschedule: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Rebuild what can be rebuilt from the review log (the cache, the answer totals).
    #[arg(long)]
    pub repair: bool,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy [default: a new file in the backups folder beside the database].
    pub path: Option<PathBuf>,
    /// List the backups in the backups folder instead.
    #[arg(long, conflicts_with = "path")]
    pub list: bool,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// The backup to restore (see `recall backup --list`).
    pub file: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// Days to simulate.
    #[arg(long, default_value_t = 365, value_parser = clap::value_parser!(u32).range(7..=3650))]
    pub days: u32,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}
