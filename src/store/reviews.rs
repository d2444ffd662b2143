//! The `reviews` log and the `card_state` cache: recording an answer, reading a card's state.

use super::Store;
use crate::error::Result;
use crate::model::{CardId, LoggedAnswer, ReviewId};
use crate::schedule::{CardSchedule, Rating, Scheduler};
use rusqlite::{params, OptionalExtension};

const STATE: &str = include_str!("reviews/state.sql");
const INSERT_REVIEW: &str = include_str!("reviews/insert_review.sql");
const MARK_STUDIED: &str = include_str!("reviews/mark_studied.sql");
const UPSERT_STATE: &str = include_str!("reviews/upsert_state.sql");
/// Does the card's log hold an answer or a reset at or after ?2?
const LATER_IN_LOG: &str = include_str!("reviews/later_in_log.sql");

/// One answer: the card, when, the grade, the time it took, and the state before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub card_id: CardId,
    /// Unix milliseconds.
    pub reviewed_at: i64,
    pub rating: Rating,
    pub duration_ms: i64,
    pub before: CardSchedule,
    pub after: CardSchedule,
}

/// Sets a card's cached scheduling state (its `card_state` row).
pub(super) fn write_state(
    conn: &rusqlite::Connection,
    card_id: CardId,
    st: &CardSchedule,
) -> rusqlite::Result<()> {
    conn.prepare_cached(UPSERT_STATE)?.execute(params![
        card_id,
        st.phase.as_str(),
        st.due,
        st.stability,
        st.difficulty,
        st.last_review,
        st.reps,
        st.lapses,
        st.step
    ])?;
    Ok(())
}

/// Appends an answer's row to the log (the card's cache is the caller's to update).
pub(super) fn insert_review(conn: &rusqlite::Connection, a: &Answer) -> rusqlite::Result<ReviewId> {
    let (b, n) = (&a.before, &a.after);
    conn.prepare_cached(INSERT_REVIEW)?.execute(params![
        a.card_id,
        a.reviewed_at,
        a.rating as u8,
        a.duration_ms,
        b.phase.as_str(),
        b.stability,
        b.difficulty,
        b.due,
        n.phase.as_str(),
        n.stability,
        n.difficulty,
        n.due,
        b.last_review,
        n.step
    ])?;
    Ok(ReviewId(conn.last_insert_rowid()))
}

/// A scheduling state from eight columns starting at `at`: state, stability, difficulty, due,
/// last review, reps, lapses, step (as `card_state` holds them).
pub(super) fn schedule_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<CardSchedule> {
    Ok(CardSchedule {
        phase: r.get(at)?,
        stability: r.get(at + 1)?,
        difficulty: r.get(at + 2)?,
        due: r.get(at + 3)?,
        last_review: r.get(at + 4)?,
        reps: r.get(at + 5)?,
        lapses: r.get(at + 6)?,
        step: r.get(at + 7)?,
    })
}

impl Store {
    /// A card's scheduling state; a card never reviewed is New.
    pub fn card_schedule(&self, card_id: CardId) -> Result<CardSchedule> {
        let row = self
            .conn
            .prepare_cached(STATE)
            .and_then(|mut s| s.query_row([card_id], |r| schedule_at(r, 0)).optional())
            .map_err(|e| self.err(e))?;
        Ok(row.unwrap_or(CardSchedule::NEW))
    }

    /// Appends an answer to the log and updates the card's cached state, in one transaction
    /// that is durable when this returns. The answer was computed from `a.before`: if the card's
    /// state read inside the transaction is another (a second recall answered or reset it
    /// meanwhile), nothing is written and that state is returned. An answer timed before an
    /// answer or reset in the card's log (synced from a device whose clock runs ahead) takes
    /// its place in time order: the card is replayed from its log with `scheduler`.
    pub fn record_answer(&mut self, a: &Answer, scheduler: &Scheduler) -> Result<Recorded> {
        self.transaction(true, |s| {
            let current = s.card_schedule(a.card_id)?;
            if current != a.before {
                return Ok(Recorded::Stale(current));
            }
            let (id, later) = s.run(|| -> rusqlite::Result<(ReviewId, bool)> {
                let later: bool = s
                    .conn
                    .prepare_cached(LATER_IN_LOG)?
                    .query_row(params![a.card_id, a.reviewed_at], |r| r.get(0))?;
                let id = insert_review(&s.conn, a)?;
                s.conn.prepare_cached(MARK_STUDIED)?.execute([a.card_id])?;
                write_state(&s.conn, a.card_id, &a.after)?;
                Ok((id, later))
            })?;
            if later {
                s.replay_card(scheduler, a.card_id)?;
            }
            Ok(Recorded::Stored(id))
        })
    }
}

/// One answer as an export writes it.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct ExportedAnswer {
    pub card_id: CardId,
    /// Unix milliseconds.
    pub at: i64,
    pub rating: Rating,
    /// The card's state before the answer.
    pub state_before: crate::schedule::Phase,
    pub duration_ms: i64,
}

/// What became of an answer given to [`Store::record_answer`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Recorded {
    /// In the log as this review.
    Stored(ReviewId),
    /// Not written: the card's state had changed since the answer was computed (it is this
    /// now), so the answer would have been computed from a stale state.
    Stale(CardSchedule),
}

