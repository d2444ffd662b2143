//! Anki's columns for what recall knows of a card: its schedule (`type`, `queue`, `due`,
//! `ivl`, `factor`, `left`), its FSRS memory state in `data`, and its answers and resets as
//! `revlog` rows. Pure; a package export and an answer written into a collection both use them.

use crate::model::CardId;
use crate::schedule::{CardSchedule, Phase, Scheduler};
use crate::store::anki::AnswerOut;
use serde_json::json;
use std::collections::{HashMap, HashSet};

const DAY_MS: i64 = 86_400_000;

/// A card's FSRS memory state as Anki keeps it in the card's `data`: stability, difficulty,
/// the desired retention and decay it was scheduled with, and the last review (Unix seconds).
pub fn memory_data(
    s: &CardSchedule,
    desired_retention: f32,
    decay: f32,
    data: &mut serde_json::Map<String, serde_json::Value>,
) {
    if let (Some(st), Some(d)) = (s.stability, s.difficulty) {
        data.insert("s".into(), json!(round4(st)));
        data.insert("d".into(), json!(round4(d)));
        data.insert("dr".into(), json!(round4(desired_retention)));
        data.insert("decay".into(), json!(round4(decay)));
    }
    if let Some(last) = s.last_review {
        data.insert("lrt".into(), json!(last / 1000));
    }
}

/// `x` to four decimals, as Anki keeps its figures.
pub fn round4(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

/// The FSRS parameters scheduling uses (the defaults when none were fitted).
pub fn params_in_use(scheduler: &Scheduler) -> Vec<f32> {
    match &scheduler.config().parameters {
        p if p.is_empty() => fsrs::DEFAULT_PARAMETERS.to_vec(),
        p => p.clone(),
    }
}

/// Anki's columns for a card's schedule.
pub struct ScheduleRow {
    pub kind: i64,
    pub queue: i64,
    pub due: i64,
    pub ivl: i64,
    pub factor: i64,
    pub left: i64,
}

pub fn schedule_row(
    s: &CardSchedule,
    position: i64,
    day_number: &dyn Fn(i64) -> i64,
    config: &crate::schedule::SchedulerConfig,
    now: i64,
) -> ScheduleRow {
    let due = s.due.unwrap_or(now);
    let last = s.last_review.unwrap_or(now);
    let days_between = (day_number(due) - day_number(last)).max(1);
    let learning = |kind: i64, steps: &[u32]| {
        // A step of a day or more waits in the day-learning queue, by day number.
        let interday = due - last >= DAY_MS;
        ScheduleRow {
            kind,
            queue: if interday { 3 } else { 1 },
            due: if interday {
                day_number(due)
            } else {
                due / 1000
            },
            ivl: if kind == 3 { days_between } else { 0 },
            factor: 2500,
            left: steps.len().saturating_sub(s.step as usize).max(1) as i64,
        }
    };
    match s.phase {
        Phase::New => ScheduleRow {
            kind: 0,
            queue: 0,
            due: position,
            ivl: 0,
            factor: 0,
            left: 0,
        },
        Phase::Learning => learning(1, &config.learning_steps),
        Phase::Relearning => learning(3, &config.relearning_steps),
        Phase::Review => ScheduleRow {
            kind: 2,
            queue: 2,
            due: day_number(due),
            ivl: days_between,
            factor: 2500,
            left: 0,
        },
    }
}

/// One row of Anki's `revlog`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevlogRow {
    /// The answer's time (Unix ms), which Anki's ids are.
    pub id: i64,
    pub card: i64,
    /// 1–4, or 0 for a reset.
    pub ease: i64,
    /// Days, or seconds as a negative number for a (re)learning step.
    pub ivl: i64,
    pub last_ivl: i64,
    pub factor: i64,
    /// Milliseconds taken.
    pub time: i64,
    /// 0 learn, 1 review, 2 relearn, 4 manual (a reset).
    pub kind: i64,
}

