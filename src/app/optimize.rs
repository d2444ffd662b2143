//! `recall optimize [--evaluate] [--from-csv FILE] [--history] [--json]`: FSRS fitted to the
//! learner's log, stored (every set kept) and used from then on; or fitted to a CSV log
//! without touching the database.

use super::Context;
use crate::cli::OptimizeArgs;
use anyhow::Context as _;
use recall::collection::Collection;
use recall::optimize::{self, Evaluation, Items};
use std::io::{IsTerminal as _, Write};
use std::process::ExitCode;
use std::time::Instant;

#[derive(serde::Serialize)]
struct Fitted {
    parameters: Vec<f32>,
    /// Spaced reviews fitted to, the answers they hold, and their cards.
    items: usize,
    answers: usize,
    cards: usize,
    evaluation: Option<Evaluation>,
    seconds: f64,
    /// The stored set's id (none for --from-csv).
    saved_as: Option<i64>,
    /// Cards whose memory state was recomputed with the new parameters.
    cards_recomputed: Option<usize>,
}

pub fn run(args: OptimizeArgs, mut col: Collection) -> anyhow::Result<ExitCode> {
    if args.history {
        return history(&args, &col);
    }
    crate::return_freed_memory_at_once();
    let clock = &col.clock;
    let scheduler = col.scheduler()?;
    let items = optimize::adopt::items_of(&col.store, &scheduler)?;
    let steps = col.config.review.relearning_steps.0.len();
    let mut fitted = fit(items, steps, args.evaluate, args.json)?;
    let fit = optimize::adopt::Fit {
        parameters: &fitted.parameters,
        items: fitted.items,
        cards: fitted.cards,
        evaluation: fitted.evaluation.as_ref(),
    };
    let keep = col.config.backup.keep;
    let adopted = optimize::adopt::adopt(&mut col.store, &scheduler, &fit, keep, clock.now())?;
    fitted.saved_as = Some(adopted.set);
    fitted.cards_recomputed = Some(adopted.cards);
    print(&fitted, args.json)
}

pub fn from_csv(args: OptimizeArgs, ctx: &Context) -> anyhow::Result<ExitCode> {
    let config = &ctx.config;
    let path = args.from_csv.as_deref().expect("dispatched on --from-csv");
    crate::return_freed_memory_at_once();
    let clock = &ctx.clock;
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the review log", path.display()))?;
    let log = optimize::csv::read(path, &text, config.review.day_start_hour, clock.zone)?;
    let items = optimize::to_items(log);
    let steps = config.review.relearning_steps.0.len();
    let fitted = fit(items, steps, args.evaluate, args.json)?;
    print(&fitted, args.json)
}

/// Fits (and with `evaluate` scores) parameters for a scheduler with `relearning_steps`,
/// with a progress bar on a terminal.
fn fit(
    items: Items,
    relearning_steps: usize,
    evaluate: bool,
    quiet: bool,
) -> anyhow::Result<Fitted> {
    let started = Instant::now();
    let (n, answers, cards) = (items.items.len(), items.answers, items.cards);
    let show = !quiet && std::io::stderr().is_terminal();
    if show {
        eprintln!("Fitting FSRS to {n} spaced reviews of {cards} cards…");
    }
    let bar = |what: &'static str| {
        show.then(|| {
            let bar = indicatif::ProgressBar::new(1);
            bar.set_style(
                indicatif::ProgressStyle::with_template(&format!("{{bar:40}} {{percent}}% {what}"))
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        })
    };
    let step = |bar: &Option<indicatif::ProgressBar>, done: usize, total: usize| {
        if let Some(b) = bar {
            b.set_length(total.max(1) as u64);
            b.set_position(done as u64);
        }
    };
    let scoring = evaluate.then(|| items.clone());
    let fitting = bar("fitting");
    let parameters = optimize::fit(items, relearning_steps, |d, t| step(&fitting, d, t))?;
    if let Some(b) = fitting {
        b.finish_and_clear();
    }
    let evaluation = match scoring {
        Some(items) => {
            let scoring_bar = bar("scoring (5 folds)");
            let e = optimize::evaluate(items, relearning_steps, |d, t| step(&scoring_bar, d, t))?;
            if let Some(b) = scoring_bar {
                b.finish_and_clear();
            }
            Some(e)
        }
        None => None,
    };
    Ok(Fitted {
        parameters,
        items: n,
        answers,
        cards,
        evaluation,
        seconds: started.elapsed().as_secs_f64(),
        saved_as: None,
        cards_recomputed: None,
    })
}

fn print(f: &Fitted, json: bool) -> anyhow::Result<ExitCode> {
    if json {
        return super::print_json("optimize", f);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "Fitted FSRS to {} spaced reviews ({} answers) of {} cards in {:.1} s.",
        f.items, f.answers, f.cards, f.seconds
    )?;
    let params: Vec<String> = f.parameters.iter().map(|p| format!("{p:.4}")).collect();
    writeln!(out, "Parameters: {}", params.join(", "))?;
    if let Some(e) = &f.evaluation {
        writeln!(out)?;
        writeln!(out, "{:<16} {:>9} {:>12}", "", "log loss", "RMSE (bins)")?;
        for (name, m) in [("FSRS defaults", e.defaults), ("fitted", e.fitted)] {
            writeln!(
                out,
                "{name:<16} {:>9.4} {:>11.2}%",
                m.log_loss,
                m.rmse_bins * 100.0
            )?;
        }
        writeln!(
            out,
            "Lower is better. Scored on {} later reviews, each by parameters fitted to the \
             reviews before it only ({} folds in time order).",
            e.tested_items, e.folds
        )?;
        writeln!(out, "{}", e.advice())?;
    }
    match (f.saved_as, f.cards_recomputed) {
        (Some(id), Some(n)) => writeln!(
            out,
            "Saved as parameter set {id}; used from now on. Memory states of {n} cards \
             recomputed with it (due dates kept)."
        )?,
        _ => writeln!(out, "Nothing was saved (--from-csv).")?,
    }
    Ok(ExitCode::SUCCESS)
}

fn history(args: &OptimizeArgs, col: &Collection) -> anyhow::Result<ExitCode> {
    let sets = col.store.parameter_history()?;
    if args.json {
        return super::print_json("parameter_sets", &sets);
    }
    let mut out = std::io::stdout().lock();
    if sets.is_empty() {
        writeln!(
            out,
            "No fitted parameters yet: the FSRS defaults schedule. `recall optimize` fits them."
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let clock = &col.clock;
    for (i, s) in sets.iter().enumerate() {
        let current = if i + 1 == sets.len() {
            "  (in use)"
        } else {
            ""
        };
        let score = s.evaluation.map_or_else(String::new, |e| {
            format!(
                ", log loss {:.4} (defaults {:.4})",
                e.fitted.log_loss, e.defaults.log_loss
            )
        });
        writeln!(
            out,
            "set {}: {}, {} spaced reviews of {} cards{score}{current}",
            s.id,
            clock.format(s.created_at),
            s.items,
            s.cards
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
