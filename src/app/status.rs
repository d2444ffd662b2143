//! `recall` with no command: what is due today, the streak, and what to run.

use super::counted;
use super::decks::DeckTotals;
use recall::collection::Collection;
use recall::deck_tree::tree_lines;
use recall::stats::streak;
use std::io::Write;
use std::process::ExitCode;

/// More decks than this are shown folded (deeper levels first).
const MAX_DECK_ROWS: usize = 12;

pub fn run(col: &Collection) -> anyhow::Result<ExitCode> {
    let clock = &col.clock;
    let scheduler = col.scheduler()?;
    let now = clock.now();
    let today = scheduler.study_day(now);
    let mut out = std::io::stdout().lock();
    let plan = col.plan_of_all(&scheduler)?;
    let stored = col.store.deck_counts(now)?;
    // Every studied card due now: those today's plan holds back (over the daily limit, buried,
    // a sibling answered today) are said apart.
    let overdue: i64 = stored.iter().map(|d| d.due).sum();
    // Every card never studied; today's plan takes `new-per-day` of them.
    let unseen: i64 = stored.iter().map(|d| d.new).sum();
    let decks = plan.count_decks(stored);
    if decks.is_empty() {
        if !col.store.has_cards()? {
            writeln!(out, "recall: no cards yet.")?;
            let how = if col.store.is_empty()? {
                "Run `recall review` to start with the bundled deck, or `recall import NOTES.md`."
            } else {
                "The notes imported gave none: `recall cards NOTES.md --skipped` says why each \
                 block gave none."
            };
            writeln!(out, "{how}")?;
        } else {
            // Cards were here: their notes are gone (retired, kept with their history).
            writeln!(
                out,
                "recall: no cards in review: every card was retired (its note deleted or changed)."
            )?;
            writeln!(
                out,
                "Their history is kept; `recall import NOTES.md` adds cards (a note brought back brings its cards back)."
            )?;
        }
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
    let days = col.store.answers_per_day(None, &scheduler)?;
    let answered_today = days
        .iter()
        .find(|d| d.day == today)
        .map_or(0, |d| d.answers);
    let streak = streak::current(days.iter().filter(|d| d.answers > 0).map(|d| d.day), today);
    writeln!(
        out,
        "Today: {due} due{in_all}, {new_today} new · {answered_today} answered · streak {}",
        counted(streak as usize, "day")
    )?;
    let own: Vec<(String, DeckTotals)> = decks
        .iter()
        .map(|d| (d.name.clone(), DeckTotals::of(d)))
        .collect();
    for line in tree_lines(&own, MAX_DECK_ROWS) {
        let (label, t) = (line.indented(), line.totals);
        writeln!(
            out,
            "  {label}: {} due, {} unseen, {}",
            t.due,
            t.new,
            counted(t.total as usize, "card")
        )?;
    }
    // "new" above is today's share of the unseen cards: say why the rest wait.
    let waiting = (unseen as usize).saturating_sub(new_today);
    if waiting > 0 {
        let wait = if waiting == 1 {
            "1 unseen card waits".to_string()
        } else {
            format!("{waiting} unseen cards wait")
        };
        writeln!(
            out,
            "{wait} for later days: the daily limits (`new-per-day` is {}; `recall config` shows where to change it).",
            col.config.review.new_per_day
        )?;
    }
    if let Some(line) = super::sync::status_line(col)? {
        writeln!(out, "{line}")?;
    }
    let (answers, since_fit) = col.store.answers_since_fit()?;
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
    } else if let Some(next) = col.store.next_due_after(now)? {
        writeln!(
            out,
            "All done for now. Next card due: {}.",
            clock.format(next)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
