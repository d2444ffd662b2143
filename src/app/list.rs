//! `recall list [DECK...] [--search TEXT] [--tag TAG] [--json]`: find cards by text or tag.

use crate::cli::ListArgs;
use recall::collection::Collection;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: ListArgs, col: &Collection) -> anyhow::Result<ExitCode> {
    super::known_tag(&col.store, args.tag.as_deref())?;
    let cards =
        col.store
            .search_cards_in(&args.decks(), args.search.as_deref(), args.tag.as_deref())?;
    let clock = &col.clock;
    let mut out = std::io::stdout().lock();
    if args.json {
        return super::print_json("cards", &cards);
    }
    for c in &cards {
        let due = c.due.map_or_else(|| "-".to_string(), |d| clock.format(d));
        let state = if c.suspended {
            "suspended"
        } else {
            c.state.as_str()
        };
        let question = recall::display::card_line(c.kind, &c.question, &c.answer, 100);
        writeln!(
            out,
            "{:>6}  {:<10} {:<16}  [{}] {question}",
            c.id, state, due, c.deck
        )?;
    }
    writeln!(
        out,
        "{} card{}",
        cards.len(),
        if cards.len() == 1 { "" } else { "s" }
    )?;
    Ok(ExitCode::SUCCESS)
}
