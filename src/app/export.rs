//! `recall export [DECK...] --apkg FILE --csv FILE --json FILE`: the cards with their
//! schedules and the review log, for Anki and other tools.

use super::Context;
use crate::cli::ExportArgs;
use anyhow::Context as _;
use recall::store::Store;
use std::collections::{HashMap, HashSet};
use std::process::ExitCode;

pub fn run(args: ExportArgs, ctx: &Context, store: &Store) -> anyhow::Result<ExitCode> {
    let cards = store.search_cards_in(&args.decks, None)?;
    let keep: HashSet<_> = cards.iter().map(|c| c.id).collect();
    if let Some(path) = &args.apkg {
        apkg(path, &keep, ctx, store)?;
    }
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

/// Writes the Anki package.
fn apkg(
    path: &std::path::Path,
    keep: &HashSet<recall::model::CardId>,
    ctx: &Context,
    store: &Store,
) -> anyhow::Result<()> {
    let scheduler = ctx.scheduler(store)?;
    let cards: Vec<_> = (store.cards_for_export()?.into_iter())
        .filter(|c| keep.contains(&c.id))
        .collect();
    let states: HashMap<_, _> = store.card_schedules()?.into_iter().collect();
    let log = store.log_for_export()?;
    let resets = store.resets_for_export()?;
    // Cards that came from Anki go back as the notes they came from.
    let origins: HashMap<_, _> = store
        .anki_origins()?
        .into_iter()
        .filter(|(id, _, _)| keep.contains(id))
        .filter_map(|(id, o, json)| {
            serde_json::from_str::<recall::anki::collection::NoteType>(&json)
                .ok()
                .map(|t| (id, (o, t)))
        })
        .collect();
    let dir = tempfile::tempdir().context("making a temporary folder")?;
    let collection = dir.path().join("collection.anki2");
    let written = recall::anki::export::write_collection(
        &collection,
        &cards,
        &origins,
        &states,
        &log,
        &resets,
        &scheduler,
        ctx.clock.now(),
    )?;
    recall::anki::package::write(path, &collection)?;
    eprintln!(
        "recall: {} in {} and {} written to {} (in Anki: File › Import, and tick \"Import any learning progress\")",
        super::counted(written.cards, "card"),
        super::counted(written.decks, "deck"),
        super::counted(written.revlog, "review-log row"),
        path.display()
    );
    Ok(())
}
