//! `recall sync [DIR] [--name NAME] [--json]`, the automatic sync around `recall review`, and
//! `recall undo`.

use super::counted;
use crate::cli::{SyncArgs, UndoArgs};
use recall::collection::Collection;
use recall::sync::{Options, Report};
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(args: SyncArgs, mut col: Collection) -> anyhow::Result<ExitCode> {
    let Some(dir) = args.dir.clone().or_else(|| col.config.sync.folder()) else {
        anyhow::bail!(
            "no folder to sync with: give one (`recall sync ~/Sync/recall`), or set `dir` under \
             [sync] in config.toml so `recall review` syncs by itself"
        );
    };
    let name = args.name.clone().or(col.config.sync.name.clone());
    let report = sync(&mut col, &dir, name.as_deref())?;
    if args.json {
        return super::print_json("sync", &report);
    }
    println!("recall: synced with {}", dir.display());
    for line in lines(&report) {
        println!("  {line}");
    }
    Ok(if report.refused.is_empty() && report.bad_line_count == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Syncs, then warns about what was refused or skipped (on stderr).
fn sync(col: &mut Collection, dir: &std::path::Path, name: Option<&str>) -> anyhow::Result<Report> {
    let scheduler = col.scheduler()?;
    let now = col.now();
    let report = recall::sync::sync(&mut col.store, dir, &Options { name }, &scheduler, now)?;
    for r in &report.refused {
        eprintln!("recall: {r}");
    }
    for b in &report.bad_lines {
        eprintln!("recall: {b}");
    }
    if report.bad_line_count > report.bad_lines.len() {
        eprintln!(
            "recall: and {} more lines skipped",
            report.bad_line_count - report.bad_lines.len()
        );
    }
    if let Some(old) = &report.was_device {
        eprintln!(
            "recall: another database writes as this device ({old}; a copied database?): this \
             one is now device {} and sent its events again",
            report.device
        );
    }
    Ok(report)
}

/// What came in, from whom, and what went out, in a few lines.
pub fn lines(r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    let c = &r.received;
    let mut came: Vec<String> = Vec::new();
    for (n, noun) in [
        (c.answers, "answer"),
        (c.undos, "undo"),
        (c.resets, "reset"),
        (c.suspends, "suspend"),
        (c.buries, "bury"),
        (c.parameter_sets, "parameter set"),
    ] {
        if n > 0 {
            came.push(if noun == "bury" && n != 1 {
                format!("{n} buries")
            } else {
                counted(n, noun)
            });
        }
    }
    if came.is_empty() {
        out.push("nothing new came in".to_string());
    } else {
        let from: Vec<&str> = r.from.keys().map(String::as_str).collect();
        out.push(format!(
            "in: {} from {}; {} replayed",
            came.join(", "),
            from.join(", "),
            counted(r.cards_replayed, "card")
        ));
    }
    let me = if r.name.is_empty() {
        r.device.clone()
    } else {
        format!("{} ({})", r.name, r.device)
    };
    out.push(format!(
        "out: {} from this device, {me}, in {}",
        counted(r.sent, "event"),
        r.file
    ));
    if r.waiting > 0 {
        out.push(format!(
            "{} wait for cards not here yet (import their notes on this device too)",
            counted(r.waiting, "event")
        ));
    }
    if r.held > 0 {
        out.push(format!(
            "{} dated ahead of this device's clock wait for their time",
            counted(r.held, "event")
        ));
    }
    out
}

/// The sync around a review, when [sync] names a folder: a line to show, if anything came in.
/// A folder that cannot be synced with is said and stops nothing (the review goes on).
pub fn around_review(col: &mut Collection) -> Option<String> {
    let dir: PathBuf = col.config.sync.folder()?;
    let name = col.config.sync.name.clone();
    match sync(col, &dir, name.as_deref()) {
        Ok(r) if r.received.total() > 0 => Some(format!(
            "Synced with {}: {}.",
            dir.display(),
            lines(&r)[0].trim_start_matches("in: ")
        )),
        Ok(_) => None,
        Err(e) => {
            eprintln!("recall: not synced with {}: {e:#}", dir.display());
            None
        }
    }
}

/// The status line on the last sync, if there was one.
pub fn status_line(col: &Collection) -> anyhow::Result<Option<String>> {
    let Some(me) = col.store.sync_self()? else {
        return Ok(None);
    };
    let (Some(at), Some(dir)) = (me.synced_at, me.dir.clone()) else {
        return Ok(None);
    };
    let mut line = format!("Last sync {} with {dir}", col.clock.format(at));
    match recall::sync::LastIn::of(&me) {
        Some(last) => {
            let came = lines(&last.report)[0]
                .trim_start_matches("in: ")
                .to_string();
            line.push_str(&format!(
                "; the last to bring anything ({}): {came}.",
                col.clock.format(last.at)
            ));
            if last.report.waiting > 0 {
                line.push_str(&format!(
                    " {} wait for cards not here yet.",
                    counted(last.report.waiting, "event")
                ));
            }
        }
        None => line.push_str(": nothing came in yet."),
    }
    Ok(Some(line))
}

pub fn undo(args: UndoArgs, mut col: Collection) -> anyhow::Result<ExitCode> {
    let scheduler = col.scheduler()?;
    let Some((last, state)) = col.store.undo_last_answer(&scheduler, col.clock.now())? else {
        if args.json {
            return super::print_json("undone", &serde_json::Value::Null);
        }
        println!("Nothing to undo: the log holds no answer that counts.");
        return Ok(ExitCode::SUCCESS);
    };
    if args.json {
        let out = serde_json::json!({"answer": last, "state": state});
        return super::print_json("undone", &out);
    }
    // The question as it reads, whatever punctuation ends it; the card's state on a line of
    // its own.
    println!(
        "Undone: {} at {} to [{}] \u{201c}{}\u{201d}\nThe card is {} again.",
        last.rating.label(),
        col.clock.format(last.reviewed_at),
        last.deck,
        recall::display::plain_line(&last.question, 50),
        match state.due {
            None => "new".to_string(),
            Some(due) => format!("{} (due {})", state.phase.as_str(), col.clock.format(due)),
        }
    );
    Ok(ExitCode::SUCCESS)
}
