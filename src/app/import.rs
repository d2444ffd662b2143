//! `recall import PATH... [--deck NAME] [--dry-run]`: note files into the store.

use super::Context;
use crate::cli::ImportArgs;
use recall::import::{self, ChangeKind, Options, Report};
use recall::store::Store;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// A progress bar is worth showing from this many files on.
const PROGRESS_FROM_FILES: usize = 20;

pub fn run(args: ImportArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let config = &ctx.config;
    let (files, errors) = import::collect_files(&args.paths);
    let mut failed = !errors.is_empty();
    for e in &errors {
        eprintln!("recall: {e}");
    }
    // Nothing named could be read (a mistyped path): the errors say so; no summary of an
    // import that did not happen, and no database made for it.
    if files.is_empty() && failed {
        return Ok(ExitCode::FAILURE);
    }
    let mut store: Store = ctx.store()?;
    // Ctrl-C stops the import between files, or before it commits: nothing is written, and
    // the person is told so.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flag = stop.clone();
    let _ = ctrlc::set_handler(move || {
        // A second Ctrl-C does not wait for the import to reach a place to stop (a busy
        // database, a long write): nothing is committed, so ending the process loses nothing.
        if flag.swap(true, std::sync::atomic::Ordering::SeqCst) {
            eprintln!(
                "recall: interrupted; nothing imported (an import is written whole or not at all)"
            );
            std::process::exit(130);
        }
    });
    let interrupted = || stop.load(std::sync::atomic::Ordering::SeqCst);
    // For the kill -9 and Ctrl-C tests: everything is written, nothing committed yet.
    let pause = std::env::var_os("RECALL_TEST_PAUSE_BEFORE_COMMIT").map(|_| {
        || {
            eprintln!("recall: pausing before commit");
            for _ in 0..300 {
                if interrupted() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        }
    });
    // A folder named is walked whole: a note it held before and holds no more is gone.
    let flags = super::card_flags(&args.extract);
    let folders: Vec<import::Folder> = (args.paths.iter().filter(|p| p.is_dir()))
        .map(|path| import::Folder {
            path: path.clone(),
            deck: args.deck.clone(),
            flags,
        })
        .collect();
    let opts = Options {
        folders: &folders,
        deck: args.deck.as_deref(),
        dry_run: args.dry_run,
        config,
        flags,
        keep_flags: false,
        now: ctx.clock.now(),
        before_commit: pause.as_ref().map(|p| p as &dyn Fn()),
        interrupted: Some(&interrupted),
    };
    let bar = (files.len() >= PROGRESS_FROM_FILES && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let report = import::import(&mut store, &files, &opts, |n| {
        if let Some(b) = &bar {
            b.set_position(n as u64);
        }
    })?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    for (file, line, message) in &report.warnings {
        eprintln!("recall: warning: {file}:{line}: {message}");
    }
    for e in &report.errors {
        eprintln!("recall: {e}");
    }
    failed |= !report.errors.is_empty();
    print_report(&report, args.dry_run)?;
    for folder in &folders {
        if !files.iter().any(|f| f.path.starts_with(&folder.path)) {
            println!(
                "No notes in {}: recall reads .md and .org files (hidden folders and logseq/bak \
                 are skipped).",
                recall::text::visible_controls(&folder.path.display().to_string())
            );
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_report(report: &Report, dry_run: bool) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    if dry_run {
        for c in &report.changes {
            let mark = match c.kind {
                ChangeKind::Added => "+ add    ",
                ChangeKind::Updated => "~ update ",
                ChangeKind::Reworded => "~ reword ",
                ChangeKind::Restored => "+ restore",
                ChangeKind::Retired => "- retire ",
                ChangeKind::Moved => "> move   ",
            };
            let question = c.question.lines().next().unwrap_or("");
            match c.was.as_deref().and_then(|w| w.lines().next()) {
                Some(was) => writeln!(out, "{mark} [{}] {was} → {question}", c.deck)?,
                None => writeln!(out, "{mark} [{}] {question}", c.deck)?,
            }
        }
    }
    let c = &report.counts;
    let verb = if dry_run { "Would import" } else { "Imported" };
    // Files first, then cards: "Imported 3 files (1 unchanged since the last import); cards:
    // 2 added, …".
    let mut line = format!("{verb} {}", super::counted(c.files, "file"));
    if c.skipped_unchanged > 0 {
        line.push_str(&format!(
            " ({} unchanged since the last import)",
            c.skipped_unchanged
        ));
    }
    line.push_str(&format!(
        "; cards: {} added, {} updated, {} reworded, {} restored, {} retired, {} unchanged",
        c.added, c.updated, c.reworded, c.restored, c.retired, c.unchanged,
    ));
    if c.moved > 0 {
        line.push_str(&format!(", {} moved to another file or deck", c.moved));
    }
    if dry_run {
        line.push_str(" (dry run: nothing written)");
    }
    writeln!(out, "{line}")?;
    if c.gone > 0 {
        let verb = if dry_run { "would retire" } else { "retired" };
        writeln!(
            out,
            "  {} deleted since the last import: {} cards {verb}, kept with their history \
             (they come back if the file does)",
            super::counted(c.gone, "note file"),
            if c.gone == 1 { "its" } else { "their" },
        )?;
        for path in report.gone.iter().take(10) {
            writeln!(out, "    {path}")?;
        }
        if report.gone.len() > 10 {
            writeln!(out, "    … and {} more", report.gone.len() - 10)?;
        }
    }
    if !report.moved_files.is_empty() {
        writeln!(
            out,
            "  {} moved or renamed since the last import: the cards went with {}",
            super::counted(report.moved_files.len(), "note file"),
            if report.moved_files.len() == 1 {
                "it"
            } else {
                "them"
            },
        )?;
        for (from, to) in report.moved_files.iter().take(10) {
            writeln!(out, "    {from} → {to}")?;
        }
        if report.moved_files.len() > 10 {
            writeln!(out, "    … and {} more", report.moved_files.len() - 10)?;
        }
    }
    if report.tally.files > 0 {
        super::write_tally(
            &mut out,
            &report.tally,
            "`recall cards PATH --skipped` lists them",
        )?;
    }
    out.flush()
}
