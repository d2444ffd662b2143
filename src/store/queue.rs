//! What a review session reads and changes besides answers: the cards due and the new cards
//! (by deck and tag), today's counts, suspending, burying, undoing.

use super::Store;
use crate::error::Result;
use crate::model::{CardId, ReviewId};
use crate::schedule::{day_loads, CardSchedule, DayLoad, Scheduler};
use rusqlite::{params, OptionalExtension, Row};

mod at_risk;

/// A queue query: the columns a [`ReviewCard`] is read from (`queue/columns.sql`), where
/// they come from, the filters every queue query shares (`queue/filters.sql`: live and
/// unsuspended, not buried past ?3, ?1 decks as a JSON array, each with its sub-decks, or NULL
/// for all, ?2 a tag or NULL), and an order. Put together at compile time: fixed queries.
macro_rules! card_query {
    ($from:literal $(, $order:literal)?) => {
        concat!(
            include_str!("queue/columns.sql"),
            include_str!($from),
            include_str!("queue/filters.sql"),
            $(include_str!($order))?
        )
    };
}

/// Learning and relearning cards due before ?4: all of them.
const LEARNING: &str = card_query!("queue/learning.sql");

/// Those cards (?4: a JSON array of ids) with their text, if the filters let them through,
/// the most at risk at ?5 first.
const REVIEWS: &str = card_query!("queue/reviews.sql", "queue/reviews_order.sql");

/// Every card of the filter in note order, due or not (cram).
const ALL: &str = card_query!("queue/all.sql", "queue/note_order.sql");

/// One card, by id (?4).
const ONE: &str = card_query!("queue/one.sql");

/// New cards in note order, deck by deck, at most ?4: walked through the `cards_new` index.
const NEW: &str = card_query!("queue/new.sql", "queue/new_order.sql");

/// The first due time at or after ?4 of a studied card the filters let through.
const NEXT_DUE_IN: &str = concat!(
    include_str!("queue/next_due_in.sql"),
    include_str!("queue/filters.sql")
);
/// Whether the store holds no card and no note file.
const IS_EMPTY: &str = include_str!("queue/is_empty.sql");
/// Whether any card was ever made (retired ones too).
const HAS_CARDS: &str = include_str!("queue/has_cards.sql");
/// Answers in a span of time (undone ones not counted): (new cards seen, reviews of studied
/// cards).
const COUNTS_SINCE: &str = include_str!("queue/counts_since.sql");
/// Answers in a span of time per deck: (deck, new cards seen, studied cards reviewed). CROSS JOIN
/// keeps SQLite starting from the few recent answers (the time index), not from every card.
const COUNTS_SINCE_BY_DECK: &str = include_str!("queue/counts_since_by_deck.sql");
/// Sibling groups (source, line) with a card answered in a span of time.
const GROUPS_SINCE: &str = include_str!("queue/groups_since.sql");
/// Due times of studied cards in a time range (load balancing reads the covering index only).
const DUE_BETWEEN: &str = include_str!("queue/due_between.sql");
/// Due times of a card's siblings (the other cards of its sibling group).
const SIBLING_DUE: &str = include_str!("queue/sibling_due.sql");
const MARK_UNDONE: &str = include_str!("queue/mark_undone.sql");
/// Is this review still the card's last word: no later answer, and the card still in the state it
/// left (a reset since, by any recall, took that away; no clocks compared).
const STILL_LAST: &str = include_str!("queue/still_last.sql");
const DELETE_STATE: &str = include_str!("queue/delete_state.sql");
const MARK_NEW: &str = include_str!("queue/mark_new.sql");
const INSERT_RESET: &str = include_str!("queue/insert_reset.sql");
/// The first due time at or after ?2 of a live card in state ?1, walked in due order.
const NEXT_DUE_AFTER: &str = include_str!("queue/next_due_after.sql");

const LOG_CARD_EVENT: &str = include_str!("queue/log_card_event.sql");
/// The log's latest answer that counts (not undone, not before a reset of its card).
const LAST_ANSWER: &str = include_str!("queue/last_answer.sql");

/// An answer in the log, with its card as a person knows it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LastAnswer {
    pub review_id: ReviewId,
    pub card_id: CardId,
    /// Unix milliseconds.
    pub reviewed_at: i64,
    pub rating: crate::schedule::Rating,
    pub deck: String,
    pub question: String,
}

