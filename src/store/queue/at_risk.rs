//! The review cards due before a time that are least likely to be recalled at a moment: a
//! session's reviews, most at risk first. For one FSRS decay, retrievability falls as
//! (now − last review) / stability grows, so cards are ranked by that ratio (then by id).
//!
//! A few thousand due cards are ranked whole, from the covering due index. Many are found by
//! stability band (migration 0012: an index of review cards by band, then last review): in a
//! band the earliest reviewed are the most at risk, and the band's lowest stability bounds the
//! ratio of every card after them. Bands are read best bound first, each only until its bound
//! falls below the n-th card found, so a million due cards cost a few thousand rows. Both ways
//! give the same cards, a test holds them equal.

use crate::model::CardId;
use rusqlite::{params, Connection, OptionalExtension};
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::LazyLock;

/// Fewer due cards than this are ranked whole (about a millisecond per ten thousand).
pub(super) const RANK_ALL_BELOW: usize = 20_000;

/// Banded rows read at most; past them (cards that crowd one ratio) all are ranked instead.
const BAND_ROWS_MAX: usize = 60_000;

/// The ids of the ?3 review cards due before ?1 most at risk at ?2, from the due index.
const RANK_ALL: &str = include_str!("at_risk.sql");

/// How many review cards are due before ?1, counting no further than ?2.
const DUE_UP_TO: &str = include_str!("due_up_to.sql");

/// The band of review cards with a stability of 1e-9 to 1e12 days (as migration 0012 indexes
/// it): put into the queries below as text, so SQLite reads it from the index.
const BAND: &str = include_str!("band.sql");

/// The first band after ?1, with its earliest last review.
static BAND_AFTER: LazyLock<String> = LazyLock::new(|| with_band(include_str!("band_after.sql")));

/// The cards of band ?1, earliest last review first.
static BAND_CARDS: LazyLock<String> = LazyLock::new(|| with_band(include_str!("band_cards.sql")));

/// Review cards due before ?1 without a band, with their ratio at ?2 (NULL when there is
/// none: no stability or last review).
const UNBANDED: &str = include_str!("unbanded.sql");

fn with_band(sql: &str) -> String {
    sql.replace("{band}", BAND.trim())
}

/// The ids of the `n` review cards due before `until` most at risk at `now`, most at risk
/// first.
pub(super) fn at_risk(
    conn: &Connection,
    until: i64,
    now: i64,
    n: usize,
) -> rusqlite::Result<Vec<CardId>> {
    let due: i64 = conn
        .prepare_cached(DUE_UP_TO)?
        .query_row(params![until, RANK_ALL_BELOW as i64], |r| r.get(0))?;
    if due < RANK_ALL_BELOW as i64 || n >= RANK_ALL_BELOW / 4 {
        return rank_all(conn, until, now, n);
    }
    match by_band(conn, until, now, n, BAND_ROWS_MAX)? {
        Some(ids) => Ok(ids),
        None => rank_all(conn, until, now, n),
    }
}

/// Every due card ranked (SQLite keeps the best `n` as it reads).
pub(super) fn rank_all(
    conn: &Connection,
    until: i64,
    now: i64,
    n: usize,
) -> rusqlite::Result<Vec<CardId>> {
    let mut stmt = conn.prepare_cached(RANK_ALL)?;
    let rows = stmt.query_map(params![until, now, n as i64], |r| r.get(0))?;
    rows.collect()
}

