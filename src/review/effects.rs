//! Carries out a session's effects in the store, one transaction each, and says in a line
//! what happened. The session decides; this module only writes what it decided.

use crate::error::Result;
use crate::model::CardId;
use crate::review::loads::DueCounts;
use crate::review::session::{Effect, Session, Undone};
use crate::schedule::{fuzz_draw, CardSchedule, DayLoad, Outcome, Rating, Scheduler};
use crate::store::reviews::{Answer, Recorded};
use crate::store::Store;

/// The study day a session runs in.
#[derive(Debug, Clone, Default)]
pub struct Day {
    pub today: i64,
    /// When the study day ends (Unix milliseconds).
    pub end: i64,
    /// The days ahead's loads, as this session's answers left them.
    pub loads: DueCounts,
}

impl Day {
    pub fn new(today: i64, end: i64) -> Day {
        Day {
            today,
            end,
            loads: DueCounts::default(),
        }
    }
}

/// Carries out `effect` (not [`Effect::Edit`] or [`Effect::Quit`]: the caller's own) at time
/// `now`, telling `session` what was stored. `record` false (cramming): answers change
/// nothing stored, though Again still brings a card back. Returns the line to show, if any.
pub fn apply(
    store: &mut Store,
    scheduler: &Scheduler,
    session: &mut Session,
    effect: Effect,
    day: &mut Day,
    record: bool,
    now: i64,
) -> Result<Option<String>> {
    Ok(match effect {
        Effect::None | Effect::Edit(_) | Effect::Quit => None,
        Effect::Answer {
            card_id,
            before,
            rating,
            reviewed_at,
            duration_ms,
        } => {
            let answer = Answer {
                card_id,
                reviewed_at,
                rating,
                duration_ms,
                before,
                after: before,
            };
            return store_answer(store, scheduler, session, answer, day, record);
        }
        Effect::TakeBack(undone) => {
            let q = short(&undone.card().question);
            Some(match undone {
                Undone::Answer { review_id, card } => {
                    let undone = match review_id {
                        Some(review_id) => store.undo_answer(review_id, card.id, scheduler, now)?,
                        None => true,
                    };
                    if !undone {
                        // The card comes up next with the state undo gave it, which is not the
                        // store's: `freshen` drops it then.
                        return Ok(Some(format!(
                            "Not undone: another recall answered or reset this card since ({q})."
                        )));
                    }
                    // The store replayed the card: its due day is read again when needed.
                    day.loads.forget();
                    format!("Undone: the last answer is taken back. Shown again: {q}")
                }
                Undone::Suspend(card) => {
                    store.set_suspended(card.id, false, now)?;
                    format!("Undone: the suspend is taken back. Shown again: {q}")
                }
                Undone::Bury(card) => {
                    store.unbury(card.id, now)?;
                    format!("Undone: the bury is taken back. Shown again: {q}")
                }
            })
        }
        Effect::NothingToUndo => Some("Nothing to undo.".into()),
        Effect::Suspend { card_id, question } => {
            store.set_suspended(card_id, true, now)?;
            Some(format!(
                "Suspended card {card_id} ({}) · u or `recall unsuspend {card_id}` undoes it",
                crate::display::plain_line(&question, 24)
            ))
        }
        Effect::Bury { card_id, question } => {
            store.bury(card_id, day.today + 1, now)?;
            Some(format!(
                "Buried card {card_id} ({}) until tomorrow · u undoes it",
                crate::display::plain_line(&question, 24)
            ))
        }
    })
}

/// A question's first line as it reads, cut to a readable length.
fn short(question: &str) -> String {
    crate::display::plain_line(question, 40)
}

/// The loads of the days ahead for balancing `card_id`'s answer; without them (a read error)
/// every day weighs the same.
fn day_loads<'a>(
    store: &'a Store,
    scheduler: &'a Scheduler,
    card_id: CardId,
    day: &'a mut Day,
) -> impl FnMut(i64, i64) -> Vec<DayLoad> + 'a {
    move |first, last| {
        day.loads
            .loads(store, scheduler, card_id, first, last)
            .unwrap_or_default()
    }
}