/// Appends a suspend, unsuspend, bury or unbury made here to the card events, at `at` or just
/// after the card's latest event if that is later (two at one millisecond, or one synced from
/// a device whose clock runs ahead): what the person did last is what holds.
fn log_card_event(
    conn: &rusqlite::Connection,
    card_id: CardId,
    kind: &str,
    at: i64,
    until_day: Option<i64>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(LOG_CARD_EVENT)?
        .execute(params![card_id, kind, at, until_day])
        .map(drop)
}

/// Which cards a session may show.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    /// Deck names (each with its sub-decks); empty for all.
    pub decks: Vec<String>,
    pub tag: Option<String>,
}

impl QueueFilter {
    fn decks_json(&self) -> Option<String> {
        (!self.decks.is_empty()).then(|| serde_json::to_string(&self.decks).unwrap_or_default())
    }
}

pub use crate::model::ReviewCard;

fn review_card(r: &Row<'_>) -> rusqlite::Result<ReviewCard> {
    Ok(ReviewCard {
        id: r.get(0)?,
        deck: super::shown_text(r, 1)?,
        kind: r.get(2)?,
        question: super::shown_text(r, 3)?,
        answer: super::shown_text(r, 4)?,
        context: super::shown_text(r, 5)?,
        source: r.get::<_, Option<String>>(6)?.map(crate::text::visible),
        line: r.get(7)?,
        source_id: r.get(8)?,
        group: r.get(9)?,
        schedule: super::reviews::schedule_at(r, 10)?,
    })
}

impl Store {
    /// Learning and relearning cards due before `until`, all of them.
    pub fn learning_cards(
        &self,
        f: &QueueFilter,
        today: i64,
        until: i64,
    ) -> Result<Vec<ReviewCard>> {
        self.query_cards(LEARNING, params![f.decks_json(), f.tag, today, until])
    }

    /// The `limit` review cards due before `until` that are least likely to be recalled at
    /// `now`, most at risk first.
    pub fn review_cards(
        &self,
        f: &QueueFilter,
        today: i64,
        until: i64,
        now: i64,
        limit: usize,
    ) -> Result<Vec<ReviewCard>> {
        // The most at-risk reviews come from the index; the filters (suspended, buried,
        // retired, deck, tag) may drop some, so fetch more than needed and widen if short.
        let mut window = limit.saturating_add(limit / 4).saturating_add(16);
        loop {
            let ids = self.at_risk_ids(until, now, window)?;
            let exhausted = ids.len() < window;
            let ids = serde_json::to_string(&ids).unwrap_or_default();
            let mut picked =
                self.query_cards(REVIEWS, params![f.decks_json(), f.tag, today, ids, now])?;
            if picked.len() >= limit || exhausted {
                picked.truncate(limit);
                return Ok(picked);
            }
            window = window.saturating_mul(4);
        }
    }

    /// The ids of the `n` review cards due before `until` least likely to be recalled at
    /// `now`, most at risk first (see `queue/at_risk.rs`).
    fn at_risk_ids(&self, until: i64, now: i64, n: usize) -> Result<Vec<CardId>> {
        self.run(|| at_risk::at_risk(&self.conn, until, now, n))
    }

    /// New cards in the order they stand in the notes (deck by deck), at most `limit`.
    pub fn new_cards(&self, f: &QueueFilter, today: i64, limit: usize) -> Result<Vec<ReviewCard>> {
        self.query_cards(NEW, params![f.decks_json(), f.tag, today, limit as i64])
    }

    /// Every live, unsuspended card of the filter in note order, due or not (for cramming).
    pub fn all_cards(&self, f: &QueueFilter, today: i64) -> Result<Vec<ReviewCard>> {
        self.query_cards(ALL, params![f.decks_json(), f.tag, today])
    }

    /// One live card as the session shows it on study day `today` (none if it was retired,
    /// suspended or buried past today).
    pub fn review_card(&self, id: CardId, today: i64) -> Result<Option<ReviewCard>> {
        Ok(self
            .query_cards(ONE, params![None::<String>, None::<String>, today, id])?
            .pop())
    }

