//! The session as a state machine. A UI shows the [`View`] of the card on screen and hands back
//! an [`Action`] (what the person asked for); the session changes its queue and returns the
//! [`Effect`] the caller carries out in the store, one transaction each (see
//! `review::effects`). Nothing here reads a terminal, a clock or the database: time comes in as
//! an argument, so tests drive a whole session with synthetic actions.

use super::{Counts, Done, Session, Undone};
use crate::model::{CardId, ReviewId};
use crate::review::typing::{self, Piece};
use crate::schedule::{CardSchedule, Phase, Rating};
use crate::store::queue::ReviewCard;

/// What the person asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Show the answer.
    Reveal,
    /// `--type`: this is the answer typed; show the answer beside it.
    Typed(String),
    Grade(Rating),
    /// Take back the last answer, suspend or bury.
    Undo,
    Suspend,
    /// Hide the card until tomorrow.
    Bury,
    /// Open the card's note in the editor, then re-import it.
    Edit,
    /// Quit, end of input, Ctrl-C: the card on screen stays unanswered.
    Quit,
}

/// What of the card on screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Question,
    Answer,
}

/// A typed answer compared with the expected one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypedAnswer {
    pub pieces: Vec<Piece>,
    /// The grade the comparison proposes (confirming it is one key).
    pub proposed: Rating,
}

/// The card on screen, as a UI draws it.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub card: &'a ReviewCard,
    /// Cards left, the one on screen counted.
    pub left: Counts,
    pub stage: Stage,
    pub typed: Option<&'a TypedAnswer>,
}

/// What the caller carries out after an action.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Nothing to store: show the view again.
    None,
    /// Schedule this answer from `before` and store it, then call [`Session::recorded`].
    Answer {
        card_id: CardId,
        before: CardSchedule,
        rating: Rating,
        reviewed_at: i64,
        duration_ms: i64,
    },
    /// Restore the store as it was before what undo took back.
    TakeBack(Undone),
    NothingToUndo,
    Suspend {
        card_id: CardId,
        /// Its question, to say which card it was.
        question: String,
    },
    /// Hide the card until the next study day.
    Bury {
        card_id: CardId,
        question: String,
    },
    /// Open this card's note for editing, then call [`Session::edited`].
    Edit(ReviewCard),
    /// The session is over; the card that was on screen is put back, unanswered.
    Quit,
}

/// The card on screen.
#[derive(Debug, Clone)]
pub(super) struct Shown {
    card: ReviewCard,
    stage: Stage,
    /// When its question showed (for the time an answer took).
    shown_at: i64,
    typed: Option<TypedAnswer>,
    /// Compared with the store since it was taken (see [`Session::unchecked`]).
    checked: bool,
}

/// An answer given and not yet stored.
#[derive(Debug, Clone)]
pub(super) struct Pending {
    card: ReviewCard,
    rating: Rating,
    duration_ms: i64,
}

