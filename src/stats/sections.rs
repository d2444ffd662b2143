//! One pure function per section of the statistics: each takes the data read from the store
//! (answers per study day, what the pass over the cards added up) and returns its section.

use super::{
    date_of, streak, Counts, DueDay, Forecast, History, HistoryDay, Period, Rate, Retention, Today,
    WeekRetention, FORECAST_DAYS, YEAR_DAYS,
};
use crate::model::DeckId;
use crate::store::stats::{DayAnswers, StateCounts};
use std::collections::HashMap;

/// Today's answers, and the studied cards due now and later today (`due_today`: due on the
/// study day in all).
pub(super) fn today(per_day: &[DayAnswers], today: i64, due_now: i64, due_today: i64) -> Today {
    let t = per_day
        .iter()
        .find(|d| d.day == today)
        .cloned()
        .unwrap_or_default();
    Today {
        answers: t.answers,
        new_learned: t.new_cards,
        time_ms: t.time_ms,
        again_rate: (t.answers > 0).then(|| t.again as f64 / t.answers as f64),
        due_now,
        due_later_today: due_today - due_now,
    }
}

/// Cards by state in each deck that holds any (`per_deck` aligned with `decks`), by name,
/// and their total.
pub(super) fn counts(per_deck: &[StateCounts], decks: &[(DeckId, String)]) -> Counts {
    let per_deck: Vec<StateCounts> = per_deck
        .iter()
        .zip(decks)
        .filter(|(c, _)| c.new + c.learning + c.young + c.mature + c.suspended + c.retired > 0)
        .map(|(c, (_, name))| StateCounts {
            deck: name.clone(),
            ..c.clone()
        })
        .collect();
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
    Counts { total, per_deck }
}

/// True retention over the last day, week, month and year, young and mature apart.
pub(super) fn retention(per_day: &[DayAnswers], today: i64, desired: f64) -> Retention {
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
    // 52 weeks ending today, each its own true retention.
    let weeks = (0..52)
        .rev()
        .map(|k| {
            let last = today - 7 * k;
            let first = last - 6;
            let within = per_day.iter().filter(|d| d.day >= first && d.day <= last);
            let (passed, total) = within.fold((0, 0), |(p, t), d| {
                (p + d.young_passed + d.mature_passed, t + d.young + d.mature)
            });
            WeekRetention {
                from: date_of(first),
                passed,
                total,
            }
        })
        .collect();
    Retention {
        desired,
        periods,
        weeks,
    }
}

/// Studied cards due on each of the next [`FORECAST_DAYS`] study days (`due`: on each, from
/// today).
pub(super) fn forecast(due: &[i64], today: i64) -> Forecast {
    let days: Vec<DueDay> = (0..FORECAST_DAYS)
        .map(|k| DueDay {
            day: k,
            date: date_of(today + k),
            due: due.get(k as usize).copied().unwrap_or(0),
        })
        .collect();
    let total = days.iter().map(|d| d.due).sum();
    Forecast { days, total }
}

/// The last `history_days` study days, the year's days with answers, and the streaks.
pub(super) fn history(per_day: &[DayAnswers], today: i64, history_days: i64) -> History {
    let by_day: HashMap<i64, &DayAnswers> = per_day.iter().map(|d| (d.day, d)).collect();
    let days: Vec<HistoryDay> = (today - history_days + 1..=today)
        .map(|day| {
            let d = by_day.get(&day);
            HistoryDay {
                date: date_of(day),
                answers: d.map_or(0, |d| d.answers),
                again: d.map_or(0, |d| d.again),
                time_ms: d.map_or(0, |d| d.time_ms),
                new_cards: d.map_or(0, |d| d.new_cards),
                young: d.map_or(0, |d| d.young),
                mature: d.map_or(0, |d| d.mature),
                relearning: d.map_or(0, |d| d.relearning),
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
            new_cards: d.new_cards,
            young: d.young,
            mature: d.mature,
            relearning: d.relearning,
        })
        .collect();
    let all_days: Vec<i64> = per_day
        .iter()
        .filter(|d| d.answers > 0)
        .map(|d| d.day)
        .collect();
    let (answers, time): (i64, i64) = days
        .iter()
        .fold((0, 0), |(a, t), d| (a + d.answers, t + d.time_ms));
    History {
        days,
        year,
        buttons: Default::default(),
        current_streak: streak::current(all_days.iter().copied(), today),
        longest_streak: streak::longest(&all_days),
        seconds_per_answer: (answers > 0).then(|| time as f64 / 1000.0 / answers as f64),
    }
}