/// What each grade gives `card_id` (now in state `schedule`) answered at `now`: the same draw
/// and the same loads as the answer itself, so a button's interval is the one it gives.
pub fn grade_outcomes(
    store: &Store,
    scheduler: &Scheduler,
    card_id: CardId,
    schedule: &CardSchedule,
    day: &mut Day,
    now: i64,
) -> [Outcome; 4] {
    scheduler.preview_balanced(
        schedule,
        now,
        fuzz_draw(card_id.0, schedule.reps),
        &mut day_loads(store, scheduler, card_id, day),
    )
}

/// Schedules and (`record`) stores an answer, telling the session; an answer computed from a
/// state another recall changed meanwhile is not stored, and its card leaves the session.
fn store_answer(
    store: &mut Store,
    scheduler: &Scheduler,
    session: &mut Session,
    mut a: Answer,
    day: &mut Day,
    record: bool,
) -> Result<Option<String>> {
    let card_id = a.card_id;
    a.after = scheduler.answer_balanced(
        &a.before,
        a.rating,
        a.reviewed_at,
        fuzz_draw(card_id.0, a.before.reps),
        &mut day_loads(store, scheduler, card_id, day),
    );
    let review_id = if record {
        match store.record_answer(&a, scheduler) {
            Ok(Recorded::Stored(id)) => {
                // What the store holds now: an answer timed before others in the card's log
                // (synced from a clock ahead) was replayed with them, and is not `a.after`.
                match store.card_schedule(card_id) {
                    Ok(stored) => day.loads.moved(scheduler, &a.before, &stored),
                    Err(_) => day.loads.forget(),
                }
                Some(id)
            }
            Ok(Recorded::Stale(_)) => {
                let q = session.pending().map(|c| short(&c.question));
                session.answered_elsewhere();
                return Ok(Some(format!(
                    "Not saved: another recall answered this card meanwhile ({}); \
                     it leaves this session.",
                    q.unwrap_or_default()
                )));
            }
            Err(e) => {
                session.unrecorded();
                return Err(e);
            }
        }
    } else {
        None
    };
    // Cramming, a card known (anything but Again) is done for the session; one forgotten
    // comes back after its step.
    let until = if !record && a.rating != Rating::Again {
        i64::MIN
    } else {
        day.end
    };
    session.recorded(a.after, review_id, until);
    Ok(None)
}

/// Compares the card about to be shown with the store: one another recall answered
/// (`record`: this session's answers are stored too, so its state must be the store's), or an
/// import retired, or that was suspended, leaves the session; one whose note changed shows as
/// it reads now. Returns a line saying what was skipped, if anything.
pub fn freshen(
    store: &Store,
    session: &mut Session,
    record: bool,
    day: &Day,
    now: i64,
) -> Result<Option<String>> {
    let mut skipped = (0usize, 0usize); // (answered elsewhere, retired or suspended)
    while let Some(card) = session.unchecked(now) {
        let (id, schedule) = (card.id, card.schedule);
        match store.review_card(id, day.today)? {
            Some(fresh) if !record || fresh.schedule == schedule => session.checked(fresh),
            Some(_) => {
                skipped.0 += 1;
                session.drop_shown();
            }
            None => {
                skipped.1 += 1;
                session.drop_shown();
            }
        }
    }
    Ok(match skipped {
        (0, 0) => None,
        (a, r) => {
            let mut parts = Vec::new();
            if a > 0 {
                parts.push(format!("{a} answered in another recall session"));
            }
            if r > 0 {
                parts.push(format!(
                    "{r} retired, suspended or buried since this session began"
                ));
            }
            Some(format!("Skipped: {}.", parts.join(", ")))
        }
    })
}

#[cfg(test)]
mod tests;
