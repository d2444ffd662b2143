//! A review session's queue and rules, with no terminal and no database: which card comes
//! next, where an answered card goes, undo. The caller persists each answer before asking for
//! the next card.
//!
//! Order: learning cards whose short delay is over; then studied cards due today, the least
//! likely to be remembered first; then new cards in note order; then learning cards still
//! waiting (a session never ends with a card owed today). Cloze siblings (cards cut from the
//! same block) are not shown on the same day as each other.

use crate::model::ReviewId;
use crate::schedule::{CardSchedule, Phase, Rating, Scheduler};
use crate::store::queue::ReviewCard;
use std::collections::{HashMap, HashSet, VecDeque};

mod steps;
pub use steps::{Action, Effect, Stage, TypedAnswer, View};

/// Cards left, as the status line shows them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub learning: usize,
    pub review: usize,
}

/// What the session has done so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub answered: usize,
    /// Cards answered (a card answered three times is one).
    pub cards: usize,
    pub again: usize,
    pub new_seen: usize,
    /// Milliseconds spent on answered cards.
    pub time_ms: i64,
}

/// An answer the session can take back.
#[derive(Debug, Clone)]
struct AnswerDone {
    /// The card as it was before the answer.
    card: ReviewCard,
    review_id: Option<ReviewId>,
    rating: Rating,
    duration_ms: i64,
    /// The block it buried, if it was the first of its siblings answered today.
    buried_block: Option<(i64, i64)>,
}

/// What the session can take back, newest last.
#[derive(Debug, Clone)]
enum Done {
    Answer(AnswerDone),
    Suspend(ReviewCard),
    Bury(ReviewCard),
}

/// What undo took back; the card it restored is shown next.
#[derive(Debug, Clone, PartialEq)]
pub enum Undone {
    /// An answer, stored as review `review_id` (none in cram mode); the card as it was
    /// before it.
    Answer {
        review_id: Option<ReviewId>,
        card: ReviewCard,
    },
    Suspend(ReviewCard),
    Bury(ReviewCard),
}

impl Undone {
    pub fn card(&self) -> &ReviewCard {
        match self {
            Undone::Answer { card, .. } | Undone::Suspend(card) | Undone::Bury(card) => card,
        }
    }
}

#[derive(Debug, Default)]
pub struct Session {
    due: VecDeque<ReviewCard>,
    new: VecDeque<ReviewCard>,
    /// Answered Again/Hard today: back when `schedule.due` comes.
    learning: Vec<ReviewCard>,
    /// Shown next, before anything else (a card put back by undo or quit).
    front: Vec<ReviewCard>,
    buried_blocks: HashSet<(i64, i64)>,
    /// Each answered card's answers this session, for [`Tally::cards`].
    answers_of: HashMap<crate::model::CardId, usize>,
    undo: Vec<Done>,
    tally: Tally,
    /// The card on screen (see [`Session::view`]).
    shown: Option<steps::Shown>,
    /// The answer [`Effect::Answer`] asked the caller to store.
    pending: Option<steps::Pending>,
    quit: bool,
}

impl Session {
    /// A session over the studied cards `due` today and the `new` cards allowed today.
    /// `answered_blocks` are blocks with a cloze already answered today.
    /// At most `review_limit` review cards are kept, the most at risk; learning cards are
    /// never cut.
    pub fn new(
        scheduler: &Scheduler,
        due: Vec<ReviewCard>,
        new: Vec<ReviewCard>,
        answered_blocks: impl IntoIterator<Item = (i64, i64)>,
        now: i64,
        review_limit: usize,
    ) -> Session {
        let (mut learning, mut review): (Vec<_>, Vec<_>) = due
            .into_iter()
            .partition(|c| matches!(c.schedule.phase, Phase::Learning | Phase::Relearning));
        learning.sort_by_key(|c| c.schedule.due);
        order_reviews(scheduler, &mut review, now);
        review.truncate(review_limit);
        Session {
            due: review.into(),
            new: new.into(),
            learning,
            buried_blocks: answered_blocks.into_iter().collect(),
            answers_of: HashMap::new(),
            ..Session::default()
        }
    }

    /// Takes the next card to show, if any is left.
    pub fn next(&mut self, now: i64) -> Option<ReviewCard> {
        if let Some(c) = self.front.pop() {
            return Some(c);
        }
        if let Some(i) = self
            .earliest_learning()
            .filter(|&i| self.learning[i].schedule.due.is_none_or(|d| d <= now))
        {
            return Some(self.learning.remove(i));
        }
        for queue in [&mut self.due, &mut self.new] {
            while let Some(c) = queue.pop_front() {
                if c.block().is_some_and(|b| self.buried_blocks.contains(&b)) {
                    continue; // a sibling was answered today
                }
                return Some(c);
            }
        }
        self.earliest_learning().map(|i| self.learning.remove(i))
    }

