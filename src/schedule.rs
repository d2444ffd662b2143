//! Scheduling: what an answer does to a card. FSRS through the `fsrs` crate (FSRS-6), study
//! days, interval fuzz, learning steps. Pure: time, the UTC offset and the fuzz draw are
//! arguments, so every rule is testable with fixed values.
//!
//! # Rules
//! - **Study days** start at `day_start_hour` local time (default 04:00): an answer at 01:00
//!   counts for the day before. FSRS's elapsed days are counted in study days.
//! - **Memory** (stability, difficulty) always follows the crate's `next_states` for the rating,
//!   with same-day answers as 0 elapsed days.
//! - **Learning steps**, as Anki has them (`learning-steps`, default 1m 10m; `relearning-steps`,
//!   default 10m). A new or learning card: Again → back to the first step; Hard → the current
//!   step again (on the first step, halfway to the second; with one step, half as long again);
//!   Good → the next step, or past the last one it graduates; Easy → it graduates. A review
//!   card answered Again lapses into the relearning steps (none: it stays a review card with
//!   FSRS's interval), where the same rules hold. A card that graduates is due in the interval
//!   FSRS gives for the desired retention.
//! - **Intervals** are whole study days: at least 1, at most `max_interval_days`, kept in order
//!   (Hard < Good < Easy), then fuzzed as Anki fuzzes them (see [`fuzz_range`], with a draw
//!   fixed by the card and its answer count: [`fuzz_draw`]). A review card is due at the start
//!   of its study day.

use fsrs::{MemoryState, FSRS, FSRS6_DEFAULT_DECAY};
use serde::Serialize;

mod loads;
pub use loads::{day_loads, DayLoad, Loads};

const MINUTE_MS: i64 = 60_000;
const DAY_SECS: i64 = 86_400;

/// An answer's grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Rating {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Rating {
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    pub fn from_number(n: u8) -> Option<Rating> {
        Rating::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    pub fn label(self) -> &'static str {
        match self {
            Rating::Again => "Again",
            Rating::Hard => "Hard",
            Rating::Good => "Good",
            Rating::Easy => "Easy",
        }
    }
}

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    #[default]
    New,
    Learning,
    Review,
    Relearning,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::New => "new",
            Phase::Learning => "learning",
            Phase::Review => "review",
            Phase::Relearning => "relearning",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        match s {
            "new" => Some(Phase::New),
            "learning" => Some(Phase::Learning),
            "review" => Some(Phase::Review),
            "relearning" => Some(Phase::Relearning),
            _ => None,
        }
    }
}

/// Ratings are stored as their number, 1 (Again) to 4 (Easy).
impl rusqlite::types::ToSql for Rating {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok((*self as i64).into())
    }
}

/// Anything else than 1–4 is an error naming the value, never a default grade.
impl rusqlite::types::FromSql for Rating {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let n = v.as_i64()?;
        u8::try_from(n)
            .ok()
            .and_then(Rating::from_number)
            .ok_or_else(|| {
                rusqlite::types::FromSqlError::Other(
                    format!("{n} is not a rating (1 Again, 2 Hard, 3 Good, 4 Easy)").into(),
                )
            })
    }
}

/// Phases are stored as their name (`new`, `learning`, `review`, `relearning`).
impl rusqlite::types::ToSql for Phase {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

/// An unknown name is an error naming it, never a default phase.
impl rusqlite::types::FromSql for Phase {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let s = v.as_str()?;
        Phase::parse(s).ok_or_else(|| {
            rusqlite::types::FromSqlError::Other(
                format!("{s:?} is not a card state (new, learning, review, relearning)").into(),
            )
        })
    }
}

/// A card's scheduling state (what `card_state` caches).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CardSchedule {
    pub phase: Phase,
    pub stability: Option<f32>,
    pub difficulty: Option<f32>,
    /// Unix milliseconds; none while new.
    pub due: Option<i64>,
    pub last_review: Option<i64>,
    pub reps: u32,
    pub lapses: u32,
    /// The learning or relearning step the card is at (0 first); 0 in the other phases.
    pub step: u32,
}

