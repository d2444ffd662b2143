//! The day's plan: which cards today's review shows, worked out once from the store, the
//! configuration and the time. `recall review` studies it; the status line, `recall due`,
//! `recall decks` and the "today" part of `recall stats` count it, so their figures agree by
//! construction.
//!
//! The plan holds the learning cards due before the day ends (never cut), the studied cards due
//! today within the review limits (the least likely to be recalled first), and the new cards in
//! note order within the new-card limits. The global `[review]` limits and each `[decks."…"]`
//! limit (over a deck and its sub-decks) count what was answered earlier today. Siblings (the
//! cards of one block) are never shown on the same day: a card whose sibling was answered today,
//! or is already in the plan, is left for another day and takes no place of a limit.

use crate::config::Config;
use crate::error::Result;
use crate::model::covers;
use crate::review::session::{order_reviews, Counts, Session};
use crate::schedule::Scheduler;
use crate::store::decks::{DeckCounts, DeckDue};
use crate::store::queue::{QueueFilter, ReviewCard};
use crate::store::Store;
use std::collections::HashSet;

/// Today's cards, in the order a session takes them.
#[derive(Debug, Clone)]
pub struct DayPlan {
    /// Unix milliseconds the plan was made at.
    pub now: i64,
    /// The study day, and when it starts and ends (Unix milliseconds).
    pub today: i64,
    pub day_start: i64,
    pub day_end: i64,
    /// Learning and relearning cards due before the day ends, earliest first.
    pub learning: Vec<ReviewCard>,
    /// Studied cards due today, within the limits, the most at risk first.
    pub reviews: Vec<ReviewCard>,
    /// New cards within the limits, in note order.
    pub new: Vec<ReviewCard>,
    /// Sibling groups with a card answered earlier today.
    pub answered_groups: Vec<(i64, i64)>,
    /// New cards seen and studied cards reviewed earlier today (what the limits count: not
    /// learning steps, not undone answers).
    pub answered_today: usize,
}

/// What is left today of one deck (its own cards, not its sub-decks').
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct DeckToday {
    pub name: String,
    pub new: usize,
    pub learning: usize,
    pub review: usize,
    /// Learning and review cards due now.
    pub due_now: usize,
    /// Learning and review cards due later today.
    pub due_later: usize,
}

impl DayPlan {
    /// The plan for the study day holding `now`, over the cards `filter` lets through.
    pub fn build(
        store: &Store,
        config: &Config,
        scheduler: &Scheduler,
        filter: &QueueFilter,
        now: i64,
    ) -> Result<DayPlan> {
        let today = scheduler.study_day(now);
        let (start, end) = (scheduler.day_start(today), scheduler.day_start(today + 1));
        // Answers of this study day only: one a clock set back dated later is not today's.
        let (new_seen, reviewed) = store.answered_between(start, end)?;
        let by_deck = store.answered_between_by_deck(start, end)?;
        let answered_groups = store.groups_answered_between(start, end)?;
        let limits = Limits::new(config, &by_deck);

        let mut learning = store.learning_cards(filter, today, end)?;
        learning.sort_by_key(|c| (c.schedule.due, c.id));
        // One card a day from each sibling group: the ones answered today, then the learning
        // cards, take their groups first.
        let mut groups: HashSet<(i64, i64)> = answered_groups.iter().copied().collect();
        groups.extend(learning.iter().filter_map(ReviewCard::block));

        let review_limit = config.review.reviews_per_day.saturating_sub(reviewed);
        let reviews = fill(review_limit, limits.reviews.clone(), &mut groups, |n| {
            let mut cards = store.review_cards(filter, today, end, now, n)?;
            order_reviews(scheduler, &mut cards, now);
            Ok(cards)
        })?;
        let new_limit = config.review.new_per_day.saturating_sub(new_seen);
        let new = fill(new_limit, limits.new.clone(), &mut groups, |n| {
            store.new_cards(filter, today, n)
        })?;
        Ok(DayPlan {
            now,
            today,
            day_start: start,
            day_end: end,
            learning,
            reviews,
            new,
            answered_groups,
            answered_today: new_seen + reviewed,
        })
    }

    /// Cards left today, by kind.
    pub fn counts(&self) -> Counts {
        Counts {
            new: self.new.len(),
            learning: self.learning.len(),
            review: self.reviews.len(),
        }
    }

    /// Learning and review cards due now (the rest of them come due later today).
    pub fn due_now(&self) -> usize {
        self.learning
            .iter()
            .chain(&self.reviews)
            .filter(|c| c.schedule.due.is_none_or(|d| d <= self.now))
            .count()
    }

    /// What is left today per deck, by deck name; decks with nothing left are not listed.
    pub fn by_deck(&self) -> Vec<DeckToday> {
        let mut decks: std::collections::BTreeMap<&str, DeckToday> = Default::default();
        for (cards, kind) in [(&self.learning, 0), (&self.reviews, 1), (&self.new, 2)] {
            for c in cards {
                let d = decks.entry(&c.deck).or_insert_with(|| DeckToday {
                    name: c.deck.clone(),
                    ..DeckToday::default()
                });
                match kind {
                    0 => d.learning += 1,
                    1 => d.review += 1,
                    _ => d.new += 1,
                }
                if kind < 2 {
                    if c.schedule.due.is_none_or(|t| t <= self.now) {
                        d.due_now += 1;
                    } else {
                        d.due_later += 1;
                    }
                }
            }
        }
        decks.into_values().collect()
    }

    /// Every deck with cards, with its totals from the store and its studied cards due today
    /// from this plan (learning and review, within the limits).
    pub fn decks(&self, store: &Store) -> Result<Vec<DeckCounts>> {
        Ok(self.count_decks(store.deck_counts(self.now)?))
    }