    /// Does the store hold any card, retired or not?
    pub fn has_cards(&self) -> Result<bool> {
        self.conn
            .query_row(HAS_CARDS, [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Does the store hold any card or note file at all?
    pub fn is_empty(&self) -> Result<bool> {
        self.conn
            .query_row(IS_EMPTY, [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    fn query_cards(&self, sql: &str, p: impl rusqlite::Params) -> Result<Vec<ReviewCard>> {
        self.run(|| -> rusqlite::Result<Vec<ReviewCard>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(p, review_card)?;
            rows.collect()
        })
    }

    /// (new cards seen, studied cards reviewed) from `since` until before `until` (a study
    /// day).
    pub fn answered_between(&self, since: i64, until: i64) -> Result<(usize, usize)> {
        self.conn
            .prepare_cached(COUNTS_SINCE)
            .and_then(|mut s| {
                s.query_row([since, until], |r| {
                    Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize))
                })
            })
            .map_err(|e| self.err(e))
    }

    /// Per deck: (deck, new cards seen, studied cards reviewed) from `since` until before
    /// `until`.
    pub fn answered_between_by_deck(
        &self,
        since: i64,
        until: i64,
    ) -> Result<Vec<(String, usize, usize)>> {
        self.run(|| -> rusqlite::Result<Vec<(String, usize, usize)>> {
            let mut stmt = self.conn.prepare_cached(COUNTS_SINCE_BY_DECK)?;
            let rows = stmt.query_map([since, until], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, i64>(1)? as usize,
                    r.get::<_, i64>(2)? as usize,
                ))
            })?;
            rows.collect()
        })
    }

