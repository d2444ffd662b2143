//! `recall stats [DECK...] [--days N] [--json]`: the figures of `recall::stats`, as a terminal
//! dashboard (Unicode charts; colour only on a terminal without `NO_COLOR`) or as JSON.

use crate::cli::StatsArgs;
use anyhow::Context as _;
use recall::collection::Collection;
use recall::review::plan::DayPlan;
use recall::stats;
use recall::store::queue::QueueFilter;
use std::io::{IsTerminal as _, Write};
use std::process::ExitCode;

pub fn run(args: StatsArgs, col: &Collection) -> anyhow::Result<ExitCode> {
    let clock = &col.clock;
    let scheduler = col.scheduler()?;
    let opts = stats::Options {
        decks: args.decks.clone(),
        days: args.days,
        now: clock.now(),
    };
    let mut s = stats::compute(&col.store, &scheduler, &opts)?;
    let filter = QueueFilter {
        decks: args.decks.clone(),
        tag: None,
    };
    s.today.count_plan(&DayPlan::build(
        &col.store,
        &col.config,
        &scheduler,
        &filter,
        opts.now,
    )?);
    if let Some(path) = &args.html {
        // What each desired retention would cost, with the parameters in use (the report only:
        // the terminal and the JSON stay quick).
        let cfg = scheduler.config();
        let workload = recall::simulate::workload_curve(
            &cfg.parameters,
            cfg.max_interval_days,
            cfg.desired_retention,
        )
        .unwrap_or_default();
        let report = recall::stats::html::report(&s, &workload);
        std::fs::write(path, report)
            .with_context(|| format!("writing the report to {}", path.display()))?;
        eprintln!("recall: report written to {}", path.display());
        if !args.json {
            return Ok(ExitCode::SUCCESS);
        }
    }
    if args.json {
        return super::print_json("stats", &s);
    }
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = std::io::stdout().lock();
    out.write_all(stats::text::dashboard(&s, color).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
