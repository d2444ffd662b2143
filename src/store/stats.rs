//! The queries behind `recall stats`: answers per study day (from the `answer_buckets` cache,
//! or from the log itself), one pass over every card's flags and scheduling state, and the
//! details of a few cards. Arithmetic on them lives in `stats`.
//!
//! A study day is `(time_ms / 1000 + shift) / 86400` (floored) where `shift` is the UTC offset
//! minus the day-start hour, in seconds (see `schedule::Scheduler::study_day`).

use super::Store;
use crate::error::Result;
use crate::model::{CardId, CardKind, DeckId};
use crate::schedule::{Phase, Scheduler};
use rusqlite::OptionalExtension;

/// Young cards are on intervals shorter than this (Anki's definition).
pub const MATURE_DAYS: i64 = 21;

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
    /// Answers to relearning cards (lapsed, in their relearning steps).
    pub relearning: i64,
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

/// What statistics need of one card: its flags and, once studied, its scheduling state.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CardFacts {
    pub id: CardId,
    pub deck_id: DeckId,
    pub suspended: bool,
    pub retired: bool,
    /// new | learning | review | relearning (a card never answered is `new`).
    pub state: Phase,
    pub due: Option<i64>,
    pub stability: Option<f64>,
    pub difficulty: Option<f64>,
    pub last_review: Option<i64>,
    pub lapses: u32,
}

/// A card that troubles the learner.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Trouble {
    pub id: CardId,
    pub deck: String,
    pub kind: CardKind,
    pub question: String,
    pub answer: String,
    pub context: String,
    pub source: Option<String>,
    pub line: i64,
    pub lapses: u32,
    pub stability: Option<f64>,
    pub last_review: Option<i64>,
}

const BUCKETS: &str = include_str!("stats/buckets.sql");

/// Every answer that counts, one row each.
const ANSWERS: &str = include_str!("stats/answers.sql");

/// The same for some decks only (?1: JSON array of deck ids), read card by card.
const ANSWERS_OF_DECKS: &str = include_str!("stats/answers_of_decks.sql");
const BUTTONS: &str = include_str!("stats/buttons.sql");
/// The same from the per-quarter-hour cache, from bucket ?1 on: Again to Easy in learning, then
/// in review.
const BUTTONS_OF_BUCKETS: &str = include_str!("stats/buttons_of_buckets.sql");

const STALE_BUCKETS: &str = include_str!("stats/stale_buckets.sql");

pub(super) const REBUILD_BUCKETS: &str = include_str!("stats/rebuild_buckets.sql");
const ADD_BUCKETS: &str = include_str!("stats/add_buckets.sql");
const ANSWER_TRIGGER: &str = include_str!("stats/answer_trigger.sql");

/// The per-quarter-hour answer totals of answers appended together, counted here rather than
/// by the `answer_buckets_answer` trigger row by row (see [`Store::with_answers_counted`]). The
/// figures are the `answer_figures` view's (migration 0009), kept equal to it by a test.
#[derive(Debug, Default)]
pub struct AppendedTotals(std::collections::HashMap<i64, [i64; 15]>);

impl AppendedTotals {
    /// Counts one answer logged at `at` (Unix ms) that is not undone.
    pub fn add(
        &mut self,
        at: i64,
        rating: crate::schedule::Rating,
        duration_ms: i64,
        state_before: Phase,
        due_before: Option<i64>,
        last_review_before: Option<i64>,
    ) {
        // The view's `COALESCE(due_before - last_review_before, 0)`, without overflow.
        let interval = match (due_before, last_review_before) {
            (Some(due), Some(last)) => i128::from(due) - i128::from(last),
            _ => 0,
        };
        let review = state_before == Phase::Review;
        let young = review && interval < i128::from(MATURE_DAYS * 86_400_000);
        let mature = review && !young;
        let passed = rating != crate::schedule::Rating::Again;
        let button = |r: crate::schedule::Rating, in_review: bool| {
            i64::from(rating == r && review == in_review)
        };
        use crate::schedule::Rating::{Easy, Good, Hard};
        let add = [
            1,
            i64::from(!passed),
            duration_ms,
            i64::from(state_before == Phase::New),
            i64::from(young),
            i64::from(young && passed),
            i64::from(mature),
            i64::from(mature && passed),
            i64::from(state_before == Phase::Relearning),
            button(Hard, false),
            button(Good, false),
            button(Easy, false),
            button(Hard, true),
            button(Good, true),
            button(Easy, true),
        ];
        // SQLite's integer division truncates toward zero, as Rust's does.
        let bucket = self.0.entry(at / 900_000).or_default();
        for (total, n) in bucket.iter_mut().zip(add) {
            *total = total.wrapping_add(n);
        }
    }
}