impl CardSchedule {
    pub const NEW: CardSchedule = CardSchedule {
        phase: Phase::New,
        stability: None,
        difficulty: None,
        due: None,
        last_review: None,
        reps: 0,
        lapses: 0,
        step: 0,
    };

    fn memory(&self) -> Option<MemoryState> {
        Some(MemoryState {
            stability: self.stability?,
            difficulty: self.difficulty?,
        })
    }
}

/// Scheduling settings, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct SchedulerConfig {
    /// Probability of recall to aim for at the due date (0.70–0.99).
    pub desired_retention: f32,
    pub max_interval_days: u32,
    /// Local hour (0–23) at which a study day starts.
    pub day_start_hour: u32,
    /// The time zone study days are in.
    pub zone: crate::clock::Zone,
    /// FSRS parameters; empty for the FSRS-6 defaults.
    pub parameters: Vec<f32>,
    /// Pick due days by load within the fuzz range (see [`Scheduler::answer_balanced`]).
    pub load_balance: bool,
    /// How likely each weekday (Monday first) is picked, next to a day with the same load:
    /// 1 for ordinary days, less for easy days.
    pub easy_day_weights: [f32; 7],
    /// Delays of the learning steps a new card goes through before it graduates, in seconds.
    pub learning_steps: Vec<u32>,
    /// Delays of the relearning steps after a lapse, in seconds.
    pub relearning_steps: Vec<u32>,
}

/// Anki's default learning steps: one minute, ten minutes.
pub const LEARNING_STEPS: [u32; 2] = [60, 600];
/// Anki's default relearning step: ten minutes.
pub const RELEARNING_STEPS: [u32; 1] = [600];

impl SchedulerConfig {
    /// See [`Scheduler::study_day`].
    pub fn study_day(&self, t_ms: i64) -> i64 {
        let local = t_ms.div_euclid(1000) + i64::from(self.zone.offset_at(t_ms));
        (local - i64::from(self.day_start_hour) * 3600).div_euclid(DAY_SECS)
    }

    /// See [`Scheduler::day_start`].
    pub fn day_start(&self, day: i64) -> i64 {
        let local = day * DAY_SECS + i64::from(self.day_start_hour) * 3600;
        self.zone.instant_of_local(local)
    }
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            desired_retention: 0.9,
            max_interval_days: 36_500,
            day_start_hour: 4,
            zone: crate::clock::Zone::Fixed(0),
            parameters: Vec::new(),
            load_balance: true,
            easy_day_weights: [1.0; 7],
            learning_steps: LEARNING_STEPS.to_vec(),
            relearning_steps: RELEARNING_STEPS.to_vec(),
        }
    }
}

/// What an answer would do: the card's next state, and its interval for a button label.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Outcome {
    pub rating: Rating,
    pub next: CardSchedule,
    /// Whole study days for review intervals, else 0.
    pub interval_days: u32,
}

impl Outcome {
    /// A short label for the interval: `1m`, `10m`, `1.5h`, `3d`, `2.5mo`, `1.2y`.
    pub fn label(&self, now: i64) -> String {
        match self.next.phase {
            Phase::Review => days_label(self.interval_days),
            _ => {
                let mins = ((self.next.due.unwrap_or(now) - now).max(0) as f64 / MINUTE_MS as f64)
                    .round() as i64;
                if mins < 60 {
                    format!("{}m", mins.max(1))
                } else if mins < 24 * 60 {
                    trim(format!("{:.1}h", mins as f64 / 60.0))
                } else {
                    days_label((mins as f64 / (24.0 * 60.0)).round() as u32)
                }
            }
        }
    }
}

/// Where a card in learning or relearning goes after an answer: a step (its index, and the
/// delay in seconds), or out of the steps (it graduates, with FSRS's interval).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StepTo {
    Step(u32, u32),
    Graduate,
}

