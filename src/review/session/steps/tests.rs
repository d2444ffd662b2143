//! The session driven by synthetic actions, as a UI would drive it: no terminal, no store.

use super::*;
use crate::model::{CardId, ReviewId};
use crate::review::session::tests::{self as session_tests, scheduler};
use crate::schedule::Phase;

const MIN: i64 = 60_000;
const NOW: i64 = 1_795_500_000_000;
const END: i64 = NOW + 12 * 3_600_000;

/// A new card in sibling group `group`.
fn card(id: i64, group: i64) -> ReviewCard {
    ReviewCard {
        group: Some(group),
        ..session_tests::card(id, CardSchedule::NEW)
    }
}

fn session(cards: Vec<ReviewCard>) -> Session {
    Session::new(&scheduler(), Vec::new(), cards, [], NOW, 0)
}

/// The id and stage on screen at `now`.
fn on_screen(s: &mut Session, now: i64) -> Option<(i64, Stage)> {
    s.view(now).map(|v| (v.card.id.0, v.stage))
}

/// Reveals and grades the card on screen, storing it as review `review_id`.
fn grade(s: &mut Session, rating: Rating, now: i64, review_id: i64) -> i64 {
    assert_eq!(s.act(Action::Reveal, now), Effect::None);
    match s.act(Action::Grade(rating), now + 5_000) {
        Effect::Answer {
            card_id,
            before,
            rating,
            ..
        } => {
            let after = scheduler().answer(&before, rating, now, 0.5);
            s.recorded(after, Some(ReviewId(review_id)), END);
            card_id.0
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_grade_before_the_answer_shows_changes_nothing() {
    let mut s = session(vec![card(1, 1)]);
    assert_eq!(on_screen(&mut s, NOW), Some((1, Stage::Question)));
    assert_eq!(s.act(Action::Grade(Rating::Good), NOW), Effect::None);
    assert_eq!(s.act(Action::Reveal, NOW), Effect::None);
    assert_eq!(on_screen(&mut s, NOW), Some((1, Stage::Answer)));
    // The answer took the time since the question showed.
    match s.act(Action::Grade(Rating::Good), NOW + 7_000) {
        Effect::Answer { duration_ms, .. } => assert_eq!(duration_ms, 7_000),
        other => panic!("{other:?}"),
    }
    assert!(
        s.view(NOW).is_none(),
        "no next card before the answer is stored"
    );
}

#[test]
fn again_brings_a_card_back_after_the_others_and_the_last_step_ends_it() {
    let mut s = session(vec![card(1, 1), card(2, 2)]);
    s.view(NOW);
    assert_eq!(grade(&mut s, Rating::Again, NOW, 1), 1);
    assert_eq!(on_screen(&mut s, NOW + 10_000), Some((2, Stage::Question)));
    grade(&mut s, Rating::Easy, NOW + 10_000, 2);
    // Card 1 is learning: shown again (waiting for it when nothing else is left).
    assert_eq!(on_screen(&mut s, NOW + 20_000), Some((1, Stage::Question)));
    assert_eq!(s.view(NOW).unwrap().card.schedule.phase, Phase::Learning);
    // Good: its second step, ten minutes on; Good again: it graduates.
    grade(&mut s, Rating::Good, NOW + 2 * MIN, 3);
    assert_eq!(on_screen(&mut s, NOW + 3 * MIN), Some((1, Stage::Question)));
    grade(&mut s, Rating::Good, NOW + 12 * MIN, 4);
    assert_eq!(on_screen(&mut s, NOW + 13 * MIN), None);
    assert_eq!(s.tally().answered, 4);
}

#[test]
fn a_sibling_of_an_answered_card_waits_for_another_day() {
    let mut s = session(vec![card(1, 7), card(2, 7), card(3, 8)]);
    s.view(NOW);
    grade(&mut s, Rating::Good, NOW, 1);
    assert_eq!(on_screen(&mut s, NOW), Some((3, Stage::Question)));
}

#[test]
fn undo_takes_back_the_answer_suspend_or_bury_whichever_came_last() {
    let mut s = session((1..=4).map(|i| card(i, i)).collect());
    s.view(NOW);
    grade(&mut s, Rating::Good, NOW, 41);
    s.view(NOW);
    assert_eq!(
        s.act(Action::Suspend, NOW),
        Effect::Suspend {
            card_id: CardId(2),
            question: "q2".into()
        }
    );
    s.view(NOW);
    assert_eq!(
        s.act(Action::Bury, NOW),
        Effect::Bury {
            card_id: CardId(3),
            question: "q3".into()
        }
    );
    assert_eq!(on_screen(&mut s, NOW), Some((4, Stage::Question)));

    let undone = |e: Effect| match e {
        Effect::TakeBack(u) => u,
        other => panic!("{other:?}"),
    };
    assert_eq!(undone(s.act(Action::Undo, NOW)), Undone::Bury(card(3, 3)));
    assert_eq!(on_screen(&mut s, NOW), Some((3, Stage::Question)));
    assert_eq!(
        undone(s.act(Action::Undo, NOW)),
        Undone::Suspend(card(2, 2))
    );
    assert_eq!(on_screen(&mut s, NOW), Some((2, Stage::Question)));
    assert_eq!(
        undone(s.act(Action::Undo, NOW)),
        Undone::Answer {
            review_id: Some(ReviewId(41)),
            card: card(1, 1)
        }
    );
    assert_eq!(on_screen(&mut s, NOW), Some((1, Stage::Question)));
    assert_eq!(s.tally().answered, 0);
    assert_eq!(s.act(Action::Undo, NOW), Effect::NothingToUndo);
    assert_eq!(s.counts().new, 4, "every card is left, card 1 first");
    assert_eq!(on_screen(&mut s, NOW), Some((1, Stage::Question)));
}

#[test]
fn quit_puts_the_card_back_and_ends_the_session() {
    let mut s = session(vec![card(1, 1), card(2, 2)]);
    s.view(NOW);
    s.act(Action::Reveal, NOW);
    assert_eq!(s.act(Action::Quit, NOW), Effect::Quit);
    assert!(s.view(NOW).is_none());
    assert_eq!(s.counts().new, 2, "the card on screen is still left");
}

#[test]
fn a_typed_answer_shows_its_comparison_and_proposes_a_grade() {
    let mut s = session(vec![card(1, 1)]);
    s.view(NOW);
    assert_eq!(s.act(Action::Typed("a1".into()), NOW), Effect::None);
    let v = s.view(NOW).unwrap();
    assert_eq!(v.stage, Stage::Answer);
    assert_eq!(v.typed.unwrap().proposed, Rating::Good);
    s.act(Action::Undo, NOW);
    s.view(NOW);
    s.act(Action::Typed("b7".into()), NOW);
    assert_eq!(s.view(NOW).unwrap().typed.unwrap().proposed, Rating::Again);
}

#[test]
fn an_edited_card_shows_again_as_the_notes_say_with_its_schedule() {
    let mut s = session(vec![card(1, 1)]);
    s.view(NOW);
    let Effect::Edit(c) = s.act(Action::Edit, NOW) else {
        panic!()
    };
    s.edited(Some(ReviewCard {
        question: "q1, reworded".into(),
        ..c
    }));
    assert_eq!(s.view(NOW).unwrap().card.question, "q1, reworded");
    s.act(Action::Edit, NOW);
    s.edited(None);
    assert!(s.view(NOW).is_none(), "the card left the notes");
}

#[test]
fn an_answer_the_store_refused_leaves_its_card_on_screen_to_answer_again() {
    let mut s = session(vec![card(1, 1), card(2, 2)]);
    s.view(NOW);
    s.act(Action::Reveal, NOW);
    assert!(matches!(
        s.act(Action::Grade(Rating::Good), NOW),
        Effect::Answer {
            card_id: CardId(1),
            ..
        }
    ));
    s.unrecorded();
    assert_eq!(on_screen(&mut s, NOW), Some((1, Stage::Question)));
    assert_eq!(s.tally().answered, 0);
}

#[test]
fn a_card_that_left_the_notes_is_not_brought_back_by_undo() {
    let mut s = session(vec![card(1, 1), card(3, 3), card(4, 4)]);
    s.view(NOW);
    grade(&mut s, Rating::Again, NOW, 9); // card 1 comes back in a minute
    assert_eq!(on_screen(&mut s, NOW), Some((3, Stage::Question)));
    grade(&mut s, Rating::Easy, NOW, 10);
    assert_eq!(
        on_screen(&mut s, NOW + 20 * MIN),
        Some((1, Stage::Question))
    );
    // Edited out of the notes: its earlier answer cannot bring it back.
    s.act(Action::Edit, NOW + 20 * MIN);
    s.edited(None);
    assert_eq!(
        on_screen(&mut s, NOW + 20 * MIN),
        Some((4, Stage::Question))
    );
    match s.act(Action::Undo, NOW + 20 * MIN) {
        Effect::TakeBack(Undone::Answer { card, .. }) => assert_eq!(card.id, CardId(3)),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        on_screen(&mut s, NOW + 20 * MIN),
        Some((3, Stage::Question))
    );
    assert_eq!(s.act(Action::Undo, NOW), Effect::NothingToUndo);
    assert_eq!(s.counts().new, 2, "cards 3 and 4, never card 1");
}