const DECKS: &str = include_str!("stats/decks.sql");

/// Both in card id order, merged in Rust: two scans instead of 100,000 lookups.
const CARD_DECKS: &str = include_str!("stats/card_decks.sql");
/// The lowest and highest card id.
const CARD_ID_RANGE: &str = include_str!("stats/card_id_range.sql");

/// Card ids up to this are placed by id (at most 32 MiB of slots), not sorted.
const DENSE_CARD_IDS: i64 = 8 << 20;

/// Every card's deck: by id in slots (a number in `decks` each, `u32::MAX` for no card), or
/// as pairs sorted by id.
enum CardDecks {
    Slots(Vec<u32>, Vec<DeckId>),
    Sorted(Vec<(CardId, DeckId)>),
}

impl CardDecks {
    /// (card, deck), in card id order.
    fn iter(&self) -> Box<dyn Iterator<Item = (CardId, DeckId)> + '_> {
        match self {
            CardDecks::Slots(slots, decks) => Box::new(
                (slots.iter().enumerate())
                    .filter(|(_, &d)| d != u32::MAX)
                    .map(|(id, &d)| (CardId(id as i64), decks[d as usize])),
            ),
            CardDecks::Sorted(pairs) => Box::new(pairs.iter().copied()),
        }
    }
}
const INACTIVE_CARDS: &str = include_str!("stats/inactive_cards.sql");
const CARD_STATES: &str = include_str!("stats/card_states.sql");

const CARD_DETAILS: &str = include_str!("stats/card_details.sql");

impl Store {
    /// Answers per study day (as `scheduler` counts days), oldest day first: from the
    /// per-quarter-hour cache, or from the log itself for some decks only or a zone whose
    /// offset is not whole quarter hours.
    pub fn answers_per_day(
        &self,
        deck_ids: Option<&[DeckId]>,
        scheduler: &Scheduler,
    ) -> Result<Vec<DayAnswers>> {
        if deck_ids.is_none() && scheduler.config().zone.whole_quarter_hours() {
            self.run(|| {
                let mut stmt = self.conn.prepare_cached(BUCKETS)?;
                let rows = stmt.query([])?;
                add_up_per_day(rows, scheduler)
            })
        } else {
            self.answers_per_day_from_log(deck_ids, scheduler)
        }
    }

    /// Answers per study day read from the log, one row at a time.
    pub fn answers_per_day_from_log(
        &self,
        deck_ids: Option<&[DeckId]>,
        scheduler: &Scheduler,
    ) -> Result<Vec<DayAnswers>> {
        self.run(|| match deck_ids {
            None => {
                let mut stmt = self.conn.prepare_cached(ANSWERS)?;
                let rows = stmt.query([])?;
                add_up_per_day(rows, scheduler)
            }
            Some(ids) => {
                let ids = serde_json::to_string(ids).unwrap_or_default();
                let mut stmt = self.conn.prepare_cached(ANSWERS_OF_DECKS)?;
                let rows = stmt.query([ids])?;
                add_up_per_day(rows, scheduler)
            }
        })
    }

    /// Answers since `since` (Unix milliseconds) by grade, 1 (Again) to 4 (Easy): `[0]` those
    /// to cards in learning (new, learning, relearning), `[1]` to review cards; of these decks
    /// only, when given. From the per-quarter-hour cache when `since` starts a quarter hour
    /// and all decks are asked for, else from the log.
    pub fn answer_buttons(&self, since: i64, deck_ids: Option<&[DeckId]>) -> Result<[[i64; 4]; 2]> {
        if deck_ids.is_none() && since > 0 && since % 900_000 == 0 {
            return self.run(|| {
                self.conn
                    .prepare_cached(BUTTONS_OF_BUCKETS)?
                    .query_row([since / 900_000], |r| {
                        let mut out = [[0i64; 4]; 2];
                        for (i, n) in out.iter_mut().flatten().enumerate() {
                            *n = r.get(i)?;
                        }
                        Ok(out)
                    })
            });
        }
        self.answer_buttons_from_log(since, deck_ids)
    }

