//! `recall export [DECK...] --csv FILE --json FILE`: the review log and the cards, for other
//! tools.

use crate::cli::ExportArgs;
use anyhow::Context as _;
use recall::store::Store;
use std::collections::{HashMap, HashSet};
use std::process::ExitCode;

pub fn run(args: ExportArgs, store: &Store) -> anyhow::Result<ExitCode> {
    let cards = store.search_cards_in(&args.decks, None)?;
    let keep: HashSet<_> = cards.iter().map(|c| c.id).collect();
    let answers: Vec<_> = (store.counted_answers()?.into_iter())
        .filter(|a| keep.contains(&a.card_id))
        .collect();
    let write = |path: &std::path::Path, text: String| {
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))
    };
    if let Some(path) = &args.csv {
        write(path, recall::export::log_csv(&answers, &keep))?;
        eprintln!(
            "recall: {} of {} written to {}",
            super::counted(answers.len(), "answer"),
            super::counted(keep.len(), "card"),
            path.display()
        );
    }
    if let Some(path) = &args.json {
        let states: HashMap<_, _> = store.card_schedules()?.into_iter().collect();
        let exported = recall::export::cards_json(&cards, &states, &answers);
        let text = serde_json::to_string_pretty(&serde_json::json!({ "cards": exported }))?;
        write(path, text + "\n")?;
        eprintln!(
            "recall: {} with their reviews written to {}",
            super::counted(cards.len(), "card"),
            path.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
