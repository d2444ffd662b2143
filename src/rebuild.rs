//! Card scheduling states recomputed from the review log, which is the source of truth.
//!
//! A card's counted answers are those not taken back, after its last reset. Replaying them
//! through the scheduler from New, each with the fuzz draw the live session used, gives the
//! card's memory (stability, difficulty), last review, reps and lapses. The phase, learning
//! step and due date are the ones the learner was given by each answer (the log's
//! `state_after`, `step_after`, `due_after`), so a rebuild after new parameters or new learning
//! steps refreshes the memory states without moving due dates, as Anki does; `reschedule`
//! recomputes phases and due dates as well.

use crate::error::Result;
use crate::model::CardId;
use crate::replay::{replay, Counted};
use crate::schedule::{CardSchedule, Phase, Scheduler};
use crate::store::Store;

/// What a rebuild found (and did).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Report {
    /// Cards with counted answers, and those answers.
    pub cards: usize,
    pub answers: usize,
    /// Cards whose cached state was not what the log gives (a few shown in `examples`).
    pub differed: usize,
    pub examples: Vec<Difference>,
    /// Did the per-quarter-hour answer totals equal the log?
    pub answer_totals_matched: bool,
    /// The cache was replaced by the rebuilt states.
    pub written: bool,
}

/// A card whose cached state differs from the rebuilt one (None: no state, i.e. New).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Difference {
    pub card_id: CardId,
    pub cached: Option<CardSchedule>,
    pub rebuilt: Option<CardSchedule>,
}

const EXAMPLES: usize = 5;

/// What to rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Recompute due dates too (else the ones the answers gave are kept).
    pub reschedule: bool,
    /// Replace the cache (else only compare).
    pub write: bool,
    /// Check (and with `write`, redo) the per-quarter-hour answer totals as well: a pass over
    /// the whole log, so `recall optimize` leaves it out (the totals do not depend on
    /// parameters).
    pub answer_totals: bool,
}

/// Recomputes every card's state from the log and compares it with the cache; with `write`,
/// replaces the cache (card states, studied flags, and answer totals if asked) in one
/// transaction.
pub fn rebuild(store: &mut Store, scheduler: &Scheduler, opts: Options) -> Result<Report> {
    rebuild_and(store, scheduler, opts, |_| Ok(()))
}

