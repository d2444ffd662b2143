//! `recall check [--repair] [--json]`, `recall backup [PATH | --list]`, `recall restore FILE`:
//! the database's health and its copies.

use crate::cli::{BackupArgs, CheckArgs, RestoreArgs};
use anyhow::Context as _;
use recall::collection::Collection;
use std::io::Write;
use std::process::ExitCode;

pub fn check(args: CheckArgs, mut col: Collection) -> anyhow::Result<ExitCode> {
    let scheduler = col.scheduler()?;
    let report = recall::check::check(&mut col.store, &scheduler, args.repair)?;
    let code = if report.healthy() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    };
    if args.json {
        super::print_json("check", &report)?;
        return Ok(code);
    }
    let mut out = std::io::stdout().lock();
    let ok = |good: bool| if good { "ok" } else { "PROBLEM" };
    let sound = report.integrity == ["ok"];
    writeln!(out, "integrity      {}", ok(sound))?;
    for line in report.integrity.iter().filter(|_| !sound).take(10) {
        writeln!(out, "  {line}")?;
    }
    writeln!(out, "foreign keys   {}", ok(report.foreign_keys.is_empty()))?;
    for (table, row) in report.foreign_keys.iter().take(10) {
        writeln!(
            out,
            "  {table} row {row} points at a row that does not exist"
        )?;
    }
    let cache_ok = report.cache_differs == 0;
    writeln!(out, "cache = log    {}", ok(cache_ok || report.repaired))?;
    if !cache_ok {
        writeln!(
            out,
            "  {} cards' cached state differed from the review log",
            report.cache_differs
        )?;
    }
    writeln!(
        out,
        "answer totals  {}",
        ok(report.answer_totals_matched || report.repaired)
    )?;
    if report.repaired {
        writeln!(
            out,
            "  repaired: the cache and the totals were rebuilt from the review log"
        )?;
    } else if sound && !(cache_ok && report.answer_totals_matched) {
        writeln!(
            out,
            "  `recall check --repair` rebuilds them from the review log"
        )?;
    }
    if !sound {
        writeln!(
            out,
            "The database file is damaged: restore a backup (`recall backup --list`, then `recall restore FILE`)."
        )?;
    }
    if report.sync_waiting > 0 {
        writeln!(
            out,
            "sync           {} event(s) from other devices cannot apply yet: their cards are not \
             in this database's notes, or they are dated ahead (import the same notes here; \
             `recall sync` takes them in then)",
            report.sync_waiting
        )?;
    }
    if !report.missing_notes.is_empty() {
        writeln!(
            out,
            "notes          {} imported note file(s) no longer there (their cards retire at the next import or review):",
            report.missing_notes.len()
        )?;
        for p in report.missing_notes.iter().take(10) {
            writeln!(out, "  {}", recall::text::visible_controls(p))?;
        }
    }
    Ok(code)
}

pub fn backup(args: BackupArgs, col: Collection) -> anyhow::Result<ExitCode> {
    let db = col
        .store
        .path()
        .context("the database is in memory")?
        .to_path_buf();
    let mut out = std::io::stdout().lock();
    if args.list {
        let all = recall::backups::list(&db);
        if all.is_empty() {
            writeln!(
                out,
                "No backups yet in {}.",
                recall::backups::folder(&db).display()
            )?;
        }
        let width = all.iter().map(|b| b.reason.len()).max().unwrap_or(0);
        for b in &all {
            writeln!(
                out,
                "{}  {:<width$}  {:>8.1} MB  {}",
                col.clock.format(b.taken_at),
                b.reason,
                b.bytes as f64 / 1e6,
                b.path.display()
            )?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let path = match args.path {
        Some(p) => {
            col.store.copy_to(&p)?;
            p
        }
        None => recall::backups::take(
            &col.store,
            &db,
            "manual",
            col.clock.now(),
            col.config.backup.keep.max(1),
        )?,
    };
    writeln!(out, "Backed up to {}", path.display())?;
    Ok(ExitCode::SUCCESS)
}

pub fn restore(args: RestoreArgs, mut col: Collection) -> anyhow::Result<ExitCode> {
    let db = col
        .store
        .path()
        .context("the database is in memory")?
        .to_path_buf();
    // Restored from a copy taken first: the backups about to rotate may include the file named.
    let staged = db.with_extension(format!("{}.restoring", std::process::id()));
    std::fs::copy(&args.file, &staged)
        .with_context(|| format!("{}: cannot read the backup", args.file.display()))?;
    let restored = restore_staged(&args, &staged, &db, &mut col);
    let _ = std::fs::remove_file(&staged);
    restored
}

fn restore_staged(
    args: &RestoreArgs,
    staged: &std::path::Path,
    db: &std::path::Path,
    col: &mut Collection,
) -> anyhow::Result<ExitCode> {
    // What is replaced stays restorable too.
    let keep = col.config.backup.keep.max(1) + 1;
    let before = recall::backups::take(&col.store, db, "restore", col.clock.now(), keep)
        .context("backing up the database before the restore")?;
    col.store
        .restore_from(staged)
        .with_context(|| format!("{}: not restored", args.file.display()))?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Restored {} into {}; the database as it was is in {}",
        args.file.display(),
        db.display(),
        before.display()
    )?;
    Ok(ExitCode::SUCCESS)
}
