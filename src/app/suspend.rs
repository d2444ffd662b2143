//! `recall suspend|unsuspend|reset ID|TEXT...`: take cards out of review, put them back, or
//! make them new again.

use super::Context;
use crate::cli::CardsByArgs;
use recall::model::CardId;
use recall::store::cards::ListedCard;
use recall::store::Store;
use std::io::Write;
use std::process::ExitCode;

/// What to do to the cards found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Act {
    Suspend,
    Unsuspend,
    Reset,
}

pub fn run(
    args: CardsByArgs,
    act: Act,
    ctx: &Context,
    mut store: Store,
) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut found: Vec<ListedCard> = Vec::new();
    let mut missing = false;
    for wanted in &args.cards {
        let matches: Vec<ListedCard> = match wanted.parse::<i64>() {
            Ok(id) => store.listed_card(CardId(id))?.into_iter().collect(),
            Err(_) => store.search_cards(None, Some(wanted))?,
        };
        if matches.is_empty() {
            eprintln!(
                "recall: no card matches {wanted:?} (`recall list --search TEXT` finds cards)"
            );
            missing = true;
        }
        for c in matches {
            if !found.iter().any(|f| f.id == c.id) {
                found.push(c);
            }
        }
    }
    let now = ctx.clock.now();
    for c in &found {
        let done = match act {
            Act::Suspend => {
                store.set_suspended(c.id, true)?;
                "suspended  "
            }
            Act::Unsuspend => {
                store.set_suspended(c.id, false)?;
                "unsuspended"
            }
            Act::Reset => {
                store.reset_card(c.id, now)?;
                "reset      "
            }
        };
        let question = c.question.lines().next().unwrap_or("");
        writeln!(out, "{done} {:>6} [{}] {question}", c.id, c.deck)?;
    }
    Ok(if missing {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
