use super::*;
use crate::schedule::SchedulerConfig;

const NOW: i64 = 1_764_000_000_000;

#[test]
fn the_first_run_writes_the_bundled_deck_beside_the_database_and_imports_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("recall.db")).unwrap();
    let config = Config::default();
    let first = first_run(&mut store, &config, NOW).unwrap();
    assert_eq!(first.deck_path, dir.path().join("decks").join("python.md"));
    assert_eq!(
        std::fs::read_to_string(&first.deck_path).unwrap(),
        BUNDLED_DECK
    );
    assert!(first.added > 30, "{first:?}");
    // The session the day's plan makes holds new cards of it.
    let scheduler = Scheduler::new(SchedulerConfig::default()).unwrap();
    let all = QueueFilter::default();
    let session = open(&store, &config, &scheduler, &all, false, NOW).unwrap();
    assert_eq!(session.counts().new, config.review.new_per_day);
    // Cramming takes every card, whatever the day's limits.
    let cram = open(&store, &config, &scheduler, &all, true, NOW).unwrap();
    assert_eq!(cram.counts().new, first.added);
    // The deck written is the person's to edit: a second first run keeps their edit.
    std::fs::write(&first.deck_path, "- edited\n\t- by hand\n").unwrap();
    let mut other = Store::open(&dir.path().join("recall.db")).unwrap();
    first_run(&mut other, &config, NOW + 1).unwrap();
    assert_eq!(
        std::fs::read_to_string(&first.deck_path).unwrap(),
        "- edited\n\t- by hand\n"
    );
}

#[test]
fn the_summary_says_what_was_answered_and_what_is_left() {
    let t = Tally {
        answered: 4,
        cards: 3,
        again: 1,
        new_seen: 2,
        time_ms: 65_000,
    };
    let left = Counts {
        new: 2,
        learning: 1,
        review: 0,
    };
    assert_eq!(
        summary_lines(&t, left),
        [
            "Done: 4 cards in 1:05 (16.2 s a card), again 25%.",
            "Left for today: 2 new, 1 learning, 0 review (`recall review` to go on)."
        ]
    );
    assert_eq!(
        summary_lines(&Tally::default(), Counts::default()),
        ["No cards answered."]
    );
}
