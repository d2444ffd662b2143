//! Review statistics: `compute` turns the store's figures into a [`Stats`] value (serialisable,
//! with stable field names for `--json`); printing lives in the app.
//!
//! Definitions:
//! - **True retention**: the share of answers to cards past learning (state `review` before the
//!   answer) that were not Again; *young* when the card's interval was under 21 days, *mature*
//!   from 21 days on. Periods count study days back from today: day (1), week (7), month (30),
//!   year (365).
//! - **Streak**: consecutive study days with at least one answer, ending today (or yesterday,
//!   before today's first answer). The longest streak is over all history.
//! - **Forecast**: studied, active cards due per study day for the next 30 days; overdue cards
//!   count today.
//! - **Leech**: a card with at least [`LEECH_LAPSES`] lapses.

use crate::error::Result;
use crate::review::session::streak;
use crate::schedule::Scheduler;
use crate::store::stats::{DayAnswers, StateCounts, Trouble};
use crate::store::Store;
use serde::Serialize;

/// Lapses from which a card is flagged as a leech.
pub const LEECH_LAPSES: u32 = 8;
/// Days of forecast.
pub const FORECAST_DAYS: i64 = 30;
/// How many of the hardest cards are listed.
pub const HARDEST: usize = 10;
const YEAR_DAYS: i64 = 365;

