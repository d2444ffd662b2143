//! The `reviews` log and the `card_state` cache: recording an answer, reading a card's state.

use super::Store;
use crate::error::Result;
use crate::schedule::{CardSchedule, Phase, Rating};
use rusqlite::{params, OptionalExtension};

const STATE: &str = "SELECT state, stability, difficulty, due, last_review, reps, lapses \
                     FROM card_state WHERE card_id = ?1";
const INSERT_REVIEW: &str = "INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, \
                             state_before, stability_before, difficulty_before, due_before, \
                             state_after, stability_after, difficulty_after, due_after, \
                             last_review_before) \
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
const MARK_STUDIED: &str = "UPDATE cards SET studied = 1 WHERE id = ?1 AND studied = 0";
const UPSERT_STATE: &str = "INSERT INTO card_state (card_id, state, due, stability, difficulty, \
                            last_review, reps, lapses) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
                            ON CONFLICT (card_id) DO UPDATE SET state = excluded.state, \
                            due = excluded.due, stability = excluded.stability, \
                            difficulty = excluded.difficulty, last_review = excluded.last_review, \
                            reps = excluded.reps, lapses = excluded.lapses";

/// One answer: the card, when, the grade, the time it took, and the state before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub card_id: i64,
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
    card_id: i64,
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
        st.lapses
    ])?;
    Ok(())
}

impl Store {
    /// A card's scheduling state; a card never reviewed is New.
    pub fn card_schedule(&self, card_id: i64) -> Result<CardSchedule> {
        let row = self
            .conn
            .prepare_cached(STATE)
            .and_then(|mut s| {
                s.query_row([card_id], |r| {
                    let phase: String = r.get(0)?;
                    Ok(CardSchedule {
                        phase: Phase::parse(&phase).unwrap_or(Phase::New),
                        stability: r.get(1)?,
                        difficulty: r.get(2)?,
                        due: r.get(3)?,
                        last_review: r.get(4)?,
                        reps: r.get(5)?,
                        lapses: r.get(6)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.err(e))?;
        Ok(row.unwrap_or(CardSchedule::NEW))
    }

    /// Appends an answer to the log and updates the card's cached state, in one transaction
    /// that is durable when this returns. Returns the review's id.
    pub fn record_answer(&mut self, a: &Answer) -> Result<i64> {
        self.transaction(true, |s| {
            let (b, n) = (&a.before, &a.after);
            let run = || -> rusqlite::Result<i64> {
                s.conn.prepare_cached(INSERT_REVIEW)?.execute(params![
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
                    b.last_review
                ])?;
                let id = s.conn.last_insert_rowid();
                s.conn.prepare_cached(MARK_STUDIED)?.execute([a.card_id])?;
                write_state(&s.conn, a.card_id, n)?;
                Ok(id)
            };
            run().map_err(|e| s.err(e))
        })
    }
}