/// Anki's learning-step rules for a card at step `at` of `steps` answered `rating`.
fn step_to(steps: &[u32], at: u32, rating: Rating) -> StepTo {
    let Some(&first) = steps.first() else {
        return StepTo::Graduate;
    };
    let at = (at as usize).min(steps.len() - 1);
    match rating {
        Rating::Again => StepTo::Step(0, first),
        Rating::Hard => {
            let delay = match (at, steps.get(1)) {
                // Halfway between the first two steps; with one step, half as long again
                // (but at most a day longer).
                (0, Some(&second)) => first / 2 + second / 2 + (first % 2 + second % 2) / 2,
                (0, None) => (first.saturating_mul(3) / 2).min(first.saturating_add(86_400)),
                _ => steps[at],
            };
            StepTo::Step(at as u32, delay)
        }
        Rating::Good => match steps.get(at + 1) {
            Some(&next) => StepTo::Step(at as u32 + 1, next),
            None => StepTo::Graduate,
        },
        Rating::Easy => StepTo::Graduate,
    }
}

fn days_label(days: u32) -> String {
    let d = f64::from(days);
    if days < 31 {
        format!("{days}d")
    } else if days < 365 {
        trim(format!("{:.1}mo", d / 30.4))
    } else {
        trim(format!("{:.1}y", d / 365.25))
    }
}

fn trim(s: String) -> String {
    s.replace(".0", "")
}

/// The scheduler: FSRS with the user's settings.
pub struct Scheduler {
    fsrs: FSRS,
    config: SchedulerConfig,
    decay: f32,
}

/// Scheduling settings that FSRS refused.
#[derive(Debug, thiserror::Error)]
#[error("FSRS parameters are not valid: {0}")]
pub struct BadParameters(String);

impl Scheduler {
    pub fn new(config: SchedulerConfig) -> Result<Scheduler, BadParameters> {
        let fsrs = FSRS::new(&config.parameters).map_err(|e| BadParameters(e.to_string()))?;
        let decay = config
            .parameters
            .get(20)
            .copied()
            .unwrap_or(FSRS6_DEFAULT_DECAY);
        Ok(Scheduler {
            fsrs,
            config,
            decay,
        })
    }

    pub fn config(&self) -> &SchedulerConfig {
        &self.config
    }

    /// The study day (days since 1970-01-01, local, shifted by the day-start hour) of a time,
    /// in the zone's offset at that time (so daylight-saving changes move no day boundary).
    pub fn study_day(&self, t_ms: i64) -> i64 {
        self.config.study_day(t_ms)
    }

    /// When a study day starts, in Unix milliseconds: the day-start hour, local time.
    pub fn day_start(&self, day: i64) -> i64 {
        self.config.day_start(day)
    }

    /// Probability of recalling the card now (1 for cards never reviewed).
    pub fn retrievability(&self, s: &CardSchedule, now: i64) -> f32 {
        match (s.memory(), s.last_review) {
            (Some(m), Some(last)) => {
                let days = (now - last).max(0) as f32 / (DAY_SECS * 1000) as f32;
                fsrs::current_retrievability(m, days, self.decay)
            }
            _ => 1.0,
        }
    }

    /// What each grade would do now, unfuzzed and unbalanced (the interval before its draw).
    pub fn preview(&self, s: &CardSchedule, now: i64) -> [Outcome; 4] {
        Rating::ALL.map(|r| self.outcome(s, r, now, None))
    }

    /// What each grade gives now, exactly as [`Scheduler::answer_balanced`] with the same draw
    /// and loads: the intervals a grade button promises are the ones the answer gives.
    pub fn preview_balanced(
        &self,
        s: &CardSchedule,
        now: i64,
        fuzz: f64,
        loads: Loads<'_>,
    ) -> [Outcome; 4] {
        Rating::ALL.map(|r| self.outcome(s, r, now, Some((fuzz, Some(&mut *loads)))))
    }