impl Recorded {
    /// The review's id, if it was stored.
    pub fn stored(self) -> Option<ReviewId> {
        match self {
            Recorded::Stored(id) => Some(id),
            Recorded::Stale(_) => None,
        }
    }
}

/// Every answer ever logged, undone ones included (readers decide what counts, see
/// `LoggedAnswer::counts`), with the card's last reset, card by card in time order (the
/// `reviews_card` index's order: no sort). Times only: the study day is the caller's arithmetic.
const ANSWERS: &str = include_str!("reviews/answers.sql");
const ANSWER_COUNT: &str = include_str!("reviews/answer_count.sql");
const ALL_STATES: &str = include_str!("reviews/all_states.sql");
const EXPORTED: &str = include_str!("reviews/exported.sql");
const CLEAR_STATES: &str = include_str!("reviews/clear_states.sql");
/// The indexes of `card_state` (name, and the statement that makes it).
const STATE_INDEXES: &str = include_str!("reviews/state_indexes.sql");

/// Writing this many states at once, the cache's indexes are dropped and made again after:
/// SQLite builds an index from sorted rows faster than it updates one row by row.
const REINDEX_FROM: usize = 10_000;
const MARK_STUDIED_ALL: &str = include_str!("reviews/mark_studied_all.sql");

impl Store {
    /// How many answers the log holds (undone ones included).
    pub fn answer_count(&self) -> Result<usize> {
        self.conn
            .query_row(ANSWER_COUNT, [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// The whole log one card at a time (in card id order, each card's answers in time order),
    /// as fitting and rebuilding read it; `study_day` turns a time into its study day.
    pub fn for_each_card_log(
        &self,
        study_day: impl Fn(i64) -> i64,
        mut f: impl FnMut(&[LoggedAnswer]),
    ) -> Result<()> {
        self.run(|| -> rusqlite::Result<()> {
            let mut stmt = self.conn.prepare_cached(ANSWERS)?;
            let mut rows = stmt.query([])?;
            let mut card: Vec<LoggedAnswer> = Vec::new();
            while let Some(r) = rows.next()? {
                let at: i64 = r.get(1)?;
                let a = LoggedAnswer {
                    card_id: r.get(0)?,
                    at,
                    day: study_day(at),
                    rating: r.get::<_, Rating>(2)? as u8,
                    first_sight: r.get(3)?,
                    undone: r.get(4)?,
                    last_reset: r.get(5)?,
                    due_after: r.get(6)?,
                    phase_after: r.get(7)?,
                    step_after: r.get(8)?,
                };
                if card.last().is_some_and(|l| l.card_id != a.card_id) {
                    f(&card);
                    card.clear();
                }
                card.push(a);
            }
            if !card.is_empty() {
                f(&card);
            }
            Ok(())
        })
    }

    /// Every answer that counts (not undone, after the card's last reset), card by card in
    /// time order: what an export of the log holds.
    pub fn counted_answers(&self) -> Result<Vec<ExportedAnswer>> {
        self.run(|| {
            let mut stmt = self.conn.prepare_cached(EXPORTED)?;
            let rows = stmt.query_map([], |r| {
                Ok(ExportedAnswer {
                    card_id: r.get(0)?,
                    at: r.get(1)?,
                    rating: r.get(2)?,
                    state_before: r.get(3)?,
                    duration_ms: r.get(4)?,
                })
            })?;
            rows.collect()
        })
    }

    /// Every cached scheduling state (`card_state`), by card id.
    pub fn card_schedules(&self) -> Result<Vec<(CardId, CardSchedule)>> {
        self.run(|| -> rusqlite::Result<Vec<(CardId, CardSchedule)>> {
            let mut stmt = self.conn.prepare_cached(ALL_STATES)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, schedule_at(r, 1)?)))?;
            rows.collect()
        })
    }

    /// Replaces the whole `card_state` cache (and the cards' studied flags, and with
    /// `answer_totals` the answer buckets) in one transaction.
    /// `also` runs first in the same transaction (`recall optimize` stores the parameters the
    /// states were computed with, so the two never disagree).
    pub fn replace_card_schedules(
        &mut self,
        states: &[(CardId, CardSchedule)],
        answer_totals: bool,
        also: impl FnOnce(&Store) -> Result<()>,
    ) -> Result<()> {
        self.transaction(true, |s| {
            also(s)?;
            s.run(|| -> rusqlite::Result<()> {
                s.conn.execute(CLEAR_STATES, [])?;
                let indexes: Vec<(String, String)> = if states.len() >= REINDEX_FROM {
                    s.conn
                        .prepare(STATE_INDEXES)?
                        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                        .collect::<rusqlite::Result<_>>()?
                } else {
                    Vec::new()
                };
                for (name, _) in &indexes {
                    // A name as the schema has it, quoted: not a value a statement can take.
                    s.conn
                        .execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
                }
                for (card, st) in states {
                    write_state(&s.conn, *card, st)?;
                }
                for (_, sql) in &indexes {
                    s.conn.execute_batch(sql)?;
                }
                s.conn.execute(MARK_STUDIED_ALL, [])?;
                if answer_totals {
                    s.conn.execute_batch(super::stats::REBUILD_BUCKETS)?;
                }
                Ok(())
            })
        })
    }
}
