//! `recall` with no command: what is due today, the streak, and what to run.

use super::Context;
use recall::stats::streak;
use recall::store::Store;
use std::io::Write;
use std::process::ExitCode;

pub fn run(ctx: &Context, store: &Store) -> anyhow::Result<ExitCode> {
    let clock = &ctx.clock;
    let scheduler = ctx.scheduler(store)?;
    let now = clock.now();
    let today = scheduler.study_day(now);
    let mut out = std::io::stdout().lock();
    let plan = ctx.plan_of_all(store, &scheduler)?;
    let stored = store.deck_counts(now)?;
    // Every studied card due now: those today's plan holds back (over the daily limit, buried,
    // a sibling answered today) are said apart.
    let overdue: i64 = stored.iter().map(|d| d.due).sum();
    let decks = plan.count_decks(stored);
    if decks.is_empty() {
        writeln!(out, "recall: no cards yet.")?;
        writeln!(
            out,
            "Run `recall review` to start with the bundled deck, or `recall import NOTES.md`."
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let left = plan.counts();
    let (due, new_today) = (left.learning + left.review, left.new);
    let in_all = if overdue as usize > due {
        format!(" (+{} more due, held back today)", overdue as usize - due)
    } else {
        String::new()
    };
    // Answers per study day, from the per-quarter-hour cache the statistics read.
    let days = store.answers_per_day(None, &scheduler)?;
    let answered_today = days
        .iter()
        .find(|d| d.day == today)
        .map_or(0, |d| d.answers);
    let streak = streak::current(days.iter().filter(|d| d.answers > 0).map(|d| d.day), today);
    writeln!(
        out,
        "Today: {due} due{in_all}, {new_today} new · {answered_today} answered · streak {streak} day{}",
        if streak == 1 { "" } else { "s" }
    )?;
    for d in &decks {
        writeln!(
            out,
            "  {}: {} due, {} new, {} cards",
            d.name, d.due, d.new, d.total
        )?;
    }
    let (answers, since_fit) = store.answers_since_fit()?;
    match (
        recall::optimize::suggest_fitting(answers, since_fit),
        since_fit,
    ) {
        (Some(n), None) => writeln!(
            out,
            "Tip: your log holds {n} answers; `recall optimize` fits scheduling to your memory."
        )?,
        (Some(n), Some(_)) => writeln!(
            out,
            "Tip: {n} answers since your parameters were fitted; `recall optimize` refits them."
        )?,
        (None, _) => {}
    }
    if due + new_today > 0 {
        writeln!(out, "Run `recall review` to study.")?;
    } else if let Some(next) = store.next_due_after(now)? {
        writeln!(
            out,
            "All done for now. Next card due: {}.",
            clock.format(next)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
