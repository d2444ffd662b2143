//! `recall suspend|unsuspend ID|TEXT...`: take cards out of review, or put them back.

use crate::cli::CardsByArgs;
use recall::store::cards::ListedCard;
use recall::store::Store;
use std::io::Write;
use std::process::ExitCode;

pub fn run(args: CardsByArgs, suspend: bool, store: &Store) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut found: Vec<ListedCard> = Vec::new();
    let mut missing = false;
    for wanted in &args.cards {
        let matches: Vec<ListedCard> = match wanted.parse::<i64>() {
            Ok(id) => store
                .search_cards(None, None)?
                .into_iter()
                .filter(|c| c.id == id)
                .collect(),
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
    for c in &found {
        store.set_suspended(c.id, suspend)?;
        let question = c.question.lines().next().unwrap_or("");
        writeln!(
            out,
            "{} {:>6} [{}] {question}",
            if suspend {
                "suspended  "
            } else {
                "unsuspended"
            },
            c.id,
            c.deck
        )?;
    }
    Ok(if missing {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
