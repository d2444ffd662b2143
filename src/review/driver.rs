//! The review loop, once for every way of showing cards (the terminal, plain lines, a
//! browser): the UI draws the session's view and reads an action, the session says what to
//! do, and each effect is committed before the next card shows. Each event takes one `now`
//! from the clock. Tested in process with a scripted UI (`driver/tests.rs`).

use super::effects::{self, Day};
use super::session::{Action, Counts, Effect, Session, Stage, View};
use super::typing::Piece;
use crate::clock::Clock;
use crate::error::Result;
use crate::schedule::{Rating, Scheduler};
use crate::store::queue::ReviewCard;
use crate::store::Store;

pub use crate::error::UiError;
/// A UI call's result.
pub type UiResult<T> = std::result::Result<T, UiError>;

/// A way to show cards and take answers.
pub trait Ui {
    /// Shows the question; returns `Reveal`, `Undo`, `Suspend`, `Bury`, `Edit` or `Quit`.
    fn ask(&mut self, card: &ReviewCard, left: Counts) -> UiResult<Action>;
    /// Shows the answer and the grades with their intervals; returns `Grade`, `Undo`,
    /// `Suspend`, `Bury`, `Edit` or `Quit`.
    fn reveal(
        &mut self,
        card: &ReviewCard,
        left: Counts,
        grades: &[(Rating, String)],
    ) -> UiResult<Action>;
    /// Tells the person what just happened (undone, suspended, ...).
    fn note(&mut self, text: &str) -> UiResult<()>;
    /// `--type`: shows the question and reads a typed answer, or an action (`Reveal` to see
    /// the answer without typing, `Undo`, `Suspend`, `Bury`, `Edit`, `Quit`).
    fn ask_typed(&mut self, card: &ReviewCard, left: Counts) -> UiResult<Result<String, Action>>;
    /// `--type`: shows the answer, the comparison with what was typed and the proposed grade;
    /// returns `Grade` (confirming the proposal is one key) or another action.
    fn reveal_typed(
        &mut self,
        card: &ReviewCard,
        left: Counts,
        grades: &[(Rating, String)],
        typed: &[Piece],
        proposed: Rating,
    ) -> UiResult<Action>;
    /// Gives the screen to another program (the editor) for a while.
    fn pause(&mut self) -> UiResult<()> {
        Ok(())
    }
    /// Takes the screen back after [`Ui::pause`].
    fn resume(&mut self) -> UiResult<()> {
        Ok(())
    }
    /// Gives the screen back when the session ends, before its summary is printed.
    fn close(&mut self) -> UiResult<()> {
        Ok(())
    }
}

/// Opens a card's note for editing and takes the edit in: what changed, to show, or why it
/// could not.
pub type Edit<'a> = dyn FnMut(&ReviewCard, &mut Store) -> std::result::Result<String, String> + 'a;

/// How a session studies: `record` false is cramming (nothing saved, no intervals shown);
/// `type_answers` asks for the answer typed.
pub struct Study<'a> {
    pub record: bool,
    pub type_answers: bool,
    pub scheduler: &'a Scheduler,
    pub clock: &'a Clock,
}

/// Asks card after card until none is left or the person quits. Returns whether a card left
/// the queue unanswered (buried, suspended, edited), freeing a place the day's plan would
/// fill.
pub fn study(
    session: &mut Session,
    store: &mut Store,
    how: &Study<'_>,
    ui: &mut dyn Ui,
    edit: &mut Edit<'_>,
    mut day: Day,
) -> Result<bool> {
    let mut freed = false;
    loop {
        let now = how.clock.now();
        if let Some(note) = effects::freshen(store, session, how.record, &day, now)? {
            ui.note(&note)?;
        }
        let Some(view) = session.view(now) else {
            break;
        };
        let action = read_action(ui, view, how, store, &mut day)?;
        if !how.record && matches!(action, Action::Suspend | Action::Bury) {
            ui.note("Cram: nothing is suspended or buried (a cram session changes nothing).")?;
            continue;
        }
        // The answer's own moment: when it was given.
        let now = how.clock.now();
        match session.act(action, now) {
            Effect::Quit => break,
            Effect::Edit(card) => {
                freed = true;
                ui.pause()?;
                let edited = edit(&card, store);
                ui.resume()?;
                match edited {
                    Ok(message) => ui.note(&message)?,
                    Err(e) => ui.note(&format!("Could not edit the note: {e}"))?,
                }
                // Show the card again as the notes now say (unless it left them).
                let fresh = store.review_card(card.id, day.today)?;
                if fresh.is_none() {
                    ui.note("That card is no longer in the notes.")?;
                }
                session.edited(fresh);
            }
            effect => {
                freed |= matches!(effect, Effect::Suspend { .. } | Effect::Bury { .. });
                let note = effects::apply(
                    store,
                    how.scheduler,
                    session,
                    effect,
                    &mut day,
                    how.record,
                    now,
                )?;
                if let Some(note) = note {
                    ui.note(&note)?;
                }
            }
        }
    }
    Ok(freed)
}

/// Draws `view` through the UI and reads what the person does there.
fn read_action(
    ui: &mut dyn Ui,
    view: View<'_>,
    how: &Study<'_>,
    store: &Store,
    day: &mut Day,
) -> Result<Action> {
    let (card, left) = (view.card, view.left);
    // Each grade with the interval it gives, drawn as the answer will draw it, at the moment
    // the answer shows.
    let mut grades = || -> Vec<(Rating, String)> {
        let now = how.clock.now();
        effects::grade_outcomes(store, how.scheduler, card.id, &card.schedule, day, now)
            .iter()
            .map(|o| {
                let label = if how.record {
                    o.label(now)
                } else {
                    String::new()
                };
                (o.rating, label)
            })
            .collect()
    };
    Ok(match (view.stage, view.typed) {
        (Stage::Question, _) if how.type_answers => match ui.ask_typed(card, left)? {
            Ok(typed) => Action::Typed(typed),
            Err(action) => action,
        },
        (Stage::Question, _) => ui.ask(card, left)?,
        (Stage::Answer, Some(t)) => {
            ui.reveal_typed(card, left, &grades(), &t.pieces, t.proposed)?
        }
        (Stage::Answer, None) => ui.reveal(card, left, &grades())?,
    })
}

#[cfg(test)]
mod tests;
