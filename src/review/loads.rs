//! The load of the days ahead, for load balancing a session's answers: how many studied cards
//! fall due each study day, read from the store the first time an answer's fuzz range covers
//! that day, then kept in memory and moved along with the session's own answers. An answer
//! then costs a lookup per day of its range and one small query for its siblings, not a read
//! of every due date in the range (about 2,400 rows for a 30-day interval on 100,000 cards).
//!
//! Another recall answering meanwhile is not seen until the session ends: the counts are an
//! estimate for spreading cards over days, off by those few answers.

use crate::error::Result;
use crate::model::CardId;
use crate::schedule::{day_loads, CardSchedule, DayLoad, Phase, Scheduler};
use crate::store::Store;
use std::collections::HashMap;

/// Cards in review due each study day, for the days looked at so far.
#[derive(Debug, Clone, Default)]
pub struct DueCounts {
    days: HashMap<i64, u32>,
}

impl DueCounts {
    /// The loads of study days `first..=last` for balancing `card`'s answer.
    pub fn loads(
        &mut self,
        store: &Store,
        scheduler: &Scheduler,
        card: CardId,
        first: i64,
        last: i64,
    ) -> Result<Vec<DayLoad>> {
        let unread = (first..=last).filter(|d| !self.days.contains_key(d));
        let (lo, hi) = unread.fold((None, None), |(lo, _), d| (lo.or(Some(d)), Some(d)));
        if let (Some(lo), Some(hi)) = (lo, hi) {
            let due =
                store.review_due_between(scheduler.day_start(lo), scheduler.day_start(hi + 1))?;
            // Counted as the store's loads are (`schedule::day_loads`); a day read before
            // keeps its count (it has this session's answers in it).
            for (day, load) in (lo..).zip(day_loads(scheduler, lo, hi, &due, &[])) {
                self.days.entry(day).or_insert(load.due);
            }
        }
        let mut loads = day_loads(scheduler, first, last, &[], &store.sibling_due(card)?);
        for (day, load) in (first..).zip(&mut loads) {
            load.due = self.days.get(&day).copied().unwrap_or(0);
        }
        Ok(loads)
    }

    /// A card answered in this session went from `before` to `after`.
    pub fn moved(&mut self, scheduler: &Scheduler, before: &CardSchedule, after: &CardSchedule) {
        let mut count = |s: &CardSchedule, up: bool| {
            let Some(due) = s.due.filter(|_| s.phase == Phase::Review) else {
                return;
            };
            if let Some(n) = self.days.get_mut(&scheduler.study_day(due)) {
                *n = if up { *n + 1 } else { n.saturating_sub(1) };
            }
        };
        count(before, false);
        count(after, true);
    }

    /// Forgets every count (after an undo, which the store replays): read again when needed.
    pub fn forget(&mut self) {
        self.days.clear();
    }
}