/// What to compute.
#[derive(Debug, Clone)]
pub struct Options {
    /// Decks (each with its sub-decks); empty for all.
    pub decks: Vec<String>,
    /// Days of history to chart.
    pub days: u32,
    /// Unix milliseconds.
    pub now: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Unix milliseconds.
    pub generated_at: i64,
    /// Today's date (study day).
    pub today_date: String,
    pub decks: Vec<String>,
    pub today: Today,
    pub counts: Counts,
    pub retention: Retention,
    pub forecast: Forecast,
    pub history: History,
    pub memory: Memory,
    pub hardest: Hardest,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Today {
    pub answers: i64,
    pub new_learned: i64,
    pub time_ms: i64,
    /// Share of today's answers that were Again; none without answers.
    pub again_rate: Option<f64>,
    pub due_now: i64,
    pub due_later_today: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counts {
    pub total: StateCounts,
    pub per_deck: Vec<StateCounts>,
}

/// Passed out of total, and the share.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rate {
    pub passed: i64,
    pub total: i64,
    pub rate: Option<f64>,
}

impl Rate {
    fn new(passed: i64, total: i64) -> Rate {
        Rate {
            passed,
            total,
            rate: (total > 0).then(|| passed as f64 / total as f64),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Period {
    /// day | week | month | year
    pub name: &'static str,
    pub days: i64,
    pub young: Rate,
    pub mature: Rate,
    pub all: Rate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Retention {
    pub desired: f64,
    pub periods: Vec<Period>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DueDay {
    /// 0 is today.
    pub day: i64,
    pub date: String,
    pub due: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    pub days: Vec<DueDay>,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryDay {
    pub date: String,
    pub answers: i64,
    pub again: i64,
    pub time_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    /// The last `days` study days, oldest first (days without answers included).
    pub days: Vec<HistoryDay>,
    /// Answers per day over the last year, for the calendar (days without answers left out).
    pub year: Vec<HistoryDay>,
    pub current_streak: u32,
    pub longest_streak: u32,
    /// Average time per answer over the charted days.
    pub seconds_per_answer: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bucket {
    pub label: &'static str,
    pub cards: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Memory {
    pub cards: i64,
    /// Stability in days.
    pub stability: Vec<Bucket>,
    /// FSRS difficulty, 1 (easy) to 10 (hard).
    pub difficulty: Vec<Bucket>,
    /// Probability of recall now.
    pub retrievability: Vec<Bucket>,
    /// The average predicted probability of recall now.
    pub average_retrievability: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HardCard {
    pub id: i64,
    pub deck: String,
    pub question: String,
    pub context: String,
    pub source: Option<String>,
    pub line: i64,
    pub lapses: u32,
    pub leech: bool,
    pub retrievability: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hardest {
    pub most_lapses: Vec<HardCard>,
    pub lowest_retrievability: Vec<HardCard>,
    pub leeches: i64,
}

/// The date of a study day (days since 1970-01-01 in local, day-start-shifted time).
pub fn date_of(day: i64) -> String {
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");
    epoch
        .checked_add_signed(chrono::Duration::days(day))
        .map_or_else(|| day.to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// Computes every figure for the decks in `opts`.
pub fn compute(store: &Store, scheduler: &Scheduler, opts: &Options) -> Result<Stats> {
    let decks =
        (!opts.decks.is_empty()).then(|| serde_json::to_string(&opts.decks).unwrap_or_default());
    let decks = decks.as_deref();
    let cfg = scheduler.config();
    let shift = i64::from(cfg.utc_offset_secs) - i64::from(cfg.day_start_hour) * 3600;
    let now = opts.now;
    let today = scheduler.study_day(now);
    let history_days = i64::from(opts.days.max(1));
    // Every day ever answered, in one pass: the periods, charts and streaks all come from it.
    let per_day = store.answers_per_day(decks, i64::MIN, shift)?;

    // Today.
    let t = per_day
        .iter()
        .find(|d| d.day == today)
        .cloned()
        .unwrap_or_default();
    let due = store.due_per_day(
        decks,
        today,
        scheduler.day_start(today + FORECAST_DAYS),
        shift,
    )?;
    let forecast_today = due.iter().find(|(d, _)| *d == today).map_or(0, |&(_, n)| n);
    let due_now = store
        .due_per_day(decks, today, now + 1, shift)?
        .iter()
        .map(|&(_, n)| n)
        .sum::<i64>();
    let today_figures = Today {
        answers: t.answers,
        new_learned: t.new_cards,
        time_ms: t.time_ms,
        again_rate: (t.answers > 0).then(|| t.again as f64 / t.answers as f64),
        due_now,
        due_later_today: forecast_today - due_now,
    };

    // Counts.
    let per_deck = store.state_counts(decks)?;
    let mut total = StateCounts {
        deck: "all".into(),
        ..StateCounts::default()
    };
    for d in &per_deck {
        total.new += d.new;
        total.learning += d.learning;
        total.young += d.young;
        total.mature += d.mature;
        total.suspended += d.suspended;
        total.retired += d.retired;
    }

    // Retention.
    let periods = [("day", 1), ("week", 7), ("month", 30), ("year", YEAR_DAYS)]
        .into_iter()
        .map(|(name, days)| {
            let within = per_day
                .iter()
                .filter(|d| d.day > today - days && d.day <= today);
            let sum = |f: fn(&DayAnswers) -> i64| within.clone().map(f).sum::<i64>();
            let (young, young_passed) = (sum(|d| d.young), sum(|d| d.young_passed));
            let (mature, mature_passed) = (sum(|d| d.mature), sum(|d| d.mature_passed));
            Period {
                name,
                days,
                young: Rate::new(young_passed, young),
                mature: Rate::new(mature_passed, mature),
                all: Rate::new(young_passed + mature_passed, young + mature),
            }
        })
        .collect();

    // Forecast.
    let forecast_days: Vec<DueDay> = (0..FORECAST_DAYS)
        .map(|k| DueDay {
            day: k,
            date: date_of(today + k),
            due: due
                .iter()
                .find(|(d, _)| *d == today + k)
                .map_or(0, |&(_, n)| n),
        })
        .collect();
    let forecast_total = forecast_days.iter().map(|d| d.due).sum();

    // History and streaks.
    let day_of = |day: i64| per_day.iter().find(|d| d.day == day);
    let days: Vec<HistoryDay> = (today - history_days + 1..=today)
        .map(|day| {
            let d = day_of(day);
            HistoryDay {
                date: date_of(day),
                answers: d.map_or(0, |d| d.answers),
                again: d.map_or(0, |d| d.again),
                time_ms: d.map_or(0, |d| d.time_ms),
            }
        })
        .collect();
    let year = per_day
        .iter()
        .filter(|d| d.day > today - YEAR_DAYS && d.answers > 0)
        .map(|d| HistoryDay {
            date: date_of(d.day),
            answers: d.answers,
            again: d.again,
            time_ms: d.time_ms,
        })
        .collect();
    let all_days: Vec<i64> = per_day.iter().map(|d| d.day).collect();
    let (answers, time): (i64, i64) = days
        .iter()
        .fold((0, 0), |(a, t), d| (a + d.answers, t + d.time_ms));
    let history = History {
        days,
        year,
        current_streak: streak(all_days.iter().copied(), today),
        longest_streak: longest_run(&all_days),
        seconds_per_answer: (answers > 0).then(|| time as f64 / 1000.0 / answers as f64),
    };

    // Memory.
    let memories = store.memories(decks)?;
    let r_now = |stability: f64, last_review: i64| {
        let s = crate::schedule::CardSchedule {
            stability: Some(stability as f32),
            difficulty: Some(5.0),
            last_review: Some(last_review),
            ..crate::schedule::CardSchedule::NEW
        };
        f64::from(scheduler.retrievability(&s, now))
    };
    let mut stability = buckets(&["< 1 d", "1–7 d", "7–21 d", "21–90 d", "90 d–1 y", "≥ 1 y"]);
    let mut difficulty = buckets(&[
        "1–2", "2–3", "3–4", "4–5", "5–6", "6–7", "7–8", "8–9", "9–10",
    ]);
    let mut retrievability = buckets(&["< 50%", "50–70%", "70–80%", "80–90%", "90–95%", "≥ 95%"]);
    let mut r_sum = 0.0;
    for m in &memories {
        let s_idx = [1.0, 7.0, 21.0, 90.0, 365.0]
            .iter()
            .take_while(|&&b| m.stability >= b)
            .count();
        stability[s_idx].cards += 1;
        let d_idx = ((m.difficulty.clamp(1.0, 10.0) - 1.0).floor() as usize).min(8);
        difficulty[d_idx].cards += 1;
        let r = r_now(m.stability, m.last_review);
        r_sum += r;
        let r_idx = [0.5, 0.7, 0.8, 0.9, 0.95]
            .iter()
            .take_while(|&&b| r >= b)
            .count();
        retrievability[r_idx].cards += 1;
    }
    let memory = Memory {
        cards: memories.len() as i64,
        stability,
        difficulty,
        retrievability,
        average_retrievability: (!memories.is_empty()).then(|| r_sum / memories.len() as f64),
    };

    // Hardest cards.
    let hard = |t: Trouble| HardCard {
        retrievability: t.stability.zip(t.last_review).map(|(s, l)| r_now(s, l)),
        leech: t.lapses >= LEECH_LAPSES,
        id: t.id,
        deck: t.deck,
        question: t.question,
        context: t.context,
        source: t.source,
        line: t.line,
        lapses: t.lapses,
    };
    let most_lapses: Vec<HardCard> = store
        .most_lapses(decks, HARDEST)?
        .into_iter()
        .map(hard)
        .collect();
    let lowest: Vec<HardCard> = store
        .least_retrievable(decks, now, HARDEST)?
        .into_iter()
        .map(hard)
        .collect();
    let leeches = store.leech_count(decks, LEECH_LAPSES)?;

    Ok(Stats {
        generated_at: now,
        today_date: date_of(today),
        decks: opts.decks.clone(),
        today: today_figures,
        counts: Counts { total, per_deck },
        retention: Retention {
            desired: f64::from(cfg.desired_retention),
            periods,
        },
        forecast: Forecast {
            days: forecast_days,
            total: forecast_total,
        },
        history,
        memory,
        hardest: Hardest {
            most_lapses,
            lowest_retrievability: lowest,
            leeches,
        },
    })
}

fn buckets(labels: &[&'static str]) -> Vec<Bucket> {
    labels
        .iter()
        .map(|&label| Bucket { label, cards: 0 })
        .collect()
}

/// The longest run of consecutive days in a sorted list of days.
fn longest_run(days: &[i64]) -> u32 {
    let (mut best, mut run) = (0u32, 0u32);
    let mut prev: Option<i64> = None;
    for &d in days {
        run = if prev == Some(d - 1) { run + 1 } else { 1 };
        best = best.max(run);
        prev = Some(d);
    }
    best
}

#[cfg(test)]
mod tests;