    /// The card's state after answering `rating` at `now`; `fuzz` is a uniform draw in [0, 1).
    pub fn answer(&self, s: &CardSchedule, rating: Rating, now: i64, fuzz: f64) -> CardSchedule {
        self.outcome(s, rating, now, Some((fuzz, None))).next
    }

    /// `answer`, with load balancing (when on): the due day is drawn among the days of the
    /// interval's fuzz range, each as likely as its weekday's weight over (1 + cards already due
    /// that day)², and never a day a sibling is due on unless every day has one. `loads(first,
    /// last)` gives the load of each study day from `first` to `last`. The draw is `fuzz`, so
    /// the same history and loads give the same day.
    pub fn answer_balanced(
        &self,
        s: &CardSchedule,
        rating: Rating,
        now: i64,
        fuzz: f64,
        loads: Loads<'_>,
    ) -> CardSchedule {
        self.outcome(s, rating, now, Some((fuzz, Some(loads)))).next
    }

    /// The weight of a study day's weekday.
    fn weekday_weight(&self, day: i64) -> f64 {
        // Day 0, 1970-01-01, was a Thursday (index 3, Monday first).
        f64::from(self.config.easy_day_weights[(day + 3).rem_euclid(7) as usize])
    }

    /// The interval (days) for an answer `today`: fuzzed, or balanced by load.
    fn place(&self, interval: u32, today: i64, fuzz: f64, loads: Option<Loads<'_>>) -> u32 {
        let max = self.config.max_interval_days.max(1);
        let (lo, hi) = fuzz_range(interval, max);
        let Some(loads) = loads.filter(|_| self.config.load_balance && hi > lo) else {
            return fuzzed(interval, fuzz, max);
        };
        let days = loads(today + i64::from(lo), today + i64::from(hi));
        let weights: Vec<f64> = (lo..=hi)
            .enumerate()
            .map(|(i, ivl)| {
                let load = days.get(i).copied().unwrap_or_default();
                if load.sibling {
                    0.0
                } else {
                    self.weekday_weight(today + i64::from(ivl))
                        / (1.0 + f64::from(load.due)).powi(2)
                }
            })
            .collect();
        let total: f64 = weights.iter().sum();
        if total <= 0.0 {
            return fuzzed(interval, fuzz, max);
        }
        let mut left = fuzz.clamp(0.0, 0.999_999) * total;
        for (ivl, w) in (lo..=hi).zip(&weights) {
            if left < *w {
                return ivl;
            }
            left -= w;
        }
        // Rounding: the last day that may be picked.
        weights
            .iter()
            .rposition(|w| *w > 0.0)
            .map_or(hi, |i| lo + i as u32)
    }

