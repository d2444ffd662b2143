use super::*;
use crate::model::{covers, CardKind};
use crate::model::{CardId, ReviewId};
use crate::review::plan::DeckCaps;
use crate::schedule::SchedulerConfig;

const MIN: i64 = 60_000;
const DAY: i64 = 86_400_000;
const NOW: i64 = 1_795_500_000_000;

pub(super) fn scheduler() -> Scheduler {
    Scheduler::new(SchedulerConfig::default()).unwrap()
}

/// A card of deck `d`, in a sibling group of its own (the group is its id).
pub(super) fn card(id: i64, schedule: CardSchedule) -> ReviewCard {
    ReviewCard {
        id: CardId(id),
        deck: "d".into(),
        kind: CardKind::Basic,
        question: format!("q{id}"),
        answer: format!("a{id}"),
        context: String::new(),
        source: Some("d.md".into()),
        line: id,
        source_id: Some(1),
        group: Some(id),
        schedule,
    }
}

fn new_card(id: i64) -> ReviewCard {
    card(id, CardSchedule::NEW)
}

fn review(id: i64, stability: f32, days_ago: i64) -> ReviewCard {
    card(
        id,
        CardSchedule {
            phase: Phase::Review,
            stability: Some(stability),
            difficulty: Some(5.0),
            due: Some(NOW - DAY),
            last_review: Some(NOW - days_ago * DAY),
            reps: 3,
            lapses: 0,
            step: 0,
        },
    )
}

fn learning(id: i64, due: i64) -> ReviewCard {
    card(
        id,
        CardSchedule {
            phase: Phase::Learning,
            stability: Some(0.2),
            difficulty: Some(6.0),
            due: Some(due),
            last_review: Some(due - MIN),
            reps: 1,
            lapses: 0,
            step: 0,
        },
    )
}

fn ids(session: &mut Session, now: i64) -> Vec<i64> {
    std::iter::from_fn(|| session.next(now))
        .map(|c| c.id.0)
        .collect()
}

#[test]
fn order_is_learning_due_then_riskiest_reviews_then_new_then_waiting_learning() {
    let s = scheduler();
    let due = vec![
        review(1, 30.0, 10), // R high
        review(2, 2.0, 10),  // R low: most at risk
        learning(3, NOW - MIN),
        learning(4, NOW + 5 * MIN),
    ];
    let mut session = Session::new(&s, due, vec![new_card(5), new_card(6)], [], NOW, usize::MAX);
    assert_eq!(
        session.counts(),
        Counts {
            new: 2,
            learning: 2,
            review: 2
        }
    );
    assert_eq!(ids(&mut session, NOW), [3, 2, 1, 5, 6, 4]);
}

#[test]
fn a_card_answered_again_comes_back_in_the_same_session() {
    let s = scheduler();
    let mut session = Session::new(
        &s,
        vec![],
        vec![new_card(1), new_card(2)],
        [],
        NOW,
        usize::MAX,
    );
    let first = session.next(NOW).unwrap();
    let after = s.answer(&first.schedule, Rating::Again, NOW, 0.5);
    session.answered(
        first,
        after,
        Rating::Again,
        Some(ReviewId(10)),
        3000,
        NOW + DAY,
    );
    assert_eq!(
        session.counts(),
        Counts {
            new: 1,
            learning: 1,
            review: 0
        }
    );
    // Before its minute is up, the other card comes first; then it comes back.
    assert_eq!(session.next(NOW + 1000).unwrap().id.0, 2);
    let back = session.next(NOW + 1000).unwrap();
    assert_eq!((back.id.0, back.schedule.phase), (1, Phase::Learning));
    let good = s.answer(&back.schedule, Rating::Good, NOW + 2 * MIN, 0.5);
    session.answered(
        back,
        good,
        Rating::Good,
        Some(ReviewId(11)),
        2000,
        NOW + DAY,
    );
    // Its second learning step, ten minutes on: then it graduates.
    let back = session.next(NOW + 2 * MIN).unwrap();
    assert_eq!((back.id.0, back.schedule.step), (1, 1));
    let good = s.answer(&back.schedule, Rating::Good, NOW + 12 * MIN, 0.5);
    session.answered(
        back,
        good,
        Rating::Good,
        Some(ReviewId(12)),
        2000,
        NOW + DAY,
    );
    assert_eq!(
        session.next(NOW + 12 * MIN),
        None,
        "graduated: not today any more"
    );
    assert_eq!(
        session.tally(),
        Tally {
            answered: 3,
            cards: 1,
            again: 1,
            new_seen: 1,
            time_ms: 7000
        }
    );
}

