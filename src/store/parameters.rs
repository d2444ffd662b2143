//! FSRS parameter sets (`fsrs_parameters`) and the log as fitting reads it.

use super::Store;
use crate::error::Result;
use crate::optimize::{Evaluation, LoggedAnswer};
use rusqlite::{params, OptionalExtension};

const NEWEST: &str = "SELECT parameters FROM fsrs_parameters ORDER BY id DESC LIMIT 1";
const HISTORY: &str = "SELECT id, created_at, parameters, items, cards, log_loss, rmse_bins,
        default_log_loss, default_rmse_bins FROM fsrs_parameters ORDER BY id";
const INSERT: &str = "INSERT INTO fsrs_parameters (created_at, parameters, items, cards, log_loss,
        rmse_bins, default_log_loss, default_rmse_bins) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/// Every answer ever logged, undone ones included (the conversion decides what counts), with
/// the card's last reset, card by card in time order (the `reviews_card` index's order: no
/// sort). Times only: the study day is the caller's arithmetic.
const ANSWERS: &str = "SELECT r.card_id, r.reviewed_at, r.rating, r.state_before = 'new',
        r.undone_at IS NOT NULL, x.reset_at
   FROM reviews r
   LEFT JOIN (SELECT card_id, MAX(reset_at) AS reset_at FROM resets GROUP BY card_id) x
          ON x.card_id = r.card_id
  ORDER BY r.card_id, r.reviewed_at";

/// One stored parameter set.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ParameterSet {
    pub id: i64,
    /// Unix milliseconds.
    pub created_at: i64,
    pub parameters: Vec<f32>,
    pub items: i64,
    pub cards: i64,
    pub evaluation: Option<Evaluation>,
}

/// Answers that count (the statistics cache adds them up), all and since a time.
const ANSWERS_TOTAL: &str = "SELECT COALESCE(SUM(answers), 0) FROM answer_buckets";
const ANSWERS_SINCE: &str =
    "SELECT COALESCE(SUM(answers), 0) FROM answer_buckets WHERE bucket >= ?1 / 900000";
const NEWEST_AT: &str = "SELECT created_at FROM fsrs_parameters ORDER BY id DESC LIMIT 1";

impl Store {
    /// Answers in the log (not undone), and those given since the newest parameter set was
    /// fitted (none without a set): what `suggest_fitting` needs, read from small tables.
    pub fn answers_since_fit(&self) -> Result<(i64, Option<i64>)> {
        let run = || -> rusqlite::Result<(i64, Option<i64>)> {
            let total = self
                .conn
                .prepare_cached(ANSWERS_TOTAL)?
                .query_row([], |r| r.get(0))?;
            let fitted_at: Option<i64> = self
                .conn
                .prepare_cached(NEWEST_AT)?
                .query_row([], |r| r.get(0))
                .optional()?;
            let since = match fitted_at {
                Some(t) => Some(
                    self.conn
                        .prepare_cached(ANSWERS_SINCE)?
                        .query_row([t], |r| r.get(0))?,
                ),
                None => None,
            };
            Ok((total, since))
        };
        run().map_err(|e| self.err(e))
    }

    /// The parameters that schedule: the newest set, or none for the FSRS defaults.
    pub fn current_parameters(&self) -> Result<Option<Vec<f32>>> {
        let json: Option<String> = self
            .conn
            .prepare_cached(NEWEST)
            .and_then(|mut s| s.query_row([], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    /// Every set, oldest first.
    pub fn parameter_history(&self) -> Result<Vec<ParameterSet>> {
        let run = || -> rusqlite::Result<Vec<ParameterSet>> {
            let mut stmt = self.conn.prepare_cached(HISTORY)?;
            let rows = stmt.query_map([], |r| {
                let json: String = r.get(2)?;
                let metrics = |a: Option<f32>, b: Option<f32>| {
                    a.zip(b)
                        .map(|(log_loss, rmse_bins)| crate::optimize::Metrics {
                            log_loss,
                            rmse_bins,
                        })
                };
                let fitted = metrics(r.get(5)?, r.get(6)?);
                let defaults = metrics(r.get(7)?, r.get(8)?);
                Ok(ParameterSet {
                    id: r.get(0)?,
                    created_at: r.get(1)?,
                    parameters: serde_json::from_str(&json).unwrap_or_default(),
                    items: r.get(3)?,
                    cards: r.get(4)?,
                    evaluation: fitted.zip(defaults).map(|(fitted, defaults)| Evaluation {
                        defaults,
                        fitted,
                        tested_items: 0,
                        folds: 0,
                    }),
                })
            })?;
            rows.collect()
        };
        run().map_err(|e| self.err(e))
    }

    /// Stores a new set (it schedules from now on). Returns its id.
    pub fn save_parameters(
        &self,
        parameters: &[f32],
        items: usize,
        cards: usize,
        evaluation: Option<&Evaluation>,
        now: i64,
    ) -> Result<i64> {
        let json = serde_json::to_string(parameters).unwrap_or_default();
        self.conn
            .prepare_cached(INSERT)
            .and_then(|mut s| {
                s.execute(params![
                    now,
                    json,
                    items as i64,
                    cards as i64,
                    evaluation.map(|e| e.fitted.log_loss),
                    evaluation.map(|e| e.fitted.rmse_bins),
                    evaluation.map(|e| e.defaults.log_loss),
                    evaluation.map(|e| e.defaults.rmse_bins),
                ])
            })
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// How many answers the log holds (undone ones included).
    pub fn answer_count(&self) -> Result<usize> {
        self.conn
            .query_row("SELECT COUNT(*) FROM reviews", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// The log as fitting reads it, one card at a time (in card id order, each card's answers
    /// in time order); `study_day` turns a time into its study day.
    pub fn for_each_card_log(
        &self,
        study_day: impl Fn(i64) -> i64,
        mut f: impl FnMut(&[LoggedAnswer]),
    ) -> Result<()> {
        let mut run = || -> rusqlite::Result<()> {
            let mut stmt = self.conn.prepare_cached(ANSWERS)?;
            let mut rows = stmt.query([])?;
            let mut card: Vec<LoggedAnswer> = Vec::new();
            while let Some(r) = rows.next()? {
                let at: i64 = r.get(1)?;
                let a = LoggedAnswer {
                    card_id: r.get(0)?,
                    at,
                    day: study_day(at),
                    rating: r.get(2)?,
                    first_sight: r.get(3)?,
                    undone: r.get(4)?,
                    last_reset: r.get(5)?,
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
        };
        run().map_err(|e| self.err(e))
    }
}
