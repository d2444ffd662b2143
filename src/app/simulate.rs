//! `recall simulate [--days N] [--json]` and `recall retention [--days N] [--json]`: the FSRS
//! simulator run on the learner's collection, parameters and limits.

use crate::cli::SimulateArgs;
use recall::collection::Collection;
use recall::simulate::{self, Collection as Simulated};
use recall::stats::date_of;
use std::io::{IsTerminal as _, Write};
use std::process::ExitCode;

/// What the simulator starts from: the collection's cards and the daily limits in force.
fn simulated(col: &Collection) -> anyhow::Result<Simulated> {
    let r = &col.config.review;
    Ok(col
        .store
        .simulation_collection(r.new_per_day, r.reviews_per_day, r.max_interval_days)?)
}

fn bar(value: f64, max: f64, width: usize) -> String {
    let n = if max > 0.0 {
        ((value / max) * width as f64).round() as usize
    } else {
        0
    };
    "█".repeat(n.min(width))
}

/// A "simulating…" spinner on a terminal, unless the output is JSON.
fn spinner(json: bool) -> Option<indicatif::ProgressBar> {
    (!json && std::io::stderr().is_terminal()).then(|| {
        let s = indicatif::ProgressBar::new_spinner();
        s.set_message("simulating…");
        s.enable_steady_tick(std::time::Duration::from_millis(120));
        s
    })
}

pub fn forecast(args: SimulateArgs, col: &Collection) -> anyhow::Result<ExitCode> {
    let config = &col.config;
    let clock = &col.clock;
    let scheduler = col.scheduler()?;
    let c = simulated(col)?;
    // A large collection takes seconds (8 s for 82,000 cards over a year).
    let spinner = spinner(args.json);
    let days = simulate::forecast(
        &c,
        &scheduler.config().parameters,
        config.review.desired_retention,
        args.days as usize,
        clock.now(),
    )?;
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    if args.json {
        return super::print_json("simulation", &days);
    }
    let mut out = std::io::stdout().lock();
    if c.studied.is_empty() && c.new_cards == 0 {
        writeln!(out, "No cards yet: `recall import NOTES.md` makes some.")?;
        return Ok(ExitCode::SUCCESS);
    }
    let today = scheduler.study_day(clock.now());
    let total: usize = days.iter().map(|d| d.reviews + d.new_cards).sum();
    let minutes: f32 = days.iter().map(|d| d.minutes).sum();
    writeln!(
        out,
        "{} studied and {} new cards, {} new a day, desired retention {:.2}, over {} days:",
        c.studied.len(),
        c.new_cards,
        c.new_per_day,
        config.review.desired_retention,
        days.len()
    )?;
    writeln!(
        out,
        "{total} answers, {:.1} a day on average; {:.0} minutes a day.",
        total as f64 / days.len() as f64,
        minutes / days.len() as f32
    )?;
    writeln!(out)?;
    // A row a day for a month, else a row a week (the week's daily average).
    let step = if days.len() <= 31 { 1 } else { 7 };
    let rows: Vec<(usize, f64, f64)> = days
        .chunks(step)
        .map(|w| {
            let n = w.len() as f64;
            (
                w[0].day,
                w.iter()
                    .map(|d| (d.reviews + d.new_cards) as f64)
                    .sum::<f64>()
                    / n,
                w.iter().map(|d| f64::from(d.minutes)).sum::<f64>() / n,
            )
        })
        .collect();
    let max = rows.iter().map(|r| r.1).fold(0.0, f64::max);
    let label = if step == 1 { "day" } else { "week of" };
    writeln!(out, "{label:<10}  {:>8}  {:>7}", "answers", "minutes")?;
    for (day, answers, mins) in rows {
        writeln!(
            out,
            "{:<10}  {answers:>8.1}  {mins:>7.1}  {}",
            date_of(today + day as i64),
            bar(answers, max, 30)
        )?;
    }
    if step > 1 {
        writeln!(out, "(a day's average in each week)")?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn retention(args: SimulateArgs, col: &Collection) -> anyhow::Result<ExitCode> {
    let config = &col.config;
    let scheduler = col.scheduler()?;
    let c = simulated(col)?;
    let spinner = spinner(args.json);
    let (best, curve) =
        simulate::retention(&c, &scheduler.config().parameters, args.days as usize)?;
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    #[derive(serde::Serialize)]
    struct Suggestion<'a> {
        suggested: f32,
        current: f32,
        days: u32,
        curve: &'a [simulate::RetentionCost],
    }
    if args.json {
        return super::print_json(
            "retention",
            &Suggestion {
                suggested: best,
                current: config.review.desired_retention,
                days: args.days,
                curve: &curve,
            },
        );
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Over {} days, the least study time per card remembered comes with a desired retention \
         of {best:.2} (yours: {:.2}).",
        args.days, config.review.desired_retention
    )?;
    writeln!(
        out,
        "(Simulated: a learner with your parameters and grades, learning {} new cards a day.)",
        c.new_per_day.max(1)
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:>9}  {:>8}  {:>8}  {:>10}",
        "retention", "min/card", "reviews", "remembered"
    )?;
    let max = curve
        .iter()
        .map(|p| f64::from(p.minutes_per_card))
        .fold(0.0, f64::max);
    for p in &curve {
        writeln!(
            out,
            "{:>9.2}  {:>8.2}  {:>8}  {:>10.0}  {}",
            p.desired_retention,
            p.minutes_per_card,
            p.reviews,
            p.remembered,
            bar(f64::from(p.minutes_per_card), max, 30)
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "To use it: desired-retention = {best:.2} under [review] in config.toml. Higher \
         retention means more reviews but fewer forgotten cards; below the suggestion you \
         forget more than the time saved is worth."
    )?;
    Ok(ExitCode::SUCCESS)
}
