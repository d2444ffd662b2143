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

pub mod html;
mod sections;
pub mod streak;
pub mod text;

use crate::error::Result;
use crate::model::{covers, CardId, DeckId};
use crate::schedule::{Phase, Scheduler};
use crate::store::stats::{CardFacts, StateCounts, MATURE_DAYS};
use crate::store::Store;
use serde::Serialize;

/// Lapses from which a card is flagged as a leech.
pub const LEECH_LAPSES: u32 = 8;
/// Days of forecast.
pub const FORECAST_DAYS: i64 = 30;
/// How many of the hardest cards are listed.
pub const HARDEST: usize = 10;
const YEAR_DAYS: i64 = 365;
const DAY_MS: i64 = 86_400_000;

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

impl Today {
    /// Today's due figures as the day's plan counts them: what `recall review` shows (within
    /// the daily limits, a sibling of a card answered today left out), so `stats`, `recall`,
    /// `due` and `review` agree.
    pub fn count_plan(&mut self, plan: &crate::review::plan::DayPlan) {
        let c = plan.counts();
        let now = plan.due_now() as i64;
        self.due_now = now;
        self.due_later_today = (c.learning + c.review) as i64 - now;
    }
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
    /// The last year week by week, oldest first (weeks without review answers included).
    pub weeks: Vec<WeekRetention>,
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
    /// The answers by the card's state before: new (first sight), young and mature review
    /// cards, relearning cards; the rest were learning.
    pub new_cards: i64,
    pub young: i64,
    pub mature: i64,
    pub relearning: i64,
}

impl HistoryDay {
    /// Answers to cards in learning, new ones included (Anki's "learn").
    pub fn learn(&self) -> i64 {
        (self.answers - self.young - self.mature - self.relearning).max(0)
    }
}

/// Answers by grade, Again first.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Buttons {
    pub learning: [i64; 4],
    pub review: [i64; 4],
}

/// True retention over one week (review cards' answers that were not Again).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekRetention {
    /// The week's first study day.
    pub from: String,
    pub passed: i64,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History {
    /// The last `days` study days, oldest first (days without answers included).
    pub days: Vec<HistoryDay>,
    /// Answers per day over the last year, for the calendar (days without answers left out).
    pub year: Vec<HistoryDay>,
    /// The answers of these days by grade (Again, Hard, Good, Easy): to cards in learning, and
    /// to review cards.
    pub buttons: Buttons,
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
    pub id: CardId,
    pub deck: String,
    pub kind: crate::model::CardKind,
    pub question: String,
    pub answer: String,
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

/// A share as a whole percentage, `–` when there is none (as both renderers show it).
pub fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "–".into(), |r| format!("{:.0}%", r * 100.0))
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
    let cfg = scheduler.config();
    let now = opts.now;
    let today = scheduler.study_day(now);
    let history_days = i64::from(opts.days.max(1));

    // The decks asked for, each with its sub-decks.
    let decks = store.decks()?;
    let all_decks = decks.len();
    let chosen: Vec<(DeckId, String)> = decks
        .into_iter()
        .filter(|(_, name)| opts.decks.is_empty() || opts.decks.iter().any(|f| covers(f, name)))
        .collect();
    let deck_ids: Vec<DeckId> = chosen.iter().map(|(id, _)| *id).collect();
    let some_decks = chosen.len() < all_decks;

    // Every day ever answered: the periods, charts and streaks all come from it.
    let per_day = store.answers_per_day(some_decks.then_some(&deck_ids), scheduler)?;

    // One pass over every card: counts, due dates, memory, the hardest cards.
    let mut tally = Tally::new(scheduler, now, &chosen);
    store.for_each_card(|c| tally.add(c))?;

    let today_figures = sections::today(&per_day, today, tally.due_now, tally.due[0]);
    let counts = sections::counts(&tally.counts, &chosen);
    let retention = sections::retention(&per_day, today, f64::from(cfg.desired_retention));
    let forecast = sections::forecast(&tally.due, today);
    let mut history = sections::history(&per_day, today, history_days);
    let since = scheduler.day_start(today - history_days + 1);
    let [learning, review] = store.answer_buttons(since, some_decks.then_some(&deck_ids))?;
    history.buttons = Buttons { learning, review };

    // Hardest cards.
    let details = |picked: Vec<(f64, CardId)>| -> Result<Vec<HardCard>> {
        let ids: Vec<CardId> = picked.iter().map(|&(_, id)| id).collect();
        Ok(store
            .card_details(&ids)?
            .into_iter()
            .map(|t| HardCard {
                retrievability: t
                    .stability
                    .zip(t.last_review)
                    .map(|(s, l)| recall_now(scheduler, s, l, now)),
                leech: t.lapses >= LEECH_LAPSES,
                id: t.id,
                deck: t.deck,
                kind: t.kind,
                question: t.question,
                answer: t.answer,
                context: t.context,
                source: t.source,
                line: t.line,
                lapses: t.lapses,
            })
            .collect())
    };
    let hardest = Hardest {
        most_lapses: details(top(tally.lapsed, HARDEST))?,
        lowest_retrievability: details(top(tally.forgetting, HARDEST))?,
        leeches: tally.leeches,
    };
    let mut memory = tally.memory;
    memory.average_retrievability = (memory.cards > 0).then(|| tally.r_sum / memory.cards as f64);

    Ok(Stats {
        generated_at: now,
        today_date: date_of(today),
        decks: opts.decks.clone(),
        today: today_figures,
        counts,
        retention,
        forecast,
        history,
        memory,
        hardest,
    })
}

