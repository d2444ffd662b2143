//! `recall due [DECK...] [--json]`: when each deck's studied cards come due.

use crate::cli::DueArgs;
use recall::collection::Collection;
use recall::display::pad;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: DueArgs, col: &Collection) -> anyhow::Result<ExitCode> {
    let clock = &col.clock;
    let scheduler = col.scheduler()?;
    let plan = col.plan_of_all(&scheduler)?;
    let mut decks = plan.due(&col.store, &scheduler)?;
    if !args.decks.is_empty() {
        decks.retain(|d| args.decks.iter().any(|w| recall::model::covers(w, &d.name)));
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        return super::print_json("decks", &decks);
    }
    if decks.is_empty() {
        writeln!(out, "No studied cards yet: `recall review` to start.")?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = super::column_width(decks.iter().map(|d| d.name.as_str()), "deck");
    writeln!(
        out,
        "{}  {:>6}  {:>11}  {:>8}  next",
        pad("deck", width),
        "now",
        "later today",
        "tomorrow"
    )?;
    for d in &decks {
        let next = d.next.map_or_else(|| "-".into(), |t| clock.format(t));
        writeln!(
            out,
            "{}  {:>6}  {:>11}  {:>8}  {next}",
            pad(&d.name, width),
            d.now,
            d.later_today,
            d.tomorrow
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