    fn outcome(
        &self,
        s: &CardSchedule,
        rating: Rating,
        now: i64,
        fuzz: Option<(f64, Option<Loads<'_>>)>,
    ) -> Outcome {
        let today = self.study_day(now);
        let elapsed = s
            .last_review
            .map_or(0, |l| (today - self.study_day(l)).max(0)) as u32;
        let retention = self.config.desired_retention;
        // The crate refuses only invalid memory states; start such a card over.
        let states = self
            .fsrs
            .next_states(s.memory(), retention, elapsed)
            .or_else(|_| self.fsrs.next_states(None, retention, 0))
            .expect("FSRS schedules a new card");
        let pick = |r: Rating| match r {
            Rating::Again => &states.again,
            Rating::Hard => &states.hard,
            Rating::Good => &states.good,
            Rating::Easy => &states.easy,
        };
        let memory = pick(rating).memory;
        let mut next = CardSchedule {
            phase: Phase::Review,
            stability: Some(memory.stability),
            difficulty: Some(memory.difficulty),
            due: None,
            last_review: Some(now),
            reps: s.reps + 1,
            lapses: s.lapses,
            step: 0,
        };
        let config = &self.config;
        let steps = match (s.phase, rating) {
            (Phase::New | Phase::Learning, _) => {
                Some((Phase::Learning, &config.learning_steps, s.step))
            }
            (Phase::Review, Rating::Again) => {
                next.lapses += 1;
                Some((Phase::Relearning, &config.relearning_steps, 0))
            }
            (Phase::Relearning, _) => Some((Phase::Relearning, &config.relearning_steps, s.step)),
            (Phase::Review, _) => None,
        };
        if let Some((phase, steps, at)) = steps {
            if let StepTo::Step(step, delay) = step_to(steps, at, rating) {
                next.phase = phase;
                next.step = step;
                next.due = Some(now + i64::from(delay) * 1000);
                return Outcome {
                    rating,
                    next,
                    interval_days: 0,
                };
            }
        }
        // Whole days, in order Hard < Good < Easy, within the bounds.
        let max = self.config.max_interval_days.max(1);
        let days = |r: Rating| (pick(r).interval.round() as u32).clamp(1, max);
        let hard = days(Rating::Hard);
        // Hard < Good where Hard gives days too (a review card; no steps to repeat); a card
        // leaving its steps gets FSRS's Good interval as it is, a day at least (as in Anki).
        let steps_left = match s.phase {
            Phase::Review => &[][..],
            Phase::Relearning => &self.config.relearning_steps[..],
            Phase::New | Phase::Learning => &self.config.learning_steps[..],
        };
        let good = if steps_left.is_empty() {
            days(Rating::Good).max((hard + 1).min(max))
        } else {
            days(Rating::Good)
        };
        let easy = days(Rating::Easy).max((good + 1).min(max));
        let interval = match rating {
            // Only without steps to go to: a lapse with no relearning steps, or no learning steps.
            Rating::Again => days(Rating::Again).min(hard),
            Rating::Hard => hard,
            Rating::Good => good,
            Rating::Easy => easy,
        };
        let interval = match fuzz {
            Some((f, loads)) => self.place(interval, today, f, loads),
            None => interval,
        };
        next.due = Some(self.day_start(today + i64::from(interval)));
        Outcome {
            rating,
            next,
            interval_days: interval,
        }
    }
}

/// The days an interval may be fuzzed to, as Anki does: no fuzz under 2.5 days; beyond,
/// ±15% of the part up to 7 days, ±10% of the part from 7 to 20, ±5% above 20, plus one day.
pub fn fuzz_range(interval: u32, max: u32) -> (u32, u32) {
    let ivl = f64::from(interval);
    if ivl < 2.5 {
        return (interval, interval);
    }
    let delta: f64 = [
        (2.5, 7.0, 0.15),
        (7.0, 20.0, 0.1),
        (20.0, f64::INFINITY, 0.05),
    ]
    .iter()
    .map(|&(start, end, factor)| factor * (ivl.min(end) - start).max(0.0))
    .sum::<f64>()
        + 1.0;
    let lo = ((ivl - delta).round() as u32).max(2).min(max);
    let hi = ((ivl + delta).round() as u32).min(max).max(lo);
    (lo, hi)
}

/// The fuzz draw for a card's answer, uniform in [0, 1): a hash of the card and how many times
/// it was answered before, so the same history always gives the same schedule (a schedule
/// rebuilt from the review log equals the one built answer by answer), as Anki seeds its fuzz.
pub fn fuzz_draw(card_id: i64, reps: u32) -> f64 {
    let mut bytes = [0u8; 12];
    bytes[..8].copy_from_slice(&card_id.to_le_bytes());
    bytes[8..].copy_from_slice(&reps.to_le_bytes());
    let h = xxhash_rust::xxh3::xxh3_64(&bytes);
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// `interval` moved within its [`fuzz_range`] by a uniform draw `f` in [0, 1).
pub fn fuzzed(interval: u32, f: f64, max: u32) -> u32 {
    let (lo, hi) = fuzz_range(interval, max);
    let span = f64::from(hi - lo + 1);
    (lo + (f.clamp(0.0, 0.999_999) * span).floor() as u32).min(hi)
}

#[cfg(test)]
mod tests;
