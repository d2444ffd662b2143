//! `recall decks`: every deck with its new, due (today, as the day's plan counts) and total
//! card counts.

use crate::cli::DecksArgs;
use recall::collection::Collection;
use recall::deck_tree::{tree_lines, Totals};
use recall::display::pad;
use recall::store::decks::DeckCounts;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: DecksArgs, col: &Collection) -> anyhow::Result<ExitCode> {
    let scheduler = col.scheduler()?;
    let plan = col.plan_of_all(&scheduler)?;
    let decks = plan.decks(&col.store)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        return super::print_json("decks", &decks);
    }
    if decks.is_empty() {
        writeln!(out, "No decks yet: `recall import NOTES.md` makes one.")?;
        return Ok(ExitCode::SUCCESS);
    }
    // A deck from Anki says so (its cards have no note file).
    let own: Vec<(String, DeckTotals)> = decks
        .iter()
        .map(|d| match d.origin.as_deref() {
            Some("anki") => (format!("{} (from Anki)", d.name), DeckTotals::of(d)),
            _ => (d.name.clone(), DeckTotals::of(d)),
        })
        .collect();
    let lines: Vec<(String, DeckTotals)> = (tree_lines(&own, MAX_ROWS).into_iter())
        .map(|l| (l.indented(), l.totals))
        .collect();
    let width = super::column_width(lines.iter().map(|(l, _)| l.as_str()), "deck");
    writeln!(
        out,
        "{}  {:>6}  {:>6}  {:>6}",
        pad("deck", width),
        "new",
        "due",
        "total"
    )?;
    for (label, t) in &lines {
        writeln!(
            out,
            "{}  {:>6}  {:>6}  {:>6}",
            pad(label, width),
            t.new,
            t.due,
            t.total
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// More decks than this are shown folded (deeper levels first).
const MAX_ROWS: usize = 40;

/// A deck's counts, its sub-decks' added in the tree.
#[derive(Debug, Default, Clone, PartialEq)]
pub(super) struct DeckTotals {
    pub new: i64,
    pub due: i64,
    pub total: i64,
}

impl DeckTotals {
    pub(super) fn of(d: &DeckCounts) -> Self {
        DeckTotals {
            new: d.new,
            due: d.due,
            total: d.total,
        }
    }
}

impl Totals for DeckTotals {
    fn add(&mut self, o: &Self) {
        self.new += o.new;
        self.due += o.due;
        self.total += o.total;
    }
}
