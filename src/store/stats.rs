//! The queries behind `recall stats`: answers aggregated per study day, cards counted by state,
//! due dates per day, memory states, the hardest cards. Arithmetic on them lives in `stats`.
//!
//! A study day is computed in SQL as `(time_ms / 1000 + ?shift) / 86400` where `shift` is the
//! UTC offset minus the day-start hour, in seconds (see `schedule::Scheduler::study_day`).

use super::Store;
use crate::error::Result;
use crate::model::CardKind;
use rusqlite::params;

/// ?1 decks (JSON array, each with its sub-decks) or NULL.
const DECK_FILTER: &str = "(?1 IS NULL OR EXISTS (SELECT 1 FROM json_each(?1) f
                              WHERE d.name = f.value
                                 OR substr(d.name, 1, length(f.value) + 1) = f.value || '/'))";

/// Young cards are on intervals shorter than this (Anki's definition).
pub const MATURE_DAYS: i64 = 21;
const DAY_MS: i64 = 86_400_000;

/// One study day of answers. (An answer whose interval is unknown, because it was logged
/// without its previous review time, counts as young.)
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayAnswers {
    pub day: i64,
    pub answers: i64,
    pub again: i64,
    pub time_ms: i64,
    /// Answers to new cards (first sight).
    pub new_cards: i64,
    /// Answers to studied cards past learning on young intervals, and how many were not Again.
    pub young: i64,
    pub young_passed: i64,
    /// The same on mature intervals.
    pub mature: i64,
    pub mature_passed: i64,
}

/// Cards by state in one deck.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct StateCounts {
    pub deck: String,
    pub new: i64,
    pub learning: i64,
    pub young: i64,
    pub mature: i64,
    pub suspended: i64,
    pub retired: i64,
}

/// A studied card's memory, for distributions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Memory {
    pub stability: f64,
    pub difficulty: f64,
    pub last_review: i64,
}

/// A card that troubles the learner.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Trouble {
    pub id: i64,
    pub deck: String,
    pub kind: CardKind,
    pub question: String,
    pub context: String,
    pub source: Option<String>,
    pub line: i64,
    pub lapses: u32,
    pub stability: Option<f64>,
    pub last_review: Option<i64>,
}

impl Store {
    /// Answers per study day since `since` (not undone), oldest day first.
    pub fn answers_per_day(
        &self,
        decks: Option<&str>,
        since: i64,
        shift_secs: i64,
    ) -> Result<Vec<DayAnswers>> {
        // Without a deck filter the answers alone are read (no join): this is the whole log.
        let from = if decks.is_some() {
            format!(
                "FROM reviews r JOIN cards c ON c.id = r.card_id JOIN decks d ON d.id = c.deck_id
                WHERE r.undone_at IS NULL AND r.reviewed_at >= ?2 AND {DECK_FILTER}"
            )
        } else {
            "FROM reviews r WHERE r.undone_at IS NULL AND r.reviewed_at >= ?2 AND ?1 IS NULL"
                .to_string()
        };
        // One pass over the answers, added up per day here: SQLite's GROUP BY on a computed
        // day would sort every answer first.
        let sql = format!(
            "SELECT r.reviewed_at, r.rating, r.duration_ms, r.state_before,
                    COALESCE(r.due_before - r.last_review_before, 0)
               {from}"
        );
        let run = || -> rusqlite::Result<Vec<DayAnswers>> {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows = stmt.query(params![decks, since])?;
            let mut days: std::collections::HashMap<i64, DayAnswers> =
                std::collections::HashMap::new();
            while let Some(r) = rows.next()? {
                let at: i64 = r.get(0)?;
                let rating: i64 = r.get(1)?;
                let state: rusqlite::types::ValueRef<'_> = r.get_ref(3)?;
                let state = state.as_str().unwrap_or("");
                let day = (at.div_euclid(1000) + shift_secs).div_euclid(86_400);
                let d = days.entry(day).or_insert_with(|| DayAnswers {
                    day,
                    ..DayAnswers::default()
                });
                d.answers += 1;
                d.again += (rating == 1) as i64;
                d.time_ms += r.get::<_, i64>(2)?;
                d.new_cards += (state == "new") as i64;
                if state == "review" {
                    let passed = (rating > 1) as i64;
                    if r.get::<_, i64>(4)? < MATURE_DAYS * DAY_MS {
                        d.young += 1;
                        d.young_passed += passed;
                    } else {
                        d.mature += 1;
                        d.mature_passed += passed;
                    }
                }
            }
            let mut days: Vec<DayAnswers> = days.into_values().collect();
            days.sort_by_key(|d| d.day);
            Ok(days)
        };
        run().map_err(|e| self.err(e))
    }

