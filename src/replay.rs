//! A card's state from its counted answers: each replayed through the scheduler from New with
//! the fuzz draw the live session used. Pure; the store, rebuild, sync and Anki import all
//! replay through it.

use crate::model::CardId;
use crate::schedule::{fuzz_draw, CardSchedule, Phase, Rating, Scheduler};

/// One counted answer, as the log holds it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Counted {
    /// Unix milliseconds.
    pub at: i64,
    pub rating: Rating,
    /// The due date this answer gave the card.
    pub due_after: Option<i64>,
    /// The phase and learning step it left the card in, where the log says.
    pub after: Option<(Phase, u32)>,
}

impl Counted {
    /// An answer of the whole log (`Store::for_each_card_log`) as replay takes it.
    pub fn of(a: &crate::model::LoggedAnswer) -> Counted {
        Counted {
            at: a.at,
            rating: Rating::from_number(a.rating).unwrap_or(Rating::Good),
            due_after: a.due_after,
            after: a.phase_after.map(|p| (p, a.step_after.unwrap_or(0))),
        }
    }
}

/// The state a card's counted answers (in time order) lead to; New without answers.
pub fn replay(
    scheduler: &Scheduler,
    card_id: CardId,
    answers: &[Counted],
    reschedule: bool,
) -> CardSchedule {
    let mut state = CardSchedule::NEW;
    for a in answers {
        state = scheduler.answer(&state, a.rating, a.at, fuzz_draw(card_id.0, state.reps));
        // The learner was told the phase and step the log holds, under the learning steps in
        // force then: the next answer goes on from there.
        if let (false, Some((phase, step))) = (reschedule, a.after) {
            (state.phase, state.step) = (phase, step);
        }
    }
    if let (false, Some(last)) = (reschedule, answers.last()) {
        state.due = last.due_after.or(state.due);
    }
    state
}
