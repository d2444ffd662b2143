//! What the future holds for the learner's collection, from the `fsrs` crate's simulator:
//! daily reviews over the next days (`forecast`), and the desired retention that costs the
//! least time per card remembered, with the cost at each retention (`retention`).
//!
//! The simulated learner is this one: their parameters, their daily limits and, once the log
//! holds enough answers, their own odds of each grade. `forecast` runs their collection as it
//! stands (studied cards' memory and due dates, new cards at the daily limit); `retention`
//! has them start a deck of new cards (see there why).

use crate::optimize::FitError;
use fsrs::{Card, SimulatorConfig};
use std::sync::Arc;

const DAY_MS: f64 = 86_400_000.0;
/// Answers needed before the learner's own grade odds replace the simulator's defaults.
pub const MIN_ANSWERS_FOR_ODDS: i64 = 100;
/// The simulator's seed: the same collection gives the same figures.
const SEED: u64 = 42;
/// Simulations averaged for each point of the retention curve.
const CURVE_RUNS: u64 = 8;
/// The deck sizes the retention search simulates: fewer cards are mostly chance, more only
/// cost time.
const MIN_DECK: usize = 1_000;
const MAX_DECK: usize = 5_000;

pub use crate::model::{Collection, StudiedCard};

/// One simulated day.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Day {
    /// 0 is today.
    pub day: usize,
    pub reviews: usize,
    pub new_cards: usize,
    pub minutes: f32,
    /// Cards the learner would recall that day if asked all of them.
    pub remembered: f32,
}

/// One point of the workload curve.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct RetentionCost {
    pub desired_retention: f32,
    /// Simulated study time, in minutes, per card remembered at the end.
    pub minutes_per_card: f32,
    pub reviews: usize,
    pub remembered: f32,
}

fn config(c: &Collection, days: usize) -> SimulatorConfig {
    let mut cfg = SimulatorConfig {
        deck_size: c.studied.len() + c.new_cards,
        learn_span: days,
        max_ivl: c.max_interval_days as f32,
        learn_limit: c.new_per_day,
        review_limit: c.reviews_per_day,
        // recall caps answers a day, not minutes (the simulator's default is 30 minutes).
        max_cost_perday: f32::INFINITY,
        ..SimulatorConfig::default()
    };
    let total = |v: &[i64]| v.iter().sum::<i64>();
    if total(&c.first_grades) >= MIN_ANSWERS_FOR_ODDS {
        let n = total(&c.first_grades) as f32;
        cfg.first_rating_prob = c.first_grades.map(|g| g as f32 / n);
    }
    if total(&c.review_grades) >= MIN_ANSWERS_FOR_ODDS {
        let n = total(&c.review_grades) as f32;
        cfg.review_rating_prob = c.review_grades.map(|g| g as f32 / n);
    }
    cfg
}

/// The studied cards in the simulator's terms: days relative to `now`.
fn cards(
    c: &Collection,
    parameters: &[f32],
    desired_retention: f32,
    now: i64,
) -> Result<Vec<Card>, FitError> {
    let w = Arc::new(
        fsrs::check_and_fill_parameters(parameters).map_err(|e| FitError::Fsrs(e.to_string()))?,
    );
    Ok(c.studied
        .iter()
        .map(|s| Card {
            id: s.id,
            difficulty: s.difficulty,
            stability: s.stability,
            last_date: ((s.last_review - now) as f64 / DAY_MS) as f32,
            due: (((s.due - now) as f64 / DAY_MS) as f32).max(0.0),
            interval: ((s.due - s.last_review) as f64 / DAY_MS).max(0.0) as f32,
            lapses: s.lapses,
            desired_retention,
            parameters: w.clone(),
        })
        .collect())
}

/// Daily reviews, new cards and time over the next `days` days.
pub fn forecast(
    c: &Collection,
    parameters: &[f32],
    desired_retention: f32,
    days: usize,
    now: i64,
) -> Result<Vec<Day>, FitError> {
    let cfg = config(c, days);
    let r = fsrs::simulate(
        &cfg,
        parameters,
        desired_retention,
        Some(SEED),
        Some(cards(c, parameters, desired_retention, now)?),
    )?;
    Ok((0..days)
        .map(|d| Day {
            day: d,
            reviews: r.review_cnt_per_day.get(d).copied().unwrap_or(0),
            new_cards: r.learn_cnt_per_day.get(d).copied().unwrap_or(0),
            minutes: r.cost_per_day.get(d).copied().unwrap_or(0.0) / 60.0,
            remembered: r.memorized_cnt_per_day.get(d).copied().unwrap_or(0.0),
        })
        .collect())
}