impl Session {
    /// The card on screen, taking the next one (its question) if none is; `None` when the
    /// session is over: nothing is left, or the person quit.
    pub fn view(&mut self, now: i64) -> Option<View<'_>> {
        self.take_next(now)?;
        let s = self.shown.as_ref()?;
        // What is left, the card on screen included (the last card shows 1, not 0).
        let mut left = self.counts();
        match s.card.schedule.phase {
            Phase::New => left.new += 1,
            Phase::Learning | Phase::Relearning => left.learning += 1,
            Phase::Review => left.review += 1,
        }
        Some(View {
            card: &s.card,
            left,
            stage: s.stage,
            typed: s.typed.as_ref(),
        })
    }

    /// The card on screen, taken from the queues first if none is.
    fn take_next(&mut self, now: i64) -> Option<&mut Shown> {
        if self.quit || self.pending.is_some() {
            return None;
        }
        if self.shown.is_none() {
            let card = self.next(now)?;
            self.shown = Some(Shown {
                card,
                stage: Stage::Question,
                shown_at: now,
                typed: None,
                checked: false,
            });
        }
        self.shown.as_mut()
    }

    /// The card to show next, if it was not yet compared with the store: another recall may
    /// have answered it, or an import retired or changed it, since this session read it.
    pub fn unchecked(&mut self, now: i64) -> Option<&ReviewCard> {
        let shown = self.take_next(now)?;
        (!shown.checked).then_some(&shown.card)
    }

    /// The card to show next is as `fresh` says (its text as the store has it now); its
    /// schedule is the session's.
    pub fn checked(&mut self, fresh: ReviewCard) {
        if let Some(s) = &mut self.shown {
            s.card = ReviewCard {
                schedule: s.card.schedule,
                ..fresh
            };
            s.checked = true;
        }
    }

    /// The card to show next leaves the session: it was answered elsewhere, retired or
    /// suspended since the session read it.
    pub fn drop_shown(&mut self) {
        if let Some(s) = self.shown.take() {
            self.forget(s.card.id);
        }
    }

    /// The card whose answer waits to be stored, if one does.
    pub fn pending(&self) -> Option<&ReviewCard> {
        self.pending.as_ref().map(|p| &p.card)
    }

    /// The answer [`Effect::Answer`] asked for was not stored: another recall answered the
    /// card meanwhile. The card leaves the session (its earlier answers here can no longer be
    /// undone, which would overwrite the other's).
    pub fn answered_elsewhere(&mut self) {
        if let Some(p) = self.pending.take() {
            self.forget(p.card.id);
        }
    }

    /// Takes the person's action on the card on screen at time `now`; returns what the caller
    /// must carry out. An action that does not fit the stage (a grade before the answer shows)
    /// changes nothing.
    pub fn act(&mut self, action: Action, now: i64) -> Effect {
        let Some(shown) = self.shown.as_mut() else {
            if action == Action::Quit {
                self.quit = true;
                return Effect::Quit;
            }
            return Effect::None;
        };
        match action {
            Action::Reveal => {
                shown.stage = Stage::Answer;
                Effect::None
            }
            Action::Typed(text) if shown.stage == Stage::Question => {
                let expected = typing::plain(&shown.card.answer);
                shown.typed = Some(TypedAnswer {
                    pieces: typing::compare(&expected, &text),
                    proposed: typing::proposed_grade(&expected, &text),
                });
                shown.stage = Stage::Answer;
                Effect::None
            }
            Action::Typed(_) => Effect::None,
            Action::Grade(_) if shown.stage == Stage::Question => Effect::None,
            Action::Grade(rating) => {
                let Some(s) = self.shown.take() else {
                    return Effect::None;
                };
                let duration_ms = (now - s.shown_at).max(0);
                let effect = Effect::Answer {
                    card_id: s.card.id,
                    before: s.card.schedule,
                    rating,
                    reviewed_at: now,
                    duration_ms,
                };
                self.pending = Some(Pending {
                    card: s.card,
                    rating,
                    duration_ms,
                });
                effect
            }
            Action::Undo => {
                if let Some(s) = self.shown.take() {
                    self.put_back(s.card);
                }
                match self.take_back() {
                    Some(undone) => Effect::TakeBack(undone),
                    None => Effect::NothingToUndo,
                }
            }
            Action::Suspend | Action::Bury => {
                let Some(s) = self.shown.take() else {
                    return Effect::None;
                };
                let (card_id, question) = (s.card.id, s.card.question.clone());
                if action == Action::Suspend {
                    self.undo.push(Done::Suspend(s.card));
                    Effect::Suspend { card_id, question }
                } else {
                    self.undo.push(Done::Bury(s.card));
                    Effect::Bury { card_id, question }
                }
            }
            Action::Edit => Effect::Edit(shown.card.clone()),
            Action::Quit => {
                if let Some(s) = self.shown.take() {
                    self.put_back(s.card);
                }
                self.quit = true;
                Effect::Quit
            }
        }
    }

    /// The answer [`Effect::Answer`] asked for is stored as review `review_id` (none when
    /// nothing is recorded), leaving the card in state `after`.
    pub fn recorded(&mut self, after: CardSchedule, review_id: Option<ReviewId>, end_of_day: i64) {
        if let Some(p) = self.pending.take() {
            self.answered(
                p.card,
                after,
                p.rating,
                review_id,
                p.duration_ms,
                end_of_day,
            );
        }
    }

    /// The answer [`Effect::Answer`] asked for could not be stored: the card shows again,
    /// unanswered.
    pub fn unrecorded(&mut self) {
        if let Some(p) = self.pending.take() {
            self.put_back(p.card);
        }
    }

    /// The note of the card on screen was edited: `fresh` is the card as the notes now say
    /// (`None` if it left them: undo does not bring it back either). It shows again, its
    /// schedule unchanged.
    pub fn edited(&mut self, fresh: Option<ReviewCard>) {
        let Some(s) = self.shown.take() else {
            return;
        };
        match fresh {
            Some(fresh) => self.put_back(ReviewCard {
                schedule: s.card.schedule,
                ..fresh
            }),
            None => self.forget(s.card.id),
        }
    }
}

#[cfg(test)]
mod tests;