    fn earliest_learning(&self) -> Option<usize> {
        (0..self.learning.len())
            .min_by_key(|&i| (self.learning[i].schedule.due, self.learning[i].id))
    }

    /// Records that `card` was answered (and persisted as review `review_id`): it leaves the
    /// session, or comes back later today if its new state is due before `end_of_day`.
    pub fn answered(
        &mut self,
        card: ReviewCard,
        after: CardSchedule,
        rating: Rating,
        review_id: Option<ReviewId>,
        duration_ms: i64,
        end_of_day: i64,
    ) {
        self.tally.answered += 1;
        *self.answers_of.entry(card.id).or_default() += 1;
        self.tally.cards = self.answers_of.len();
        self.tally.again += (rating == Rating::Again) as usize;
        self.tally.new_seen += (card.schedule.phase == Phase::New) as usize;
        self.tally.time_ms += duration_ms;
        let buried_block = card.block().filter(|b| self.buried_blocks.insert(*b));
        self.undo.push(Done::Answer(AnswerDone {
            card: card.clone(),
            review_id,
            rating,
            duration_ms,
            buried_block,
        }));
        if matches!(after.phase, Phase::Learning | Phase::Relearning)
            && after.due.is_some_and(|d| d < end_of_day)
        {
            self.learning.push(ReviewCard {
                schedule: after,
                ..card
            });
        }
    }

    /// Takes back the last answer: returns the review id and the card as it was before, and
    /// shows that card next. The caller restores the store.
    /// (The last thing done was an answer; a suspend or a bury taken back gives `None` here,
    /// see [`Session::take_back`].)
    pub fn undo(&mut self) -> Option<(Option<ReviewId>, ReviewCard)> {
        match self.take_back()? {
            Undone::Answer { review_id, card } => Some((review_id, card)),
            _ => None,
        }
    }

    /// Takes back the last answer, suspend or bury, whichever came last, and shows its card
    /// next. The caller restores the store.
    pub fn take_back(&mut self) -> Option<Undone> {
        let u = match self.undo.pop()? {
            Done::Answer(u) => u,
            Done::Suspend(card) => {
                self.front.push(card.clone());
                return Some(Undone::Suspend(card));
            }
            Done::Bury(card) => {
                self.front.push(card.clone());
                return Some(Undone::Bury(card));
            }
        };
        // The copy the answer queued again is gone, even when it was on screen (put back).
        self.learning.retain(|c| c.id != u.card.id);
        self.front.retain(|c| c.id != u.card.id);
        if let Some(b) = u.buried_block {
            self.buried_blocks.remove(&b);
        }
        self.tally.answered -= 1;
        if let Some(n) = self.answers_of.get_mut(&u.card.id) {
            *n -= 1;
            if *n == 0 {
                self.answers_of.remove(&u.card.id);
            }
        }
        self.tally.cards = self.answers_of.len();
        self.tally.again -= (u.rating == Rating::Again) as usize;
        self.tally.new_seen -= (u.card.schedule.phase == Phase::New) as usize;
        self.tally.time_ms -= u.duration_ms;
        self.front.push(u.card.clone());
        Some(Undone::Answer {
            review_id: u.review_id,
            card: u.card,
        })
    }

    /// Drops every trace of card `id` (it left the notes): nothing brings it back today.
    fn forget(&mut self, id: crate::model::CardId) {
        self.undo.retain(|d| match d {
            Done::Answer(a) => a.card.id != id,
            Done::Suspend(c) | Done::Bury(c) => c.id != id,
        });
        for q in [&mut self.due, &mut self.new] {
            q.retain(|c| c.id != id);
        }
        self.learning.retain(|c| c.id != id);
        self.front.retain(|c| c.id != id);
    }

    /// Shows `card` next (it was taken but not answered).
    pub fn put_back(&mut self, card: ReviewCard) {
        self.front.push(card);
    }

    /// Can the last answer be taken back?
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Cards left, by kind (a card taken and not answered is not counted).
    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            new: self.new.len(),
            learning: self.learning.len(),
            review: self.due.len(),
        };
        for card in &self.front {
            match card.schedule.phase {
                Phase::New => c.new += 1,
                Phase::Learning | Phase::Relearning => c.learning += 1,
                Phase::Review => c.review += 1,
            }
        }
        c
    }

    pub fn tally(&self) -> Tally {
        self.tally
    }
}

/// Review cards in the order a session shows them: the least likely to be recalled at `now`
/// first (ties by id).
pub fn order_reviews(scheduler: &Scheduler, cards: &mut Vec<ReviewCard>, now: i64) {
    let mut keyed: Vec<(f32, ReviewCard)> = cards
        .drain(..)
        .map(|c| (scheduler.retrievability(&c.schedule, now), c))
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
    cards.extend(keyed.into_iter().map(|(_, c)| c));
}

#[cfg(test)]
mod tests;
