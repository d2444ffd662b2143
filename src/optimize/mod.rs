//! FSRS fitted to the learner's own review log, and scored: how well do the default and the
//! fitted parameters predict the answers the learner actually gave?
//!
//! `items` turns a log into the `fsrs` crate's training items; `csv` reads a log in the FSRS
//! community's CSV layout. Fitting and scoring are the crate's (`compute_parameters`,
//! `evaluate`, `evaluate_with_time_series_splits`); this module checks there is enough
//! history, runs them, and reports progress.

pub mod adopt;
pub mod csv;
pub mod items;
pub mod synthetic;

pub use items::{to_items, Items, ItemsBuilder, LoggedAnswer};

use fsrs::{CombinedProgressState, ComputeParametersInput, FSRSError, FSRS};
use std::time::Duration;

/// Spaced reviews (answers on a later study day than the card's previous answer) needed
/// before fitting: with fewer, fitted parameters swing with every answer. (The crate itself
/// fits from 64; Anki asked for 400 before it stopped checking.)
pub const MIN_ITEMS: usize = 400;

/// Why the parameters could not be fitted or scored.
#[derive(Debug, thiserror::Error)]
pub enum FitError {
    #[error(
        "too little history to fit FSRS to: {have} spaced reviews (answers on a later day than \
         the card's previous one); {need} are needed, so about {} more. Until then the FSRS \
         defaults are used, and they suit most people",
        need - have
    )]
    NotEnough { have: usize, need: usize },
    #[error("FSRS refused: {0}")]
    Fsrs(String),
}

impl From<FSRSError> for FitError {
    fn from(e: FSRSError) -> FitError {
        FitError::Fsrs(e.to_string())
    }
}

pub use crate::model::{Evaluation, Metrics};

const FOLDS: usize = 5;

/// Answers in the log from which `recall` suggests fitting (usually enough for
/// [`MIN_ITEMS`] spaced reviews).
pub const SUGGEST_FROM_ANSWERS: i64 = 1_000;

/// When to suggest `recall optimize`: once the log holds [`SUGGEST_FROM_ANSWERS`] answers and
/// nothing was fitted yet, or once the log has doubled since the newest set was fitted
/// (`since_fit`: answers after it). Returns the answers to mention.
pub fn suggest_fitting(total_answers: i64, since_fit: Option<i64>) -> Option<i64> {
    match since_fit {
        None => (total_answers >= SUGGEST_FROM_ANSWERS).then_some(total_answers),
        Some(since) => {
            (since >= SUGGEST_FROM_ANSWERS && since >= total_answers - since).then_some(since)
        }
    }
}

fn check_enough(items: &Items) -> Result<(), FitError> {
    if items.items.len() < MIN_ITEMS {
        return Err(FitError::NotEnough {
            have: items.items.len(),
            need: MIN_ITEMS,
        });
    }
    Ok(())
}

/// Fits FSRS parameters to `items` for a scheduler with `relearning_steps` relearning steps
/// (the crate bounds two parameters by it), calling `progress(done, total)` about ten times a
/// second while the crate trains, and once when it is done.
pub fn fit(
    items: Items,
    relearning_steps: usize,
    mut progress: impl FnMut(usize, usize),
) -> Result<Vec<f32>, FitError> {
    check_enough(&items)?;
    let state = CombinedProgressState::new_shared();
    let input = ComputeParametersInput {
        train_set: items.items,
        card_ids: Some(items.card_ids),
        progress: Some(state.clone()),
        enable_short_term: true,
        num_relearning_steps: Some(relearning_steps),
        training_config: None,
    };
    let mut report = || {
        if let Ok(st) = state.lock() {
            progress(st.current(), st.total());
        }
    };
    let fitted = std::thread::scope(|s| {
        // The worker says when it is done, so the fit is not waited on for up to a tenth of
        // a second after it ends.
        let (done, finished) = std::sync::mpsc::channel::<()>();
        let worker = s.spawn(move || {
            let fitted = fsrs::compute_parameters(input);
            let _ = done.send(());
            fitted
        });
        while finished.recv_timeout(Duration::from_millis(100)).is_err() && !worker.is_finished() {
            report();
        }
        worker.join()
    });
    // Once more at the end: a fit quicker than the first look still reports where it got.
    report();
    let parameters = fitted.map_err(|_| FitError::Fsrs("the optimizer stopped".into()))??;
    // The crate checks its own output; a set FSRS would refuse is not worth storing.
    FSRS::new(&parameters)?;
    Ok(parameters)
}

/// Scores the defaults and parameters fitted the honest way: the items are cut into six
/// segments in time order; each of the last five is predicted by parameters fitted to the
/// segments before it only (the crate's time-series split), and the defaults predict the same
/// five segments.
pub fn evaluate(
    items: Items,
    relearning_steps: usize,
    mut progress: impl FnMut(usize, usize),
) -> Result<Evaluation, FitError> {
    check_enough(&items)?;
    let test_from = items.items.len() / (FOLDS + 1);
    let tested: Vec<fsrs::FSRSItem> = items.items[test_from..].to_vec();
    let tested_items = tested.len();
    let defaults = FSRS::new(&[])?.evaluate(tested, |_| true)?;
    let input = ComputeParametersInput {
        train_set: items.items,
        card_ids: Some(items.card_ids),
        progress: None,
        enable_short_term: true,
        num_relearning_steps: Some(relearning_steps),
        training_config: None,
    };
    let fitted = fsrs::evaluate_with_time_series_splits(input, |p| {
        progress(p.current, p.total);
        true
    })?;
    Ok(Evaluation {
        defaults: Metrics {
            log_loss: defaults.log_loss,
            rmse_bins: defaults.rmse_bins,
        },
        fitted: Metrics {
            log_loss: fitted.log_loss,
            rmse_bins: fitted.rmse_bins,
        },
        tested_items,
        folds: FOLDS,
    })
}

#[cfg(test)]
mod tests;
