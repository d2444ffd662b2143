use super::*;
use crate::model::CardId;
use crate::schedule::{CardSchedule, Phase, Rating, Scheduler, SchedulerConfig};
use crate::store::reviews::Answer;

fn store_with_card() -> (Store, CardId) {
    let store = Store::open_in_memory().unwrap();
    let deck = store.deck_id("d", 1).unwrap();
    store
        .conn
        .execute(
            "INSERT INTO cards (deck_id, key, kind, question, answer, line, position, created_at, updated_at) \
             VALUES (?1, 'k', 'basic', 'q', 'a', 1, 0, 1, 1)",
            [deck],
        )
        .unwrap();
    let id = CardId(store.conn.last_insert_rowid());
    (store, id)
}

#[test]
fn an_answer_is_logged_and_cached() {
    let (mut store, card) = store_with_card();
    assert_eq!(store.card_schedule(card).unwrap(), CardSchedule::NEW);
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let now = 1_795_500_000_000;
    let after = s.answer(&CardSchedule::NEW, Rating::Good, now, 0.5);
    let id = store
        .record_answer(
            &Answer {
                card_id: card,
                reviewed_at: now,
                rating: Rating::Good,
                duration_ms: 4200,
                before: CardSchedule::NEW,
                after,
            },
            &s,
        )
        .unwrap()
        .stored()
        .unwrap();
    assert_eq!(store.card_schedule(card).unwrap(), after);
    let (rating, before, state_after, due): (i64, String, String, Option<i64>) = store
        .conn
        .query_row(
            "SELECT rating, state_before, state_after, due_after FROM reviews WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (rating, before.as_str(), state_after.as_str(), due),
        (3, "new", "learning", after.due)
    );
    assert_eq!((after.phase, after.step), (Phase::Learning, 1));
}

#[test]
fn a_failed_answer_leaves_no_trace() {
    let (mut store, _) = store_with_card();
    let bad = Answer {
        card_id: CardId(999), // no such card: the foreign key refuses it
        reviewed_at: 1,
        rating: Rating::Again,
        duration_ms: 1,
        before: CardSchedule::NEW,
        after: CardSchedule::NEW,
    };
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    assert!(store.record_answer(&bad, &s).is_err());
    let n: i64 = store
        .conn
        .query_row("SELECT COUNT(*) FROM reviews", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 0);
}

#[test]
fn a_row_that_cannot_be_read_is_an_error_naming_it_not_a_default() {
    let (mut store, card) = store_with_card();
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let now = 1_795_500_000_000;
    let after = s.answer(&CardSchedule::NEW, Rating::Good, now, 0.5);
    store
        .record_answer(
            &Answer {
                card_id: card,
                reviewed_at: now,
                rating: Rating::Good,
                duration_ms: 1,
                before: CardSchedule::NEW,
                after,
            },
            &s,
        )
        .unwrap();
    // A foreign tool writes a state and a rating recall does not know.
    store
        .conn
        .execute_batch(
            "UPDATE card_state SET state = 'lerning';
             DROP TRIGGER reviews_no_rewrite; PRAGMA ignore_check_constraints = ON;
             UPDATE reviews SET rating = 7;",
        )
        .unwrap();
    let err = store.card_schedule(card).unwrap_err().to_string();
    assert!(err.contains("\"lerning\" is not a card state"), "{err}");
    let err = store
        .for_each_card_log(|t| t, |_| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("7 is not a rating"), "{err}");
    // Stored parameters that are not numbers are not replaced by the defaults.
    store
        .conn
        .execute(
            "INSERT INTO fsrs_parameters (created_at, parameters, items, cards) VALUES (1, 'oops', 0, 0)",
            [],
        )
        .unwrap();
    let err = store.current_parameters().unwrap_err().to_string();
    assert!(err.contains("parameter set 1 cannot be read"), "{err}");
    assert!(store.parameter_history().is_err());
}

#[test]
fn tags_that_are_not_a_list_are_an_error_not_no_tags() {
    let (store, _) = store_with_card();
    let deck = store.find_deck("d").unwrap().unwrap();
    let card = store.card_by_key(deck, "k").unwrap().unwrap();
    assert!(card.tags.is_empty());
    store
        .conn
        .execute("UPDATE cards SET tags = 'python, async'", [])
        .unwrap();
    let err = store.card_by_key(deck, "k").unwrap_err().to_string();
    assert!(
        err.contains("\"python, async\" is not a list of tags"),
        "{err}"
    );
}

#[test]
fn the_answers_that_count_are_one_rule_in_every_query() {
    let (mut store, card) = store_with_card();
    let s = Scheduler::new(SchedulerConfig::default()).unwrap();
    let t = 1_795_500_000_000;
    let answer = |store: &mut Store, at: i64| {
        let before = store.card_schedule(card).unwrap();
        let after = s.answer(&before, Rating::Good, at, 0.5);
        let a = Answer {
            card_id: card,
            reviewed_at: at,
            rating: Rating::Good,
            duration_ms: 1000,
            before,
            after,
        };
        store.record_answer(&a, &s).unwrap().stored().unwrap()
    };
    answer(&mut store, t); // before the reset: counts, but not for the card's memory
    store.reset_card(card, &s, t + 1_000).unwrap();
    answer(&mut store, t + 2_000);
    let undone = answer(&mut store, t + 3_000);
    assert!(store.undo_answer(undone, card, &s, t + 4_000).unwrap());
    let count = |sql: &str| -> i64 { store.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT count(*) FROM reviews"), 3);
    assert_eq!(
        count("SELECT count(*) FROM counted_answers"),
        2,
        "the undone one is out"
    );
    assert_eq!(
        count("SELECT count(*) FROM memory_answers"),
        1,
        "and the one before the reset"
    );
    // The export's query, written as a join for speed, reads the same answers as the view.
    let exported: Vec<i64> = store
        .counted_answers()
        .unwrap()
        .iter()
        .map(|a| a.at)
        .collect();
    assert_eq!(exported, vec![t + 2_000]);
}
