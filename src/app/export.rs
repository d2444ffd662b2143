//! `recall export [DECK...] --apkg FILE --into COLLECTION --csv FILE --json FILE`: the cards
//! with their schedules and the review log, for Anki and other tools.

use crate::cli::ExportArgs;
use anyhow::Context as _;
use recall::anki::outgoing::Outgoing;
use recall::collection::Collection;
use std::collections::{HashMap, HashSet};
use std::process::ExitCode;

pub fn run(args: ExportArgs, col: &mut Collection) -> anyhow::Result<ExitCode> {
    let cards = col.store.search_cards_in(&args.decks, None, None)?;
    let keep: HashSet<_> = cards.iter().map(|c| c.id).collect();
    if let Some(path) = &args.apkg {
        apkg(path, &keep, col)?;
    }
    if let Some(path) = &args.into {
        into(path, &keep, col)?;
    }
    let answers: Vec<_> = (col.store.counted_answers()?.into_iter())
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
        let states: HashMap<_, _> = col.store.card_schedules()?.into_iter().collect();
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
    col: &mut Collection,
) -> anyhow::Result<()> {
    let scheduler = col.scheduler()?;
    let out = Outgoing::read(&mut col.store, keep)?;
    let dir = tempfile::tempdir().context("making a temporary folder")?;
    let collection = dir.path().join("collection.anki2");
    let written =
        recall::anki::export::write_collection(&collection, &out, &scheduler, col.clock.now())?;
    recall::anki::package::write(path, &collection, &out.media)?;
    eprintln!(
        "recall: {} in {} and {} written to {} (in Anki: File › Import, and tick \"Import any learning progress\")",
        super::counted(written.cards, "card"),
        super::counted(written.decks, "deck"),
        super::counted(written.revlog, "review-log row"),
        path.display()
    );
    if !out.media.is_empty() {
        eprintln!(
            "recall: with {} their notes name",
            super::counted(out.media.len(), "media file")
        );
    }
    if !out.origins.is_empty() {
        eprintln!(
            "recall: {} came from Anki and go back as the same notes; Anki's import keeps the schedule of cards it has, so to add the answers given here to the collection they came from, use `recall export --into COLLECTION.anki2` (Anki closed)",
            super::counted(out.origins.len(), "card")
        );
    }
    Ok(())
}

/// Writes the answers given here into the Anki collection at `path`.
fn into(
    path: &std::path::Path,
    keep: &HashSet<recall::model::CardId>,
    col: &mut Collection,
) -> anyhow::Result<()> {
    let scheduler = col.scheduler()?;
    let out = Outgoing::read(&mut col.store, keep)?;
    let merged = recall::anki::into::write_into(path, &out, &scheduler, col.clock.now())?;
    eprintln!(
        "recall: {} added to {}; {} given the schedule from here",
        super::counted(merged.answers, "answer"),
        path.display(),
        super::counted(merged.rescheduled, "card"),
    );
    if merged.kept_in_anki > 0 {
        eprintln!(
            "recall: {} studied in Anki since their last answer here keep Anki's schedule (both sets of answers are in its log)",
            super::counted(merged.kept_in_anki, "card")
        );
    }
    if merged.not_there > 0 {
        eprintln!(
            "recall: {} came from another Anki collection, not this one; left out",
            super::counted(merged.not_there, "card")
        );
    }
    if merged.made_here > 0 {
        eprintln!(
            "recall: {} made from your notes are not in any Anki collection; left out (`recall export --apkg FILE` takes them to Anki)",
            super::counted(merged.made_here, "card")
        );
    }
    Ok(())
}
