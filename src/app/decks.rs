//! `recall decks`: every deck with its new, due (today, as the day's plan counts) and total
//! card counts.

use super::Context;
use crate::cli::DecksArgs;
use recall::store::Store;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: DecksArgs, ctx: &Context, store: &Store) -> anyhow::Result<ExitCode> {
    let scheduler = ctx.scheduler(store)?;
    let plan = ctx.plan_of_all(store, &scheduler)?;
    let decks = plan.decks(store)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        return super::print_json("decks", &decks);
    }
    if decks.is_empty() {
        writeln!(out, "No decks yet: `recall import NOTES.md` makes one.")?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = super::column_width(decks.iter().map(|d| d.name.as_str()), "deck");
    writeln!(
        out,
        "{:width$}  {:>6}  {:>6}  {:>6}",
        "deck", "new", "due", "total"
    )?;
    for d in &decks {
        writeln!(
            out,
            "{:width$}  {:>6}  {:>6}  {:>6}",
            d.name, d.new, d.due, d.total
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
