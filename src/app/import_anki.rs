//! `recall import-anki FILE [--json]`: an Anki package's cards and review history into the
//! col.store.

use crate::cli::ImportAnkiArgs;
use recall::anki::{import, plan};
use recall::collection::Collection;
use std::process::ExitCode;

pub fn run(args: ImportAnkiArgs, mut col: Collection) -> anyhow::Result<ExitCode> {
    let scheduler = col.scheduler()?;
    let got = import::from_package(&mut col.store, &args.package, &scheduler, col.clock.now())?;
    let (done, skipped) = (&got.imported, &got.skipped);
    if args.json {
        let out = serde_json::json!({
            "imported": done,
            "skipped": skipped,
            "media": got.media,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
    }
    let counted = super::counted;
    let mut parts = vec![format!("{} added", counted(done.cards_added, "card"))];
    if done.cards_updated > 0 {
        parts.push(format!("{} updated", done.cards_updated));
    }
    if done.cards_unchanged > 0 {
        parts.push(format!("{} unchanged", done.cards_unchanged));
    }
    if done.cards_retired > 0 {
        parts.push(format!(
            "{} no longer in the package retired (kept with their history)",
            counted(done.cards_retired, "card")
        ));
    }
    if done.cards_joined > 0 {
        parts.push(format!(
            "{} exported from recall got their Anki answers",
            counted(done.cards_joined, "card")
        ));
    }
    println!(
        "recall: {} from {}: {}",
        counted(got.planned, "card"),
        args.package.display(),
        parts.join(", ")
    );
    let mut log = format!("{} added", counted(done.answers_added, "answer"));
    if done.answers_present > 0 {
        log.push_str(&format!(", {} already here", done.answers_present));
    }
    if done.resets_added > 0 {
        log.push_str(&format!(", {}", counted(done.resets_added, "reset")));
    }
    println!("recall: review history: {log}");
    // The decks, the first few by name.
    const NAMED: usize = 5;
    match done.decks.len() {
        0 => {}
        1 => println!("recall: deck: {}", done.decks[0]),
        n if n <= NAMED => println!("recall: decks: {}", done.decks.join(", ")),
        n => println!(
            "recall: {n} decks: {}, and {} more (`recall decks` lists them)",
            done.decks[..NAMED - 1].join(", "),
            n - (NAMED - 1)
        ),
    }
    if skipped.empty_cards > 0 {
        println!(
            "recall: {} skipped (no note, or empty text)",
            counted(skipped.empty_cards, "card")
        );
    }
    if skipped.too_large > 0 {
        println!(
            "recall: {} skipped: a field larger than {} MiB",
            counted(skipped.too_large, "card"),
            plan::MAX_FIELD_BYTES >> 20
        );
    }
    if skipped.studied_without_log > 0 {
        println!(
            "recall: {} studied in Anki but with no answers in its log: they start as new",
            counted(skipped.studied_without_log, "card")
        );
    }
    if skipped.manual_entries > 0 {
        println!(
            "recall: {} not answers (due dates set by hand, rescheduling, cramming) left out; each card keeps the due date Anki gives it",
            counted(skipped.manual_entries, "review-log row")
        );
    }
    if done.answers_added > 0 && col.store.current_parameters()?.is_none() {
        println!("recall: `recall optimize` fits FSRS to the history that came in");
    }
    if let (Some(folder), true) = (&got.media_folder, got.media.saved > 0) {
        println!(
            "recall: {} kept in {} (a card shows [image: name]; they go back to Anki with their cards)",
            counted(got.media.saved, "media file"),
            folder.display()
        );
    }
    if !got.media.conflicts.is_empty() {
        println!(
            "recall: {} of the same name with other bytes were here already (another package's) and stay: {}",
            counted(got.media.conflicts.len(), "media file"),
            got.media.conflicts.join(", ")
        );
    }
    if let Some(why) = &got.media.failed {
        println!("recall: the cards are in, but not all their media: {why}");
    }
    if got.media.missing > 0 {
        println!(
            "recall: {} the notes name are not in the package (or not a plain file name); cards show [image: name]",
            counted(got.media.missing, "media file")
        );
    }
    Ok(ExitCode::SUCCESS)
}
