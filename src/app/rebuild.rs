//! `recall rebuild [--check] [--reschedule] [--json]`: every card's scheduling state
//! recomputed from the review log and compared with the cache.

use crate::cli::RebuildArgs;
use recall::collection::Collection;
use recall::schedule::CardSchedule;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: RebuildArgs, mut col: Collection) -> anyhow::Result<ExitCode> {
    let scheduler = col.scheduler()?;
    let opts = recall::rebuild::Options {
        reschedule: args.reschedule,
        write: !args.check,
        answer_totals: true,
    };
    let report = recall::rebuild::rebuild(&mut col.store, &scheduler, opts)?;
    let consistent = report.differed == 0 && report.answer_totals_matched;
    let code = if args.check && !consistent {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    if args.json {
        super::print_json("rebuild", &report)?;
        return Ok(code);
    }
    let mut out = std::io::stdout().lock();
    print_findings(&mut out, &report, consistent, args.reschedule, &col.clock)?;
    if report.written {
        writeln!(out, "The cache now holds the states rebuilt from the log.")?;
    } else if !consistent {
        writeln!(
            out,
            "Nothing was changed (--check); `recall rebuild` repairs it."
        )?;
    }
    Ok(code)
}

/// What was replayed and, if the cache differed, how: a few cards' states side by side.
fn print_findings(
    out: &mut impl Write,
    report: &recall::rebuild::Report,
    consistent: bool,
    reschedule: bool,
    clock: &recall::clock::Clock,
) -> std::io::Result<()> {
    writeln!(
        out,
        "Replayed {} answers of {} cards.",
        report.answers, report.cards
    )?;
    if consistent {
        return writeln!(
            out,
            "The cache equals the log: every card's state and the answer totals."
        );
    }
    if report.differed > 0 {
        let how = if reschedule {
            " (due dates recomputed)"
        } else {
            ""
        };
        writeln!(
            out,
            "{} cards' cached state differed from what the log gives{how}:",
            report.differed
        )?;
        let show = |s: &Option<CardSchedule>| {
            s.map_or_else(
                || "new".to_string(),
                |s| {
                    format!(
                        "{} step {} S={:.2} D={:.2} due {} reps {} lapses {}",
                        s.phase.as_str(),
                        s.step,
                        s.stability.unwrap_or(0.0),
                        s.difficulty.unwrap_or(0.0),
                        s.due.map_or_else(|| "-".into(), |t| clock.format(t)),
                        s.reps,
                        s.lapses
                    )
                },
            )
        };
        for d in &report.examples {
            writeln!(
                out,
                "  card {}: cached {} → log {}",
                d.card_id,
                show(&d.cached),
                show(&d.rebuilt)
            )?;
        }
    }
    if !report.answer_totals_matched {
        writeln!(
            out,
            "The per-quarter-hour answer totals differed from the log."
        )?;
    }
    Ok(())
}