    /// Cards by state, per deck (decks without cards left out).
    pub fn state_counts(&self, decks: Option<&str>) -> Result<Vec<StateCounts>> {
        let sql = format!(
            "SELECT d.name,
                    TOTAL(c.retired_at IS NULL AND c.suspended = 0 AND COALESCE(s.state, 'new') = 'new'),
                    TOTAL(c.retired_at IS NULL AND c.suspended = 0 AND s.state IN ('learning', 'relearning')),
                    TOTAL(c.retired_at IS NULL AND c.suspended = 0 AND s.state = 'review' AND s.due - s.last_review < {young}),
                    TOTAL(c.retired_at IS NULL AND c.suspended = 0 AND s.state = 'review' AND s.due - s.last_review >= {young}),
                    TOTAL(c.retired_at IS NULL AND c.suspended = 1),
                    TOTAL(c.retired_at IS NOT NULL)
               FROM cards c JOIN decks d ON d.id = c.deck_id
               LEFT JOIN card_state s ON s.card_id = c.id
              WHERE {DECK_FILTER}
              GROUP BY d.id ORDER BY d.name",
            young = MATURE_DAYS * DAY_MS
        );
        let run = || -> rusqlite::Result<Vec<StateCounts>> {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params![decks], |r| {
                let n = |i: usize| r.get::<_, f64>(i).map(|v| v as i64);
                Ok(StateCounts {
                    deck: r.get(0)?,
                    new: n(1)?,
                    learning: n(2)?,
                    young: n(3)?,
                    mature: n(4)?,
                    suspended: n(5)?,
                    retired: n(6)?,
                })
            })?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// Studied, active cards due per study day up to (not including) `until`; overdue cards
    /// count on `from_day`. (day, cards), in day order.
    pub fn due_per_day(
        &self,
        decks: Option<&str>,
        from_day: i64,
        until: i64,
        shift_secs: i64,
    ) -> Result<Vec<(i64, i64)>> {
        let sql = format!(
            "SELECT MAX(?2, (s.due / 1000 + ?4) / 86400) AS day, COUNT(*)
               FROM card_state s JOIN cards c ON c.id = s.card_id JOIN decks d ON d.id = c.deck_id
              WHERE s.state <> 'new' AND s.due < ?3 AND c.retired_at IS NULL AND c.suspended = 0
                AND {DECK_FILTER}
              GROUP BY day ORDER BY day"
        );
        let run = || -> rusqlite::Result<Vec<(i64, i64)>> {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params![decks, from_day, until, shift_secs], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// Memory states of studied, active cards.
    pub fn memories(&self, decks: Option<&str>) -> Result<Vec<Memory>> {
        let sql = format!(
            "SELECT s.stability, s.difficulty, s.last_review
               FROM card_state s JOIN cards c ON c.id = s.card_id JOIN decks d ON d.id = c.deck_id
              WHERE s.state <> 'new' AND s.stability IS NOT NULL AND s.last_review IS NOT NULL
                AND c.retired_at IS NULL AND c.suspended = 0 AND {DECK_FILTER}"
        );
        let run = || -> rusqlite::Result<Vec<Memory>> {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows = stmt.query_map(params![decks], |r| {
                Ok(Memory {
                    stability: r.get(0)?,
                    difficulty: r.get::<_, Option<f64>>(1)?.unwrap_or(5.0),
                    last_review: r.get(2)?,
                })
            })?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// The `limit` active cards with the most lapses (at least one).
    pub fn most_lapses(&self, decks: Option<&str>, limit: usize) -> Result<Vec<Trouble>> {
        self.troubles(decks, "s.lapses > 0", "s.lapses DESC, c.id", limit, None)
    }

    /// The `limit` studied, active cards least likely to be recalled at `now`.
    pub fn least_retrievable(
        &self,
        decks: Option<&str>,
        now: i64,
        limit: usize,
    ) -> Result<Vec<Trouble>> {
        self.troubles(
            decks,
            "s.state <> 'new' AND s.stability > 0",
            "(?3 - s.last_review) * 1.0 / s.stability DESC, c.id",
            limit,
            Some(now),
        )
    }

    /// How many active cards have at least `lapses` lapses.
    pub fn leech_count(&self, decks: Option<&str>, lapses: u32) -> Result<i64> {
        let sql = format!(
            "SELECT COUNT(*) FROM card_state s JOIN cards c ON c.id = s.card_id
               JOIN decks d ON d.id = c.deck_id
              WHERE s.lapses >= ?2 AND c.retired_at IS NULL AND c.suspended = 0 AND {DECK_FILTER}"
        );
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row(params![decks, lapses], |r| r.get(0)))
            .map_err(|e| self.err(e))
    }

    fn troubles(
        &self,
        decks: Option<&str>,
        filter: &str,
        order: &str,
        limit: usize,
        now: Option<i64>,
    ) -> Result<Vec<Trouble>> {
        let sql = format!(
            "SELECT c.id, d.name, c.kind, c.question, c.context, src.path, c.line, s.lapses,
                    s.stability, s.last_review
               FROM card_state s JOIN cards c ON c.id = s.card_id JOIN decks d ON d.id = c.deck_id
               LEFT JOIN sources src ON src.id = c.source_id
              WHERE {filter} AND c.retired_at IS NULL AND c.suspended = 0 AND {DECK_FILTER}
              ORDER BY {order} LIMIT ?2"
        );
        let run = || -> rusqlite::Result<Vec<Trouble>> {
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let map = |r: &rusqlite::Row<'_>| {
                Ok(Trouble {
                    id: r.get(0)?,
                    deck: r.get(1)?,
                    kind: r.get(2)?,
                    question: r.get(3)?,
                    context: r.get(4)?,
                    source: r.get(5)?,
                    line: r.get(6)?,
                    lapses: r.get(7)?,
                    stability: r.get(8)?,
                    last_review: r.get(9)?,
                })
            };
            let rows = match now {
                Some(now) => stmt.query_map(params![decks, limit as i64, now], map)?,
                None => stmt.query_map(params![decks, limit as i64], map)?,
            };
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }
}