/// The probability of recall at `now` of a card with this stability, last reviewed then (FSRS
/// reads no difficulty for it: the one given is a placeholder the formula ignores).
fn recall_now(scheduler: &Scheduler, stability: f64, last_review: i64, now: i64) -> f64 {
    let s = crate::schedule::CardSchedule {
        stability: Some(stability as f32),
        difficulty: Some(5.0),
        last_review: Some(last_review),
        ..crate::schedule::CardSchedule::NEW
    };
    f64::from(scheduler.retrievability(&s, now))
}

/// Adds a candidate to `v`, cut back to the [`HARDEST`] first now and then: a million cards
/// need not be held to pick ten.
fn keep_top(v: &mut Vec<(f64, CardId)>, candidate: (f64, CardId)) {
    if v.len() >= 64 * HARDEST {
        *v = top(std::mem::take(v), HARDEST);
    }
    v.push(candidate);
}

/// The `n` highest keys (ties by lowest id), highest first.
fn top(mut v: Vec<(f64, CardId)>, n: usize) -> Vec<(f64, CardId)> {
    let order = |a: &(f64, CardId), b: &(f64, CardId)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if v.len() > n {
        v.select_nth_unstable_by(n, order);
        v.truncate(n);
    }
    v.sort_by(order);
    v
}

/// What one pass over the cards adds up. Only active cards (neither suspended nor retired)
/// count beyond the state counts.
struct Tally<'a> {
    scheduler: &'a Scheduler,
    now: i64,
    /// When each day of the forecast after today starts (the last: when the forecast ends).
    day_starts: Vec<i64>,
    /// The decks asked for, by id, with their index in `counts`.
    deck_index: Vec<(DeckId, usize)>,
    counts: Vec<StateCounts>,
    /// Studied cards due on each forecast day, from today (overdue ones on today).
    due: Vec<i64>,
    due_now: i64,
    memory: Memory,
    r_sum: f64,
    /// (lapses, id) of cards that lapsed; (elapsed / stability, id) of studied cards.
    lapsed: Vec<(f64, CardId)>,
    forgetting: Vec<(f64, CardId)>,
    leeches: i64,
}

