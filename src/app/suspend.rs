//! `recall suspend|unsuspend|reset ID|TEXT... [--deck DECK]`: take cards out of review, put them
//! back, or make them new again; by card, by text, or a whole deck with its sub-decks.

use crate::cli::CardsByArgs;
use recall::collection::Collection;
use recall::model::{covers, CardId};
use recall::store::cards::ListedCard;
use std::io::Write;
use std::process::ExitCode;

/// What to do to the cards found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Suspend,
    Unsuspend,
    Reset,
}

pub fn run(args: CardsByArgs, act: Act, mut col: Collection) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut found: Vec<ListedCard> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut failed = false;
    for wanted in &args.cards {
        let by_id = wanted.parse::<i64>().ok();
        let matches: Vec<ListedCard> = match by_id {
            Some(id) => col.store.listed_card(CardId(id))?.into_iter().collect(),
            None => col.store.search_cards(None, Some(wanted), None)?,
        };
        if matches.is_empty() {
            eprintln!(
                "recall: no card matches {wanted:?} (`recall list --search TEXT` finds cards)"
            );
            failed = true;
            continue;
        }
        if matches.len() > 1 && !args.all && !confirmed(wanted, &matches, act)? {
            failed = true;
            continue;
        }
        for c in matches {
            if seen.insert(c.id) {
                found.push(c);
            }
        }
    }
    // A whole deck (and its sub-decks): suspending or unsuspending it needs no confirmation;
    // resetting it is asked about as a text matching many cards is.
    for deck in &args.deck {
        let cards = col
            .store
            .search_cards_in(std::slice::from_ref(deck), None, None)?;
        let ask = act == Act::Reset && cards.len() > 1 && !args.all;
        if ask && !confirmed(&format!("--deck {deck}"), &cards, act)? {
            failed = true;
            continue;
        }
        for c in cards {
            if seen.insert(c.id) {
                found.push(c);
            }
        }
    }
    let now = col.clock.now();
    let scheduler = col.scheduler()?;
    let mut changed = 0;
    for c in &found {
        let (done, did) = match act {
            Act::Suspend if c.suspended => ("already suspended", false),
            Act::Suspend => ("suspended", true),
            Act::Unsuspend if !c.suspended => ("not suspended", false),
            Act::Unsuspend => ("unsuspended", true),
            Act::Reset if c.state == recall::schedule::Phase::New => ("already new", false),
            Act::Reset => ("reset", true),
        };
        if did {
            match act {
                Act::Suspend | Act::Unsuspend => {
                    col.store.set_suspended(c.id, act == Act::Suspend, now)?
                }
                Act::Reset => col.store.reset_card(c.id, &scheduler, now)?,
            }
            changed += 1;
        }
        // A deck's cards are counted, not listed one by one.
        if !args.deck.iter().any(|d| covers(d, &c.deck)) {
            writeln!(out, "{done:<17} {:>6} [{}] {}", c.id, c.deck, line_of(c))?;
        }
    }
    if found.len() > 1 {
        writeln!(out, "{} {}.", act.done(), super::counted(changed, "card"))?;
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

impl Act {
    fn verb(self) -> &'static str {
        match self {
            Act::Suspend => "suspend",
            Act::Unsuspend => "unsuspend",
            Act::Reset => "reset",
        }
    }

    fn done(self) -> &'static str {
        match self {
            Act::Suspend => "Suspended",
            Act::Unsuspend => "Unsuspended",
            Act::Reset => "Reset",
        }
    }
}

fn line_of(c: &ListedCard) -> String {
    recall::display::card_line(c.kind, &c.question, &c.answer, 80)
}

/// A text matched several cards: they are listed, and at a terminal the person is asked
/// whether to act on them all; elsewhere (a script) nothing is done without `--all`.
fn confirmed(wanted: &str, matches: &[ListedCard], act: Act) -> anyhow::Result<bool> {
    use std::io::IsTerminal as _;
    let mut err = std::io::stderr().lock();
    writeln!(
        err,
        "recall: {wanted:?} matches {}:",
        super::counted(matches.len(), "card")
    )?;
    for c in matches.iter().take(20) {
        writeln!(err, "  {:>6} [{}] {}", c.id, c.deck, line_of(c))?;
    }
    if matches.len() > 20 {
        writeln!(err, "  … and {} more", matches.len() - 20)?;
    }
    let verb = act.verb();
    if !std::io::stdin().is_terminal() {
        writeln!(
            err,
            "recall: give the id of the one you mean (`recall {verb} ID`), or --all for every one"
        )?;
        return Ok(false);
    }
    let ask = match act {
        Act::Suspend => "Suspend",
        Act::Unsuspend => "Unsuspend",
        Act::Reset => "Reset",
    };
    write!(err, "{ask} all {}? [y/N] ", matches.len())?;
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes"))
}