#[test]
fn a_learning_step_past_the_end_of_the_day_leaves_the_session() {
    let s = scheduler();
    let mut session = Session::new(&s, vec![], vec![new_card(1)], [], NOW, usize::MAX);
    let c = session.next(NOW).unwrap();
    let after = s.answer(&c.schedule, Rating::Again, NOW, 0.5);
    session.answered(c, after, Rating::Again, Some(ReviewId(1)), 1, NOW + 30_000); // the day ends in 30 s
    assert_eq!(session.next(NOW), None);
}

#[test]
fn cloze_siblings_wait_for_another_day() {
    let s = scheduler();
    let cloze = |id: i64, line: i64| ReviewCard {
        kind: CardKind::Cloze,
        line,
        group: Some(line),
        ..new_card(id)
    };
    let mut session = Session::new(
        &s,
        vec![],
        vec![cloze(1, 7), cloze(2, 7), cloze(3, 8)],
        [],
        NOW,
        usize::MAX,
    );
    let c = session.next(NOW).unwrap();
    let after = s.answer(&c.schedule, Rating::Easy, NOW, 0.5);
    session.answered(c, after, Rating::Easy, Some(ReviewId(1)), 1, NOW + DAY);
    assert_eq!(ids(&mut session, NOW), [3], "card 2 is card 1's sibling");

    // A block answered earlier today buries its clozes from the start.
    let mut later = Session::new(
        &s,
        vec![],
        vec![cloze(2, 7), cloze(3, 8)],
        [(1, 7)],
        NOW,
        usize::MAX,
    );
    assert_eq!(ids(&mut later, NOW), [3]);
}

#[test]
fn a_definition_and_the_clozes_its_answer_shows_are_siblings() {
    // Card 1 asks block 7 and shows its child (line 8) whole; card 2 is that child's cloze.
    let s = scheduler();
    let definition = ReviewCard {
        line: 7,
        group: Some(7),
        ..new_card(1)
    };
    let spoiled = ReviewCard {
        kind: CardKind::Cloze,
        line: 8,
        group: Some(7),
        ..new_card(2)
    };
    let other = ReviewCard {
        kind: CardKind::Cloze,
        line: 9,
        group: Some(9),
        ..new_card(3)
    };
    let mut session = Session::new(
        &s,
        vec![],
        vec![definition, spoiled, other],
        [],
        NOW,
        usize::MAX,
    );
    let c = session.next(NOW).unwrap();
    assert_eq!(c.id.0, 1);
    let after = s.answer(&c.schedule, Rating::Easy, NOW, 0.5);
    session.answered(c, after, Rating::Easy, Some(ReviewId(1)), 1, NOW + DAY);
    assert_eq!(
        ids(&mut session, NOW),
        [3],
        "the cloze whose answer card 1 revealed waits for another day"
    );
}