impl<'a> Tally<'a> {
    fn new(scheduler: &'a Scheduler, now: i64, decks: &[(DeckId, String)]) -> Tally<'a> {
        let today = scheduler.study_day(now);
        let mut deck_index: Vec<(DeckId, usize)> =
            decks.iter().enumerate().map(|(i, d)| (d.0, i)).collect();
        deck_index.sort_unstable();
        Tally {
            scheduler,
            now,
            day_starts: (1..=FORECAST_DAYS)
                .map(|d| scheduler.day_start(today + d))
                .collect(),
            deck_index,
            counts: vec![StateCounts::default(); decks.len()],
            due: vec![0; FORECAST_DAYS as usize],
            due_now: 0,
            memory: Memory {
                cards: 0,
                stability: buckets(&["< 1 d", "1–7 d", "7–21 d", "21–90 d", "90 d–1 y", "≥ 1 y"]),
                difficulty: buckets(&[
                    "1–2", "2–3", "3–4", "4–5", "5–6", "6–7", "7–8", "8–9", "9–10",
                ]),
                retrievability: buckets(&[
                    "< 50%", "50–70%", "70–80%", "80–90%", "90–95%", "≥ 95%",
                ]),
                average_retrievability: None,
            },
            r_sum: 0.0,
            lapsed: Vec::new(),
            forgetting: Vec::new(),
            leeches: 0,
        }
    }

    fn add(&mut self, c: &CardFacts) {
        let Ok(at) = self.deck_index.binary_search_by_key(&c.deck_id, |d| d.0) else {
            return;
        };
        let deck = self.deck_index[at].1;
        let counts = &mut self.counts[deck];
        if c.retired {
            counts.retired += 1;
            return;
        }
        if c.suspended {
            counts.suspended += 1;
            return;
        }
        match c.state {
            Phase::New => counts.new += 1,
            Phase::Learning | Phase::Relearning => counts.learning += 1,
            Phase::Review => {
                let interval = c.due.zip(c.last_review).map(|(d, l)| d - l);
                if interval.is_some_and(|i| i >= MATURE_DAYS * DAY_MS) {
                    counts.mature += 1;
                } else {
                    counts.young += 1;
                }
            }
        }
        if c.lapses > 0 {
            keep_top(&mut self.lapsed, (f64::from(c.lapses), c.id));
        }
        self.leeches += i64::from(c.lapses >= LEECH_LAPSES);
        if c.state == Phase::New {
            return;
        }
        if let Some(due) = c.due {
            // The study day it falls on (today for one overdue), if within the forecast.
            let day = self.day_starts.partition_point(|&start| start <= due);
            if let Some(n) = self.due.get_mut(day) {
                *n += 1;
                self.due_now += i64::from(due <= self.now);
            }
        }
        let (Some(stability), Some(last)) = (c.stability, c.last_review) else {
            return;
        };
        if stability > 0.0 {
            keep_top(
                &mut self.forgetting,
                ((self.now - last) as f64 / stability, c.id),
            );
        }
        let m = &mut self.memory;
        m.cards += 1;
        let s_idx = [1.0, 7.0, 21.0, 90.0, 365.0]
            .iter()
            .take_while(|&&b| stability >= b)
            .count();
        m.stability[s_idx].cards += 1;
        // A difficulty not known is counted in no band (not as a middling 5).
        if let Some(difficulty) = c.difficulty {
            let d_idx = ((difficulty.clamp(1.0, 10.0) - 1.0).floor() as usize).min(8);
            m.difficulty[d_idx].cards += 1;
        }
        let r = recall_now(self.scheduler, stability, last, self.now);
        self.r_sum += r;
        let r_idx = [0.5, 0.7, 0.8, 0.9, 0.95]
            .iter()
            .take_while(|&&b| r >= b)
            .count();
        m.retrievability[r_idx].cards += 1;
    }
}

fn buckets(labels: &[&'static str]) -> Vec<Bucket> {
    labels
        .iter()
        .map(|&label| Bucket { label, cards: 0 })
        .collect()
}

#[cfg(test)]
mod tests;