    /// Sibling groups with a card answered from `since` until before `until`: their other
    /// cards wait for another day.
    pub fn groups_answered_between(&self, since: i64, until: i64) -> Result<Vec<(i64, i64)>> {
        self.run(|| -> rusqlite::Result<Vec<(i64, i64)>> {
            let mut stmt = self.conn.prepare_cached(GROUPS_SINCE)?;
            let rows = stmt.query_map([since, until], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }

    /// Suspends or unsuspends a card at time `at`. Logged (the log travels to other devices);
    /// the card's flag is what its latest such event says, so every device agrees.
    pub fn set_suspended(&mut self, card_id: CardId, suspended: bool, at: i64) -> Result<()> {
        let kind = if suspended { "suspend" } else { "unsuspend" };
        self.card_event(card_id, kind, at, None)
    }

    /// Hides a card from review until study day `until_day` (logged, at time `at`).
    pub fn bury(&mut self, card_id: CardId, until_day: i64, at: i64) -> Result<()> {
        self.card_event(card_id, "bury", at, Some(until_day))
    }

    /// Shows a buried card again today (logged, at time `at`).
    pub fn unbury(&mut self, card_id: CardId, at: i64) -> Result<()> {
        self.card_event(card_id, "unbury", at, None)
    }

    /// Logs a suspend, unsuspend, bury or unbury and sets the card's flag from it (it is the
    /// card's latest event: see `log_card_event`), in one transaction.
    fn card_event(
        &mut self,
        card_id: CardId,
        kind: &str,
        at: i64,
        until_day: Option<i64>,
    ) -> Result<()> {
        self.transaction(true, |s| {
            s.run(|| {
                log_card_event(&s.conn, card_id, kind, at, until_day)?;
                super::sync::flags_from_events(&s.conn, card_id, kind)
            })
        })
    }

    /// The load of study days `first..=last` for load balancing `card_id`'s answer: studied
    /// cards due each day (suspended and retired ones included: a fast estimate from the
    /// covering index, not an exact count), and the days its siblings are due. (A session
    /// keeps the counts instead: `review::loads`.)
    pub fn day_loads(
        &self,
        scheduler: &Scheduler,
        card_id: CardId,
        first: i64,
        last: i64,
    ) -> Result<Vec<DayLoad>> {
        let (from, until) = (scheduler.day_start(first), scheduler.day_start(last + 1));
        let due = self.review_due_between(from, until)?;
        let siblings = self.sibling_due(card_id)?;
        Ok(day_loads(scheduler, first, last, &due, &siblings))
    }

    /// When each card in review that falls due from `from` until `until` (Unix ms) is due.
    pub fn review_due_between(&self, from: i64, until: i64) -> Result<Vec<i64>> {
        self.run(|| {
            self.conn
                .prepare_cached(DUE_BETWEEN)?
                .query_map(params![from, until], |r| r.get(0))?
                .collect()
        })
    }

    /// When each of the card's siblings in review is due.
    pub fn sibling_due(&self, card_id: CardId) -> Result<Vec<i64>> {
        self.run(|| {
            self.conn
                .prepare_cached(SIBLING_DUE)?
                .query_map([card_id], |r| r.get(0))?
                .collect()
        })
    }

    /// Takes an answer back: the review row is marked undone (the log stays append-only) and
    /// the card replayed from the rest of its log (the state it had before, unless a sync
    /// brought in answers given meanwhile on another device), in one transaction. Refused
    /// (`false`, nothing written) when another recall answered or reset the card since: that
    /// would be undone too.
    pub fn undo_answer(
        &mut self,
        review_id: ReviewId,
        card_id: CardId,
        scheduler: &Scheduler,
        now: i64,
    ) -> Result<bool> {
        self.transaction(true, |s| {
            let still_last: bool = s.run(|| {
                s.conn
                    .prepare_cached(STILL_LAST)?
                    .query_row(params![card_id, review_id], |r| r.get(0))
            })?;
            if !still_last {
                return Ok(false);
            }
            s.run(|| {
                s.conn
                    .prepare_cached(MARK_UNDONE)?
                    .execute(params![review_id, now])
            })?;
            s.replay_card(scheduler, card_id)?;
            Ok(true)
        })
    }

    /// Takes back the latest answer in the log, whichever device gave it (`recall undo`): it
    /// is marked undone at `now` and its card replayed from the rest of its log, in one
    /// transaction. `None`: no answer to take back.
    pub fn undo_last_answer(
        &mut self,
        scheduler: &Scheduler,
        now: i64,
    ) -> Result<Option<(LastAnswer, CardSchedule)>> {
        self.transaction(true, |s| {
            let last = s.run(|| {
                s.conn
                    .prepare_cached(LAST_ANSWER)?
                    .query_row([], |r| {
                        Ok(LastAnswer {
                            review_id: r.get(0)?,
                            card_id: r.get(1)?,
                            reviewed_at: r.get(2)?,
                            rating: r.get(3)?,
                            deck: crate::text::visible(r.get(4)?),
                            question: crate::text::visible(r.get(5)?),
                        })
                    })
                    .optional()
            })?;
            let Some(last) = last else {
                return Ok(None);
            };
            s.run(|| {
                s.conn
                    .prepare_cached(MARK_UNDONE)?
                    .execute(params![last.review_id, now])
            })?;
            let state = s.replay_card(scheduler, last.card_id)?;
            Ok(Some((last, state)))
        })
    }

    /// Forgets a card's schedule: it is New again. The reset is logged (the review log and
    /// the resets together say what the card's state is); its reviews stay. (The card is
    /// replayed: answers timed after `now`, synced from a device whose clock runs ahead, still
    /// count.)
    pub fn reset_card(&mut self, card_id: CardId, scheduler: &Scheduler, now: i64) -> Result<()> {
        self.transaction(true, |s| {
            s.run(|| -> rusqlite::Result<()> {
                s.conn
                    .prepare_cached(INSERT_RESET)?
                    .execute(params![card_id, now])?;
                s.conn.prepare_cached(DELETE_STATE)?.execute([card_id])?;
                s.conn.prepare_cached(MARK_NEW)?.execute([card_id])?;
                Ok(())
            })?;
            s.replay_card(scheduler, card_id).map(drop)
        })
    }

    /// The earliest due time at or after `after` of a studied card of the filter (not buried
    /// past study day `today`); all cards: [`Store::next_due_after`], from the index alone.
    pub fn next_due_in(&self, f: &QueueFilter, today: i64, after: i64) -> Result<Option<i64>> {
        if f.decks.is_empty() && f.tag.is_none() {
            return self.next_due_after(after);
        }
        self.run(|| {
            self.conn
                .prepare_cached(NEXT_DUE_IN)?
                .query_row(params![f.decks_json(), f.tag, today, after], |r| r.get(0))
        })
    }

    /// The earliest due time at or after `after` of any studied card.
    pub fn next_due_after(&self, after: i64) -> Result<Option<i64>> {
        let mut next: Option<i64> = None;
        for state in ["learning", "review", "relearning"] {
            let due: Option<i64> = self
                .conn
                .prepare_cached(NEXT_DUE_AFTER)
                .and_then(|mut s| s.query_row(params![state, after], |r| r.get(0)).optional())
                .map_err(|e| self.err(e))?;
            next = match (next, due) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        Ok(next)
    }
}