    /// [`Store::answer_buttons`], read from the log.
    pub fn answer_buttons_from_log(
        &self,
        since: i64,
        deck_ids: Option<&[DeckId]>,
    ) -> Result<[[i64; 4]; 2]> {
        let ids = deck_ids.map(|ids| serde_json::to_string(ids).unwrap_or_default());
        self.run(|| {
            let mut stmt = self.conn.prepare_cached(BUTTONS)?;
            let mut rows = stmt.query(rusqlite::params![since, ids])?;
            let mut out = [[0i64; 4]; 2];
            while let Some(r) = rows.next()? {
                let rating: crate::schedule::Rating = r.get(0)?;
                let review: bool = r.get(1)?;
                out[usize::from(review)][rating as usize - 1] += r.get::<_, i64>(2)?;
            }
            Ok(out)
        })
    }

    /// Runs `f` (inside a write transaction) with the trigger that counts each appended answer
    /// into `answer_buckets` set aside, and adds the totals `f` counts instead: for appending
    /// thousands of answers at once (the trigger costs an upsert per answer). Undos are still
    /// counted by their own trigger. A database without the trigger counts nothing, as before.
    /// Under a savepoint: if `f` fails, what it wrote and the trigger's removal are undone.
    pub fn with_answers_counted<T>(
        &self,
        f: impl FnOnce(&mut AppendedTotals) -> Result<T>,
    ) -> Result<T> {
        let trigger: Option<String> = self.run(|| {
            self.conn
                .prepare_cached(ANSWER_TRIGGER)?
                .query_row([], |r| r.get(0))
                .optional()
        })?;
        let Some(trigger) = trigger else {
            return f(&mut AppendedTotals::default());
        };
        // Under a savepoint: whatever fails, the trigger is back (inside a transaction or not).
        let mut out = None;
        self.with_savepoint(|| {
            self.run(|| {
                self.conn
                    .execute_batch("DROP TRIGGER answer_buckets_answer")
            })?;
            let mut totals = AppendedTotals::default();
            out = Some(f(&mut totals)?);
            self.run(|| {
                let mut add = self.conn.prepare_cached(ADD_BUCKETS)?;
                for (bucket, t) in &totals.0 {
                    add.execute(rusqlite::params![
                        bucket, t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10],
                        t[11], t[12], t[13], t[14]
                    ])?;
                }
                self.conn.execute_batch(&trigger)
            })?;
            Ok(true)
        })?;
        Ok(out.expect("set when the savepoint is kept"))
    }

    /// Does the `answer_buckets` cache equal what the log adds up to?
    pub fn answer_buckets_match_log(&self) -> Result<bool> {
        self.conn
            .query_row(STALE_BUCKETS, [], |r| r.get::<_, i64>(0))
            .map(|n| n == 0)
            .map_err(|e| self.err(e))
    }

    /// Every deck: (id, name), by name.
    pub fn decks(&self) -> Result<Vec<(DeckId, String)>> {
        self.run(|| -> rusqlite::Result<Vec<(DeckId, String)>> {
            let mut stmt = self.conn.prepare_cached(DECKS)?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect()
        })
    }

    /// Calls `f` with every card's facts, in card id order.
    pub fn for_each_card(&self, mut f: impl FnMut(&CardFacts)) -> Result<()> {
        self.run(|| -> rusqlite::Result<()> {
            let decks = self.card_decks()?;
            let mut inactive = self.conn.prepare_cached(INACTIVE_CARDS)?;
            let mut inactive = inactive.query([])?;
            let mut off = inactive.next()?;
            let mut states = self.conn.prepare_cached(CARD_STATES)?;
            let mut states = states.query([])?;
            let mut state = states.next()?;
            for (id, deck_id) in decks.iter() {
                let mut card = CardFacts {
                    id,
                    deck_id,
                    ..CardFacts::default()
                };
                while let Some(o) = off {
                    let oid: CardId = o.get(0)?;
                    if oid > id {
                        break;
                    }
                    if oid == id {
                        card.suspended = o.get(1)?;
                        card.retired = o.get(2)?;
                    }
                    off = inactive.next()?;
                }
                while let Some(s) = state {
                    let id: CardId = s.get(0)?;
                    if id > card.id {
                        break;
                    }
                    if id == card.id {
                        card.state = s.get(1)?;
                        card.due = s.get(2)?;
                        card.stability = s.get(3)?;
                        card.difficulty = s.get(4)?;
                        card.last_review = s.get(5)?;
                        card.lapses = s.get(6)?;
                    }
                    state = states.next()?;
                }
                f(&card);
            }
            Ok(())
        })
    }

    /// Every card's deck, to be read in card id order.
    fn card_decks(&self) -> rusqlite::Result<CardDecks> {
        // From the (deck, key) index: in deck order, so put in id order here.
        let (min_id, max_id): (Option<i64>, Option<i64>) = self
            .conn
            .prepare_cached(CARD_ID_RANGE)?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut stmt = self.conn.prepare_cached(CARD_DECKS)?;
        let mut rows = stmt.query([])?;
        match (min_id, max_id) {
            // Ids as SQLite hands them out, from 1: a slot for each (a deck number, 4 bytes).
            (Some(min), Some(max)) if min >= 0 && max <= DENSE_CARD_IDS => {
                let mut slots = vec![u32::MAX; max as usize + 1];
                let mut decks: Vec<DeckId> = Vec::new();
                while let Some(r) = rows.next()? {
                    let (id, deck): (i64, DeckId) = (r.get(0)?, r.get(1)?);
                    // Rows come deck by deck: a new deck is numbered when it starts.
                    if decks.last() != Some(&deck) {
                        decks.push(deck);
                    }
                    // (A card added since the range was read, by another recall, is placed
                    // too: never out of bounds.)
                    let Ok(at) = usize::try_from(id) else {
                        continue;
                    };
                    if at >= slots.len() {
                        slots.resize(at + 1, u32::MAX);
                    }
                    slots[at] = decks.len() as u32 - 1;
                }
                Ok(CardDecks::Slots(slots, decks))
            }
            _ => {
                let mut pairs: Vec<(CardId, DeckId)> = Vec::new();
                while let Some(r) = rows.next()? {
                    pairs.push((r.get(0)?, r.get(1)?));
                }
                pairs.sort_unstable();
                Ok(CardDecks::Sorted(pairs))
            }
        }
    }

    /// The cards with these ids, in that order, with their deck and source.
    pub fn card_details(&self, ids: &[CardId]) -> Result<Vec<Trouble>> {
        self.run(|| -> rusqlite::Result<Vec<Trouble>> {
            let mut stmt = self.conn.prepare_cached(CARD_DETAILS)?;
            ids.iter()
                .map(|&id| {
                    stmt.query_row([id], |r| {
                        Ok(Trouble {
                            id: r.get(0)?,
                            deck: super::shown_text(r, 1)?,
                            kind: r.get(2)?,
                            question: super::shown_text(r, 3)?,
                            context: super::shown_text(r, 4)?,
                            source: r.get::<_, Option<String>>(5)?.map(crate::text::visible),
                            line: r.get(6)?,
                            lapses: r.get(7)?,
                            stability: r.get(8)?,
                            last_review: r.get(9)?,
                            answer: super::shown_text(r, 10)?,
                        })
                    })
                })
                .collect()
        })
    }
}