#[test]
fn undo_brings_the_card_back_as_it_was() {
    let s = scheduler();
    let cloze = ReviewCard {
        kind: CardKind::Cloze,
        ..new_card(1)
    };
    let sibling = ReviewCard {
        kind: CardKind::Cloze,
        ..new_card(2)
    };
    let sibling = ReviewCard {
        line: 1,
        group: Some(1),
        ..sibling
    };
    let mut session = Session::new(
        &s,
        vec![],
        vec![cloze.clone(), sibling],
        [],
        NOW,
        usize::MAX,
    );
    assert!(!session.can_undo());
    let c = session.next(NOW).unwrap();
    let after = s.answer(&c.schedule, Rating::Again, NOW, 0.5);
    session.answered(c, after, Rating::Again, Some(ReviewId(42)), 1500, NOW + DAY);
    assert!(session.can_undo());
    let (review_id, before) = session.undo().unwrap();
    assert_eq!(
        (review_id, before.schedule),
        (Some(ReviewId(42)), CardSchedule::NEW)
    );
    assert_eq!(session.tally(), Tally::default());
    assert_eq!(
        session.counts(),
        Counts {
            new: 2,
            learning: 0,
            review: 0
        }
    );
    // The same card is next, as new, and its sibling is no longer buried.
    assert_eq!(session.next(NOW).unwrap(), cloze);
    assert_eq!(session.next(NOW).unwrap().id.0, 2);
    assert_eq!(session.next(NOW), None, "the undone learning copy is gone");
}

#[test]
fn undo_while_the_card_is_shown_again_leaves_one_copy_as_it_was() {
    // Again, then the card comes straight back (nothing else left), and `u` is pressed while
    // it is on screen: the shown copy is put back, then the answer is undone.
    let s = scheduler();
    let mut session = Session::new(&s, vec![], vec![new_card(1)], [], NOW, usize::MAX);
    let c = session.next(NOW).unwrap();
    let after = s.answer(&c.schedule, Rating::Again, NOW, 0.5);
    session.answered(c, after, Rating::Again, Some(ReviewId(7)), 1000, NOW + DAY);
    let shown = session.next(NOW + 10 * MIN).unwrap();
    assert_eq!(shown.schedule, after);
    session.put_back(shown);
    let (_, before) = session.undo().unwrap();
    assert_eq!(before.schedule, CardSchedule::NEW);
    assert_eq!(session.next(NOW).unwrap().schedule, CardSchedule::NEW);
    assert_eq!(
        session.next(NOW + DAY),
        None,
        "no stale copy of the undone answer"
    );
}

#[test]
fn a_card_put_back_comes_next() {
    let s = scheduler();
    let mut session = Session::new(
        &s,
        vec![],
        vec![new_card(1), new_card(2)],
        [],
        NOW,
        usize::MAX,
    );
    let c = session.next(NOW).unwrap();
    session.put_back(c);
    assert_eq!(ids(&mut session, NOW), [1, 2]);
}

#[test]
fn the_review_limit_keeps_the_cards_most_at_risk() {
    let s = scheduler();
    let due = vec![
        review(1, 30.0, 10),
        review(2, 2.0, 10),
        review(3, 5.0, 10),
        learning(4, NOW - MIN),
    ];
    let mut session = Session::new(&s, due, vec![], [], NOW, 2);
    assert_eq!(ids(&mut session, NOW), [4, 2, 3]);
}

#[test]
fn deck_caps_limit_a_deck_with_its_sub_decks() {
    let in_deck = |id: i64, deck: &str| ReviewCard {
        deck: deck.into(),
        ..new_card(id)
    };
    let cards = vec![
        in_deck(1, "lang/python"),
        in_deck(2, "lang/rust"),
        in_deck(3, "lang"),
        in_deck(4, "other"),
        in_deck(5, "lang/python"),
        in_deck(6, "other"),
    ];
    // `lang` (and its sub-decks) may bring 3 more today, `lang/python` 1 more (2 of 3 used).
    let mut caps = DeckCaps::new([("lang".into(), 5, 2), ("lang/python".into(), 3, 2)]);
    let kept: Vec<i64> = caps
        .take(cards.clone(), 10)
        .iter()
        .map(|c| c.id.0)
        .collect();
    assert_eq!(kept, [1, 2, 3, 4, 6], "card 5: lang/python is full");
    let mut caps = DeckCaps::new([("lang".into(), 1, 0)]);
    let kept: Vec<i64> = caps.take(cards, 2).iter().map(|c| c.id.0).collect();
    assert_eq!(kept, [1, 4], "the total caps too");
    assert!(covers("lang", "lang/python") && !covers("lang", "language"));
}