/// `rebuild`, with `also` run in the writing transaction (before the states are written).
pub fn rebuild_and(
    store: &mut Store,
    scheduler: &Scheduler,
    opts: Options,
    also: impl FnOnce(&Store) -> Result<()>,
) -> Result<Report> {
    let Options {
        reschedule,
        write,
        answer_totals,
    } = opts;
    let mut report = Report::default();
    let mut rebuilt: Vec<(CardId, CardSchedule)> = Vec::new();
    let mut counted: Vec<Counted> = Vec::new();
    store.for_each_card_log(
        |t| scheduler.study_day(t),
        |card| {
            counted.clear();
            counted.extend(card.iter().filter(|a| a.counts()).map(Counted::of));
            if counted.is_empty() {
                return;
            }
            let id = card[0].card_id;
            report.cards += 1;
            report.answers += counted.len();
            rebuilt.push((id, replay(scheduler, id, &counted, reschedule)));
        },
    )?;
    let cached: std::collections::HashMap<CardId, CardSchedule> = store
        .card_schedules()?
        .into_iter()
        .filter(|(_, s)| s.phase != Phase::New)
        .collect();
    let mut differ =
        |card_id: CardId, cached: Option<CardSchedule>, rebuilt: Option<CardSchedule>| {
            report.differed += 1;
            if report.examples.len() < EXAMPLES {
                report.examples.push(Difference {
                    card_id,
                    cached,
                    rebuilt,
                });
            }
        };
    for (card, state) in &rebuilt {
        let old = cached.get(card).copied();
        if old != Some(*state) {
            differ(*card, old, Some(*state));
        }
    }
    let rebuilt_ids: std::collections::HashSet<CardId> = rebuilt.iter().map(|(c, _)| *c).collect();
    let mut orphans: Vec<(&CardId, &CardSchedule)> = cached
        .iter()
        .filter(|(c, _)| !rebuilt_ids.contains(c))
        .collect();
    orphans.sort_by_key(|(c, _)| **c);
    for (card, state) in orphans {
        differ(*card, Some(*state), None);
    }
    report.answer_totals_matched = !answer_totals || store.answer_buckets_match_log()?;
    if write {
        store.replace_card_schedules(&rebuilt, answer_totals, also)?;
        report.written = true;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{fuzz_draw, Phase, Rating, SchedulerConfig};

    const NOW: i64 = 1_795_510_800_000;
    const DAY: i64 = 86_400_000;

    #[test]
    fn replay_equals_answering_one_by_one() {
        let s = Scheduler::new(SchedulerConfig::default()).unwrap();
        let grades = [
            Rating::Good,
            Rating::Good,
            Rating::Again,
            Rating::Good,
            Rating::Easy,
        ];
        let mut live = CardSchedule::NEW;
        let mut log = Vec::new();
        let mut at = NOW;
        for g in grades {
            live = s.answer(&live, g, at, fuzz_draw(42, live.reps));
            log.push(Counted {
                at,
                rating: g,
                due_after: live.due,
                after: Some((live.phase, live.step)),
            });
            at = live.due.unwrap().max(at + 600_000);
        }
        assert_eq!(replay(&s, CardId(42), &log, false), live);
        assert_eq!(replay(&s, CardId(42), &log, true), live);
        assert_eq!((live.reps, live.lapses, live.phase), (5, 1, Phase::Review));
        assert_eq!(replay(&s, CardId(42), &[], false), CardSchedule::NEW);
    }

    #[test]
    fn a_log_written_under_other_learning_steps_replays_to_the_state_it_gave() {
        let three = Scheduler::new(SchedulerConfig {
            learning_steps: vec![60, 600, 3600],
            ..SchedulerConfig::default()
        })
        .unwrap();
        let one = Scheduler::new(SchedulerConfig {
            learning_steps: vec![60],
            ..SchedulerConfig::default()
        })
        .unwrap();
        // Two Goods under three steps: learning, step 2. Replayed where one step is set.
        let mut live = CardSchedule::NEW;
        let mut log = Vec::new();
        let mut at = NOW;
        for _ in 0..2 {
            live = three.answer(&live, Rating::Good, at, fuzz_draw(7, live.reps));
            log.push(Counted {
                at,
                rating: Rating::Good,
                due_after: live.due,
                after: Some((live.phase, live.step)),
            });
            at = live.due.unwrap();
        }
        assert_eq!((live.phase, live.step), (Phase::Learning, 2));
        assert_eq!(
            replay(&one, CardId(7), &log, false),
            live,
            "as the log says"
        );
        let recomputed = replay(&one, CardId(7), &log, true);
        assert_eq!(
            recomputed.phase,
            Phase::Review,
            "rescheduled under today's single step"
        );
        // Answers logged before steps were counted (no step): the first step.
        log[1].after = Some((Phase::Learning, 0));
        assert_eq!(replay(&one, CardId(7), &log, false).step, 0);
    }

    #[test]
    fn new_parameters_change_memory_but_keep_the_due_date_given() {
        let s = Scheduler::new(SchedulerConfig::default()).unwrap();
        let log = [
            Counted {
                at: NOW,
                rating: Rating::Good,
                due_after: Some(NOW + 3 * DAY),
                after: None,
            },
            Counted {
                at: NOW + 3 * DAY,
                rating: Rating::Good,
                due_after: Some(NOW + 15 * DAY),
                after: None,
            },
        ];
        let mut w = fsrs::DEFAULT_PARAMETERS.to_vec();
        w[2] *= 0.3;
        let other = Scheduler::new(SchedulerConfig {
            parameters: w,
            ..SchedulerConfig::default()
        })
        .unwrap();
        let (a, b) = (
            replay(&s, CardId(1), &log, false),
            replay(&other, CardId(1), &log, false),
        );
        assert_ne!(a.stability, b.stability);
        assert_eq!((a.due, b.due), (Some(NOW + 15 * DAY), Some(NOW + 15 * DAY)));
        assert_ne!(
            replay(&other, CardId(1), &log, true).due,
            Some(NOW + 15 * DAY)
        );
    }

    /// What a learner does, in any order.
    #[derive(Debug, Clone)]
    enum Op {
        /// Answer a card (1..=3) with a grade, `minutes` after the previous step.
        Answer { card: i64, grade: u8, minutes: i64 },
        /// Take back the last answer still on the undo stack.
        Undo,
        /// Forget a card's schedule.
        Reset { card: i64 },
    }

    fn op() -> impl proptest::strategy::Strategy<Value = Op> {
        use proptest::prelude::*;
        prop_oneof![
            6 => (1i64..=3, 1u8..=4, prop_oneof![1i64..30, 600i64..3000, 1400i64..40_000])
                .prop_map(|(card, grade, minutes)| Op::Answer { card, grade, minutes }),
            2 => Just(Op::Undo),
            1 => (1i64..=3).prop_map(|card| Op::Reset { card }),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

        /// Whatever the learner does, the cache built answer by answer (with load balancing,
        /// undo and resets, as the session does it) is what a rebuild from the log gives.
        #[test]
        fn the_cache_built_answer_by_answer_equals_the_log_replayed(ops in proptest::collection::vec(op(), 1..60)) {
            let mut store = Store::open_in_memory().unwrap();
            let deck = store.deck_id("d", 1).unwrap();
            for id in 1..=3 {
                store.conn.execute(
                    "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, created_at, updated_at) \
                     VALUES (?1, ?2, ?1, 'cloze', 'q', 'a', 1, ?1, 1, 1)",
                    [id, deck.0],
                ).unwrap();
            }
            let s = Scheduler::new(SchedulerConfig::default()).unwrap();
            let mut now = NOW;
            let mut undo: Vec<(crate::model::ReviewId, i64, CardSchedule)> = Vec::new();
            for op in ops {
                match op {
                    Op::Answer { card, grade, minutes } => {
                        now += minutes * 60_000;
                        let before = store.card_schedule(CardId(card)).unwrap();
                        let rating = Rating::from_number(grade).unwrap();
                        let after = s.answer_balanced(&before, rating, now, fuzz_draw(card, before.reps), &mut |first, last| store.day_loads(&s, crate::model::CardId(card), first, last).unwrap());
                        let id = store.record_answer(&crate::store::reviews::Answer {
                            card_id: crate::model::CardId(card), reviewed_at: now, rating, duration_ms: 1000, before, after,
                        }, &s).unwrap().stored().expect("the state the answer was computed from");
                        undo.push((id, card, before));
                    }
                    Op::Undo => {
                        if let Some((id, card, _before)) = undo.pop() {
                            now += 1000;
                            store.undo_answer(id, crate::model::CardId(card), &s, now).unwrap();
                        }
                    }
                    Op::Reset { card } => {
                        now += 1000;
                        store.reset_card(crate::model::CardId(card), &s, now).unwrap();
                        undo.clear();
                    }
                }
            }
            let opts = Options { reschedule: false, write: false, answer_totals: true };
            let report = rebuild(&mut store, &s, opts).unwrap();
            proptest::prop_assert_eq!(report.differed, 0, "{:?}", report.examples);
            proptest::prop_assert!(report.answer_totals_matched);
        }
    }
}
