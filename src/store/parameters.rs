//! FSRS parameter sets (`fsrs_parameters`), and how many answers came since the newest.

use super::Store;
use crate::error::Result;
use crate::model::{Evaluation, Metrics};
use rusqlite::{params, OptionalExtension};

const NEWEST: &str = include_str!("parameters/newest.sql");
const HISTORY: &str = include_str!("parameters/history.sql");
const INSERT: &str = include_str!("parameters/insert.sql");

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
const ANSWERS_TOTAL: &str = include_str!("parameters/answers_total.sql");
const ANSWERS_SINCE: &str = include_str!("parameters/answers_since.sql");
const NEWEST_AT: &str = include_str!("parameters/newest_at.sql");

/// The parameters of set `id`, stored as JSON in column `column`: a set that cannot be read is
/// an error naming it, never the defaults in its place.
fn parameters_at(id: i64, json: &str, column: usize) -> rusqlite::Result<Vec<f32>> {
    serde_json::from_str(json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("parameter set {id} cannot be read ({e}); `recall optimize` fits a new one")
                .into(),
        )
    })
}

impl Store {
    /// Answers in the log (not undone), and those given since the newest parameter set was
    /// fitted (none without a set): what `suggest_fitting` needs, read from small tables.
    pub fn answers_since_fit(&self) -> Result<(i64, Option<i64>)> {
        self.run(|| -> rusqlite::Result<(i64, Option<i64>)> {
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
        })
    }

    /// The parameters that schedule: the newest set, or none for the FSRS defaults.
    pub fn current_parameters(&self) -> Result<Option<Vec<f32>>> {
        self.conn
            .prepare_cached(NEWEST)
            .and_then(|mut s| {
                s.query_row([], |r| parameters_at(r.get(0)?, &r.get::<_, String>(1)?, 1))
                    .optional()
            })
            .map_err(|e| self.err(e))
    }

    /// Every set, oldest first.
    pub fn parameter_history(&self) -> Result<Vec<ParameterSet>> {
        self.run(|| -> rusqlite::Result<Vec<ParameterSet>> {
            let mut stmt = self.conn.prepare_cached(HISTORY)?;
            let rows = stmt.query_map([], |r| {
                let id: i64 = r.get(0)?;
                let parameters = parameters_at(id, &r.get::<_, String>(2)?, 2)?;
                let metrics = |a: Option<f32>, b: Option<f32>| {
                    a.zip(b).map(|(log_loss, rmse_bins)| Metrics {
                        log_loss,
                        rmse_bins,
                    })
                };
                let fitted = metrics(r.get(5)?, r.get(6)?);
                let defaults = metrics(r.get(7)?, r.get(8)?);
                Ok(ParameterSet {
                    id,
                    created_at: r.get(1)?,
                    parameters,
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
        })
    }

    /// Stores a new set (it schedules from now on: it is dated `now`, or just after the newest
    /// set if that one is dated later, as one synced from a device whose clock runs ahead can
    /// be). Returns its id.
    pub fn save_parameters(
        &self,
        parameters: &[f32],
        items: usize,
        cards: usize,
        evaluation: Option<&Evaluation>,
        now: i64,
    ) -> Result<i64> {
        let json = serde_json::to_string(parameters).unwrap_or_default();
        let newest: Option<i64> = self
            .conn
            .prepare_cached(NEWEST_AT)
            .and_then(|mut s| s.query_row([], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))?;
        let at = newest.map_or(now, |t| now.max(t + 1));
        self.conn
            .prepare_cached(INSERT)
            .and_then(|mut s| {
                s.execute(params![
                    at,
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
}