/// The `revlog` rows of the cards in `kept`, in time order, each id unique: every answer not
/// taken back, and
/// each reset as Anki's "Forget" (a manual entry), so Anki's FSRS reads the history from there
/// on as recall does. `anki_id` gives a card's id in Anki.
pub fn revlog_rows(
    log: &[AnswerOut],
    resets: &[(CardId, i64)],
    kept: &HashSet<CardId>,
    anki_id: &dyn Fn(CardId) -> i64,
    scheduler: &Scheduler,
) -> Vec<RevlogRow> {
    let mut rows = Vec::with_capacity(log.len() + resets.len());
    for &(card, at) in resets.iter().filter(|(c, _)| kept.contains(c)) {
        rows.push(RevlogRow {
            id: at,
            card: anki_id(card),
            ease: 0,
            ivl: 0,
            last_ivl: 0,
            factor: 0,
            time: 0,
            kind: 4,
        });
    }
    let mut last_ivl: Option<(CardId, i64)> = None;
    for a in log.iter().filter(|a| kept.contains(&a.card_id)) {
        let ivl = match (a.after, a.due_after) {
            (Phase::Review, Some(due)) => {
                (scheduler.study_day(due) - scheduler.study_day(a.at)).max(1)
            }
            (_, Some(due)) => -((due - a.at) / 1000).max(1),
            (_, None) => 0,
        };
        let kind = match a.before {
            Phase::New | Phase::Learning => 0,
            Phase::Review => 1,
            Phase::Relearning => 2,
        };
        // The log comes card by card: the previous row's interval, if it was this card's.
        let last = match last_ivl.replace((a.card_id, ivl)) {
            Some((card, ivl)) if card == a.card_id => ivl,
            _ => 0,
        };
        rows.push(RevlogRow {
            id: a.at,
            card: anki_id(a.card_id),
            ease: a.rating as i64,
            ivl,
            last_ivl: last,
            factor: if kind == 0 { 0 } else { 2500 },
            time: a.duration_ms.clamp(0, i64::from(i32::MAX)),
            kind,
        });
    }
    // At one instant an answer comes before a reset (an answer at a reset's very time does not
    // count in recall, nor, once before it, in Anki).
    rows.sort_unstable_by_key(|r| (r.id, r.card, r.kind == 4));
    // Revlog ids are unique across cards: an id taken moves a millisecond on (the same for
    // every export, so each answer keeps one id).
    let mut last_id = i64::MIN;
    for r in &mut rows {
        r.id = r.id.max(last_id.saturating_add(1));
        last_id = r.id;
    }
    rows
}

/// When each card was last answered as Anki reads it from `rows` (sorted by id, as
/// [`revlog_rows`] gives them): the id of its last rated row, in seconds, or None after a
/// reset. Anki's Check Database sets a card's `lrt` from exactly this, and an id moved on a
/// millisecond to stay unique can cross into the next second.
pub fn last_reviews(rows: &[RevlogRow]) -> HashMap<i64, Option<i64>> {
    let mut last = HashMap::new();
    for r in rows {
        if r.kind == 4 {
            last.insert(r.card, None);
        } else if r.ease > 0 {
            last.insert(r.card, Some(r.id / 1000));
        }
    }
    last
}

/// A card's `lrt` as its rows say ([`last_reviews`]); unchanged for a card without rows.
pub fn set_last_review(
    data: &mut serde_json::Map<String, serde_json::Value>,
    last: Option<&Option<i64>>,
) {
    match last {
        Some(Some(secs)) => {
            data.insert("lrt".into(), json!(secs));
        }
        Some(None) => {
            data.remove("lrt");
        }
        None => {}
    }
}

#[cfg(test)]
mod last_review_tests {
    use super::*;

    fn row(id: i64, card: i64, ease: i64, kind: i64) -> RevlogRow {
        RevlogRow {
            id,
            card,
            ease,
            ivl: 1,
            last_ivl: 0,
            factor: 0,
            time: 0,
            kind,
        }
    }

    #[test]
    fn a_cards_last_review_is_its_last_rated_rows_id_as_anki_reads_it() {
        // Two answers in one millisecond: the second moved on into the next second.
        let rows = [
            row(1_999, 1, 3, 0),
            row(2_000, 2, 3, 0),
            row(5_000, 3, 3, 1),
            row(6_000, 3, 0, 4),
        ];
        let last = last_reviews(&rows);
        assert_eq!(last[&1], Some(1));
        assert_eq!(last[&2], Some(2), "the id's second, not the answer's");
        assert_eq!(last[&3], None, "a reset ends it");
        let mut data = serde_json::Map::new();
        data.insert("lrt".into(), json!(1));
        set_last_review(&mut data, last.get(&2));
        assert_eq!(data["lrt"], json!(2));
        set_last_review(&mut data, last.get(&3));
        assert!(!data.contains_key("lrt"));
    }
}