impl DayAnswers {
    fn add(&mut self, o: &DayAnswers) {
        self.answers += o.answers;
        self.again += o.again;
        self.time_ms += o.time_ms;
        self.new_cards += o.new_cards;
        self.young += o.young;
        self.young_passed += o.young_passed;
        self.mature += o.mature;
        self.mature_passed += o.mature_passed;
        self.relearning += o.relearning;
    }
}

/// Rows of (time in ms, then the `DayAnswers` counts) added up per study day, oldest first.
/// (SQLite's GROUP BY on a computed day would sort every row first.)
fn add_up_per_day(
    mut rows: rusqlite::Rows<'_>,
    scheduler: &Scheduler,
) -> rusqlite::Result<Vec<DayAnswers>> {
    let mut days: Vec<DayAnswers> = Vec::new();
    let mut index: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    let mut last = usize::MAX;
    while let Some(r) = rows.next()? {
        let at: i64 = r.get(0)?;
        let day = scheduler.study_day(at);
        let n = |i: usize| r.get::<_, i64>(i);
        // Rows mostly come in time order: the day is usually the last one's.
        if days.get(last).is_none_or(|d| d.day != day) {
            last = *index.entry(day).or_insert_with(|| {
                days.push(DayAnswers {
                    day,
                    ..DayAnswers::default()
                });
                days.len() - 1
            });
        }
        days[last].add(&DayAnswers {
            day,
            answers: n(1)?,
            again: n(2)?,
            time_ms: n(3)?,
            new_cards: n(4)?,
            young: n(5)?,
            young_passed: n(6)?,
            mature: n(7)?,
            mature_passed: n(8)?,
            relearning: n(9)?,
        });
    }
    days.sort_by_key(|d| d.day);
    Ok(days)
}