/// The desired retention with the least study time per card remembered after `days` days
/// (the crate's optimiser), and the cost at 0.70, 0.75, ..., 0.95.
///
/// The simulated learner is this one (parameters, grade odds, limits) starting a deck of new
/// cards at their daily new-card limit for the whole span: the crate keeps existing cards at
/// the retention they were scheduled with, so they would only blur the comparison.
pub fn retention(
    c: &Collection,
    parameters: &[f32],
    days: usize,
) -> Result<(f32, Vec<RetentionCost>), FitError> {
    let mut cfg = config(c, days);
    cfg.deck_size = (c.new_per_day.max(1) * days).clamp(MIN_DECK, MAX_DECK);
    cfg.learn_limit = c.new_per_day.max(1);
    // The question is which retention is most efficient, not what fits under a cap.
    cfg.review_limit = usize::MAX;
    let best = fsrs::optimal_retention(&cfg, parameters, |_| true, None, None)?;
    let curve = (0..6)
        .map(|i| {
            let r = 0.70 + 0.05 * i as f32;
            // Averaged over runs with the optimiser's own seeds, and its measure: time over
            // cards remembered at the end, per run.
            let (mut per_card, mut remembered, mut reviews) = (0.0, 0.0, 0);
            for run in 0..CURVE_RUNS {
                let sim = fsrs::simulate(&cfg, parameters, r, Some(42 + run), None)?;
                let kept = sim.memorized_cnt_per_day.last().copied().unwrap_or(0.0);
                let minutes = sim.cost_per_day.iter().sum::<f32>() / 60.0;
                per_card += if kept > 0.0 { minutes / kept } else { 0.0 };
                remembered += kept;
                reviews += sim.review_cnt_per_day.iter().sum::<usize>();
            }
            let runs = CURVE_RUNS as f32;
            Ok(RetentionCost {
                desired_retention: r,
                minutes_per_card: per_card / runs,
                reviews: (reviews as f32 / runs).round() as usize,
                remembered: remembered / runs,
            })
        })
        .collect::<Result<Vec<_>, fsrs::FSRSError>>()?;
    Ok((best, curve))
}

/// One point of the expected-workload curve.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Workload {
    pub desired_retention: f32,
    /// Expected study time a new card costs over the simulator's year, in minutes.
    pub minutes_per_card: f32,
}

/// The expected workload of a new card at desired retentions from 0.70 to 0.97 (every 3 %)
/// and at `current` (the crate's `expected_workload`, an exact expectation rather than a
/// simulation): how much more study a higher retention costs.
pub fn workload_curve(
    parameters: &[f32],
    max_interval_days: u32,
    current: f32,
) -> Result<Vec<Workload>, FitError> {
    let cfg = SimulatorConfig {
        max_ivl: max_interval_days as f32,
        ..SimulatorConfig::default()
    };
    let mut retentions: Vec<f32> = (70..=97).step_by(3).map(|pct| pct as f32 / 100.0).collect();
    if !retentions.iter().any(|r| (r - current).abs() < 0.005) {
        retentions.push(current);
        retentions.sort_by(f32::total_cmp);
    }
    retentions
        .into_iter()
        .map(|r| {
            let seconds = fsrs::expected_workload(parameters, r, &cfg)?;
            Ok(Workload {
                desired_retention: r,
                minutes_per_card: seconds / 60.0,
            })
        })
        .collect::<Result<Vec<_>, fsrs::FSRSError>>()
        .map_err(FitError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workload_rises_with_the_desired_retention() {
        let curve = workload_curve(&[], 36_500, 0.9).unwrap();
        let at: Vec<f32> = curve.iter().map(|w| w.desired_retention).collect();
        assert_eq!(
            at,
            [0.70, 0.73, 0.76, 0.79, 0.82, 0.85, 0.88, 0.9, 0.91, 0.94, 0.97]
        );
        let (low, high) = (curve[0].minutes_per_card, curve[10].minutes_per_card);
        assert!(
            low > 0.0 && high > 2.0 * low,
            "0.70: {low} min, 0.97: {high} min"
        );
        assert!(curve
            .windows(2)
            .all(|w| w[0].minutes_per_card <= w[1].minutes_per_card));
    }

    const NOW: i64 = 1_795_510_800_000;
    const DAY: i64 = 86_400_000;

    fn collection(new_cards: usize) -> Collection {
        Collection {
            studied: (0..200)
                .map(|i| StudiedCard {
                    id: i + 1,
                    stability: 2.0 + (i % 30) as f32,
                    difficulty: 5.0,
                    last_review: NOW - (i % 10) * DAY,
                    due: NOW + (i % 20) * DAY,
                    lapses: 0,
                })
                .collect(),
            new_cards,
            new_per_day: 10,
            reviews_per_day: 9999,
            max_interval_days: 36_500,
            first_grades: [0; 4],
            review_grades: [0; 3],
        }
    }

    #[test]
    fn forecast_introduces_new_cards_at_the_daily_limit_and_reviews_the_studied() {
        let days = forecast(&collection(35), &[], 0.9, 30, NOW).unwrap();
        assert_eq!(days.len(), 30);
        let new: Vec<usize> = days.iter().map(|d| d.new_cards).take(5).collect();
        assert_eq!(new, vec![10, 10, 10, 5, 0]);
        let reviews: usize = days.iter().map(|d| d.reviews).sum();
        assert!(
            reviews >= 200,
            "every studied card comes due within 20 days: {reviews}"
        );
        assert!(days[0].minutes > 0.0);
        // Same collection, same figures.
        assert_eq!(days, forecast(&collection(35), &[], 0.9, 30, NOW).unwrap());
    }

    #[test]
    fn higher_retention_costs_more_reviews() {
        let (best, curve) = retention(&collection(100), &[], 90).unwrap();
        assert!((0.70..=0.95).contains(&best), "{best}");
        assert_eq!(curve.len(), 6);
        assert!(curve[5].reviews > curve[0].reviews, "{curve:?}");
        assert!(curve[5].remembered > curve[0].remembered, "{curve:?}");
    }

    #[test]
    fn the_learners_own_grade_odds_are_used_once_there_are_enough() {
        let mut c = collection(0);
        c.first_grades = [50, 0, 50, 0];
        c.review_grades = [10, 80, 10];
        let cfg = config(&c, 10);
        assert_eq!(cfg.first_rating_prob, [0.5, 0.0, 0.5, 0.0]);
        assert_eq!(cfg.review_rating_prob, [0.1, 0.8, 0.1]);
        c.first_grades = [5, 0, 5, 0];
        assert_eq!(
            config(&c, 10).first_rating_prob,
            SimulatorConfig::default().first_rating_prob
        );
    }
}