/// The same cards, found by band; `None` when more than `max_rows` banded rows would be read.
pub(super) fn by_band(
    conn: &Connection,
    until: i64,
    now: i64,
    n: usize,
    max_rows: usize,
) -> rusqlite::Result<Option<Vec<CardId>>> {
    // Each band with the bound of its first (most at risk) card.
    let mut bands: Vec<(i64, f64)> = Vec::new();
    let mut after = i64::MIN;
    let mut next = conn.prepare_cached(&BAND_AFTER)?;
    while let Some((band, last)) = next
        .query_row([after], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
        .optional()?
    {
        bands.push((band, bound(now, last, lowest_stability(band))));
        after = band;
    }
    bands.sort_by(|a, b| b.1.total_cmp(&a.1));

    let mut top = Top::new(n);
    let mut read = 0;
    let mut cards = conn.prepare_cached(&BAND_CARDS)?;
    for (band, first) in bands {
        if top.shuts_out(first) {
            break; // the later bands' bounds are lower still
        }
        let lowest = lowest_stability(band);
        let mut rows = cards.query([band])?;
        while let Some(r) = rows.next()? {
            read += 1;
            if read > max_rows {
                return Ok(None);
            }
            let (id, last, stability, due): (CardId, i64, f64, Option<i64>) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            if top.shuts_out(bound(now, last, lowest)) {
                break; // this band's later cards were reviewed later
            }
            if due.is_some_and(|d| d < until) {
                let key = ratio(now, last, stability);
                debug_assert!(key <= bound(now, last, lowest), "band {band}: {stability}");
                top.offer(Risk { key: Some(key), id });
            }
        }
    }
    let mut unbanded = conn.prepare_cached(UNBANDED)?;
    let mut rows = unbanded.query(params![until, now])?;
    while let Some(r) = rows.next()? {
        top.offer(Risk {
            id: r.get(0)?,
            key: r.get(1)?,
        });
    }
    Ok(Some(top.into_ids()))
}

/// (now − last) / stability as SQLite works it out in `at_risk.sql`: an integer difference
/// (a real one past the integer range), then a real division.
fn ratio(now: i64, last: i64, stability: f64) -> f64 {
    elapsed(now, last) / stability
}

fn elapsed(now: i64, last: i64) -> f64 {
    match now.checked_sub(last) {
        Some(d) => d as f64,
        None => now as f64 - last as f64,
    }
}

/// The highest ratio a card of a band reviewed at `last` can have: by the band's lowest
/// stability (or 0, for a review after `now`: its ratio is negative).
fn bound(now: i64, last: i64, lowest: f64) -> f64 {
    let e = elapsed(now, last);
    if e >= 0.0 {
        e / lowest
    } else {
        0.0
    }
}

/// Below every stability of a band: printf's two digits `m` at exponent `e` round a value of at
/// least (m − 0.5) × 10^(e−1); (m − 1) × 10^(e−1) leaves room for any rounding of the power.
fn lowest_stability(band: i64) -> f64 {
    let (exponent, digits) = (band.div_euclid(100), band.rem_euclid(100));
    let e = i32::try_from(exponent).unwrap_or(i32::MIN);
    if !(10..=99).contains(&digits) || !(-10..=13).contains(&e) {
        // Not a band the index makes: no bound.
        return f64::MIN_POSITIVE;
    }
    (digits - 1) as f64 * 10f64.powi(e - 1)
}

/// A card's place in the order: the higher ratio first (none last), then the lower id.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Risk {
    key: Option<f64>,
    id: CardId,
}

impl Eq for Risk {}

impl Ord for Risk {
    /// Greater is later in the order (less at risk): the heap's top is the card to drop.
    fn cmp(&self, o: &Self) -> Ordering {
        let by_key = match (self.key, o.key) {
            (Some(a), Some(b)) => b.partial_cmp(&a).unwrap_or(Ordering::Equal),
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (None, None) => Ordering::Equal,
        };
        by_key.then(self.id.cmp(&o.id))
    }
}

impl PartialOrd for Risk {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// The `n` most at-risk cards offered so far.
struct Top {
    n: usize,
    heap: BinaryHeap<Risk>,
}

impl Top {
    fn new(n: usize) -> Self {
        Top {
            n,
            heap: BinaryHeap::with_capacity(n.min(RANK_ALL_BELOW) + 1),
        }
    }

    fn offer(&mut self, r: Risk) {
        if self.heap.len() < self.n {
            self.heap.push(r);
        } else if self.heap.peek().is_some_and(|worst| r < *worst) {
            self.heap.pop();
            self.heap.push(r);
        }
    }

    /// No card with a ratio of at most `bound` can enter any more.
    fn shuts_out(&self, bound: f64) -> bool {
        self.n == 0
            || (self.heap.len() >= self.n
                && self
                    .heap
                    .peek()
                    .and_then(|worst| worst.key)
                    .is_some_and(|k| bound < k))
    }

    /// Most at risk first.
    fn into_ids(self) -> Vec<CardId> {
        self.heap
            .into_sorted_vec()
            .into_iter()
            .map(|r| r.id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    const NOW: i64 = 1_795_510_800_000;
    const DAY: i64 = 86_400_000;

    /// A small seeded generator (xorshift*), enough to vary the cards.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn unit(&mut self) -> f64 {
            (self.next() >> 11) as f64 / (1u64 << 53) as f64
        }
        fn one_in(&mut self, n: u64) -> bool {
            self.next() % n == 0
        }
    }

    /// `n` cards in every shape a review card's state can take: stabilities from minutes to
    /// a century and out of any band (none, zero, negative, tiny, huge), reviews long ago,
    /// missing or after `NOW`, some due later, some in learning, and twins (the same ratio:
    /// the id decides).
    fn cards(store: &Store, n: i64, seed: u64) {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let deck = store.deck_id("d", 1).unwrap();
        let mut previous: Option<(Option<f64>, Option<i64>, Option<i64>)> = None;
        for id in 1..=n {
            store
                .conn
                .execute(
                    "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, created_at, updated_at, studied) \
                     VALUES (?1, ?2, ?3, 'basic', ?3, 'a', 1, ?1, 1, 1, 1)",
                    params![id, deck, format!("q{id}")],
                )
                .unwrap();
            let (stability, last, due) = match previous {
                Some(twin) if rng.one_in(10) => twin,
                _ => {
                    let stability = match rng.next() % 50 {
                        0 => None,
                        1 => Some(0.0),
                        2 => Some(-3.0),
                        3 => Some(1e-12),
                        4 => Some(1e15),
                        // Log-uniform from 0.001 to 40,000 days.
                        _ => Some(10f64.powf(-3.0 + 7.6 * rng.unit())),
                    };
                    let last = match rng.next() % 40 {
                        0 => None,
                        1 => Some(NOW + (rng.unit() * 3.0 * DAY as f64) as i64),
                        _ => Some(NOW - (rng.unit() * 400.0 * DAY as f64) as i64),
                    };
                    let interval = stability.unwrap_or(1.0).clamp(0.0, 1e5) * DAY as f64;
                    let due = match rng.next() % 30 {
                        0 => None,
                        _ => {
                            Some(last.unwrap_or(NOW) + (interval * (0.2 + 1.6 * rng.unit())) as i64)
                        }
                    };
                    (stability, last, due)
                }
            };
            previous = Some((stability, last, due));
            let state = match rng.next() % 12 {
                0 => "learning",
                1 => "relearning",
                _ => "review",
            };
            store
                .conn
                .execute(
                    "INSERT INTO card_state (card_id, state, due, stability, difficulty, last_review, reps) \
                     VALUES (?1, ?2, ?3, ?4, 5.0, ?5, 2)",
                    params![id, state, due, stability, last],
                )
                .unwrap();
        }
    }