    /// [`DayPlan::decks`] from the store's counts (`due` there: every studied card due now).
    pub fn count_decks(&self, mut decks: Vec<DeckCounts>) -> Vec<DeckCounts> {
        let today = self.by_deck();
        for d in &mut decks {
            let t = today.iter().find(|t| t.name == d.name);
            d.due = t.map_or(0, |t| (t.learning + t.review) as i64);
        }
        decks
    }

    /// When each deck's studied cards come due: now and later today as this plan says, the
    /// next study day and the next due time as the store says.
    pub fn due(&self, store: &Store, scheduler: &Scheduler) -> Result<Vec<DeckDue>> {
        let today = self.by_deck();
        let mut decks =
            store.deck_due(self.now, self.day_end, scheduler.day_start(self.today + 2))?;
        for d in &mut decks {
            let t = today.iter().find(|t| t.name == d.name);
            d.now = t.map_or(0, |t| t.due_now as i64);
            d.later_today = t.map_or(0, |t| t.due_later as i64);
        }
        Ok(decks)
    }

    /// The session that studies this plan.
    pub fn session(self, scheduler: &Scheduler) -> Session {
        let mut due = self.learning;
        due.extend(self.reviews);
        Session::new(
            scheduler,
            due,
            self.new,
            self.answered_groups,
            self.now,
            usize::MAX,
        )
    }
}

/// Takes up to `limit` cards from the candidates `fetch(n)` gives (at most `n`, in order),
/// skipping cards whose sibling group is in `groups` (and adding the groups of those taken)
/// and cards over a deck's limit; fetches more while some were skipped and more exist, at most
/// [`MAX_WIDENINGS`] times (a deck whose limit is used up must not make every command read
/// all of its cards).
fn fill(
    limit: usize,
    caps: DeckCaps,
    groups: &mut HashSet<(i64, i64)>,
    fetch: impl Fn(usize) -> Result<Vec<ReviewCard>>,
) -> Result<Vec<ReviewCard>> {
    if limit == 0 {
        return Ok(Vec::new());
    }
    let mut window = if caps.is_empty() {
        limit.saturating_add(limit / 4).saturating_add(16)
    } else {
        limit.saturating_mul(4).saturating_add(100)
    };
    let mut rounds = 0;
    loop {
        let candidates = fetch(window)?;
        let exhausted = candidates.len() < window;
        let mut taken_groups = groups.clone();
        let mut caps = caps.clone();
        let mut kept = Vec::new();
        for card in candidates {
            if kept.len() == limit {
                break;
            }
            if card.block().is_some_and(|b| taken_groups.contains(&b)) {
                continue;
            }
            if caps.admit(&card.deck) {
                taken_groups.extend(card.block());
                kept.push(card);
            }
        }
        rounds += 1;
        if kept.len() == limit || exhausted || rounds > MAX_WIDENINGS {
            *groups = taken_groups;
            return Ok(kept);
        }
        window = window.saturating_mul(4);
    }
}

/// How many times [`fill`] fetches 4× more candidates when siblings or deck limits left places
/// empty: up to 64× the first window.
const MAX_WIDENINGS: usize = 3;

/// The `[decks."…"]` limits with what is left of each today.
struct Limits {
    new: DeckCaps,
    reviews: DeckCaps,
}

impl Limits {
    /// `by_deck`: (deck, new cards seen, studied cards reviewed) today.
    fn new(config: &Config, by_deck: &[(String, usize, usize)]) -> Limits {
        let caps = |limit: fn(&crate::config::DeckSettings) -> Option<usize>,
                    used: fn(&(String, usize, usize)) -> usize| {
            DeckCaps::new(config.decks.iter().filter_map(|(name, d)| {
                let name = name.trim_end_matches('/');
                let used_today = by_deck
                    .iter()
                    .filter(|r| covers(name, &r.0))
                    .map(used)
                    .sum();
                limit(d).map(|l| (name.to_string(), l, used_today))
            }))
        };
        Limits {
            new: caps(|d| d.new_per_day, |r| r.1),
            reviews: caps(|d| d.reviews_per_day, |r| r.2),
        }
    }
}

/// Daily limits of some decks (each over the deck and its sub-decks), with what is left of
/// each today.
#[derive(Debug, Clone, Default)]
pub struct DeckCaps {
    left: Vec<(String, usize)>,
}

impl DeckCaps {
    /// `caps`: (deck, daily limit, used today).
    pub fn new(caps: impl IntoIterator<Item = (String, usize, usize)>) -> DeckCaps {
        DeckCaps {
            left: caps
                .into_iter()
                .map(|(d, limit, used)| (d, limit.saturating_sub(used)))
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.left.is_empty()
    }

    /// Takes a place for a card of `deck` if every limit over it has room.
    pub fn admit(&mut self, deck: &str) -> bool {
        let fits = self
            .left
            .iter()
            .all(|(d, left)| !covers(d, deck) || *left > 0);
        if fits {
            for (d, left) in &mut self.left {
                if covers(d, deck) {
                    *left -= 1;
                }
            }
        }
        fits
    }

    /// Keeps `cards` in order while every limit over a card's deck has room, at most `total`.
    pub fn take(&mut self, cards: Vec<ReviewCard>, total: usize) -> Vec<ReviewCard> {
        let mut kept = Vec::new();
        for card in cards {
            if kept.len() == total {
                break;
            }
            if self.admit(&card.deck) {
                kept.push(card);
            }
        }
        kept
    }
}

#[cfg(test)]
mod tests;