    #[test]
    fn bands_find_the_cards_ranking_them_all_does() {
        for seed in 1..=4 {
            let store = Store::open_in_memory().unwrap();
            cards(&store, 3000, seed);
            for until in [NOW - 30 * DAY, NOW + DAY, NOW + 400 * DAY] {
                for n in [1, 2, 10, 100, 1000, 5000] {
                    let all = rank_all(&store.conn, until, NOW, n).unwrap();
                    let banded = by_band(&store.conn, until, NOW, n, usize::MAX).unwrap();
                    assert_eq!(banded, Some(all), "seed {seed}, until {until}, n {n}");
                }
            }
        }
    }

    #[test]
    fn bands_read_a_few_cards_of_many_and_give_up_past_their_limit() {
        let store = Store::open_in_memory().unwrap();
        cards(&store, 5000, 9);
        let all = rank_all(&store.conn, NOW + DAY, NOW, 20).unwrap();
        // 20 of about 4,000 due cards, reading at most 1,000 banded rows: found.
        let banded = by_band(&store.conn, NOW + DAY, NOW, 20, 1000).unwrap();
        assert_eq!(banded, Some(all));
        // 3,000 of them cannot be found in 1,000 rows.
        assert_eq!(
            by_band(&store.conn, NOW + DAY, NOW, 3000, 1000).unwrap(),
            None
        );
        // Through the front door, which ranks so few whole.
        assert_eq!(
            at_risk(&store.conn, NOW + DAY, NOW, 3000).unwrap(),
            rank_all(&store.conn, NOW + DAY, NOW, 3000).unwrap()
        );
    }

    #[test]
    fn the_bands_are_read_from_the_index_alone() {
        let store = Store::open_in_memory().unwrap();
        let plan = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> String {
            let rows: Vec<String> = store
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map(params, |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            rows.join(" | ")
        };
        // Searched by the band itself (the index's expression, `<expr>`), in index order: a
        // band written otherwise than the index has it would be a scan and a sort.
        for sql in [BAND_AFTER.as_str(), BAND_CARDS.as_str()] {
            let p = plan(sql, &[&0]);
            assert!(
                p.contains("COVERING INDEX card_state_risk (state=? AND <expr>"),
                "{p}"
            );
            assert!(!p.contains("TEMP B-TREE"), "{p}");
        }
        let p = plan(UNBANDED, &[&0, &0]);
        assert!(p.contains("INDEX card_state_unbanded (due<?)"), "{p}");
    }

    #[test]
    fn many_due_cards_are_found_by_band_as_ranking_them_all_finds_them() {
        let store = Store::open_in_memory().unwrap();
        cards(&store, RANK_ALL_BELOW as i64 * 2, 3);
        let due: i64 = (store.conn)
            .query_row(DUE_UP_TO, params![NOW + DAY, i64::MAX], |r| r.get(0))
            .unwrap();
        assert!(due >= RANK_ALL_BELOW as i64, "{due} due: ranked whole");
        for n in [1, 50, 266] {
            assert_eq!(
                at_risk(&store.conn, NOW + DAY, NOW, n).unwrap(),
                rank_all(&store.conn, NOW + DAY, NOW, n).unwrap()
            );
        }
    }

    #[test]
    fn a_band_holds_no_stability_below_its_lowest() {
        let store = Store::open_in_memory().unwrap();
        let band_of = |s: f64| -> i64 {
            store
                .conn
                .query_row(
                    &format!("SELECT {} FROM (SELECT ?1 AS stability)", BAND.trim()),
                    [s],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert_eq!(band_of(1.23), 12);
        assert_eq!(band_of(0.0456), -154);
        assert_eq!(band_of(789.0), 279);
        let mut s = 1e-9;
        while s <= 1e12 {
            for x in [s, s * 0.95, s * 0.9501, s * 0.94999] {
                let band = band_of(x);
                assert!(lowest_stability(band) <= x, "{x} in band {band}");
                assert!(lowest_stability(band) > x * 0.8, "{x} in band {band}");
            }
            s *= 1.0371;
        }
    }
}
