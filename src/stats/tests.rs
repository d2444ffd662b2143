use super::*;
use crate::schedule::SchedulerConfig;

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;
/// 2026-11-24T12:00:00Z; study days start at 04:00 UTC here.
const NOW: i64 = 1_795_478_400_000 + 12 * HOUR;

fn scheduler() -> Scheduler {
    Scheduler::new(SchedulerConfig::default()).unwrap()
}

/// A hand-built collection whose right answers are worked out in the comments.
fn collection() -> Store {
    let store = Store::open_in_memory().unwrap();
    let a = store.deck_id("a", 1).unwrap();
    let b = store.deck_id("b", 1).unwrap();
    let c = &store.conn;
    let card = |id: i64, deck: crate::model::DeckId, suspended: i64, retired: Option<i64>| {
        c.execute(
            "INSERT INTO cards (id, deck_id, key, kind, question, answer, context, line, position, \
             suspended, retired_at, created_at, updated_at) \
             VALUES (?1, ?2, ?3, 'basic', ?3, 'a', 'ctx', ?1, ?1, ?4, ?5, 1, 1)",
            rusqlite::params![id, deck, format!("q{id}"), suspended, retired],
        )
        .unwrap();
    };
    for (id, deck) in [(1, a), (2, a), (3, a), (4, a), (5, b)] {
        card(id, deck, 0, None);
    }
    card(6, a, 1, None); // suspended, new
    card(7, b, 0, Some(1)); // retired
                            // state, due, stability, last review, lapses
    let state = |id: i64, st: &str, due: i64, stability: f64, last: i64, lapses: i64| {
        c.execute(
            "INSERT INTO card_state (card_id, state, due, stability, difficulty, last_review, reps, lapses) \
             VALUES (?1, ?2, ?3, ?4, 5.0, ?5, 3, ?6)",
            rusqlite::params![id, st, due, stability, last, lapses],
        )
        .unwrap();
    };
    state(1, "review", NOW + 2 * DAY, 2.3, NOW - 2 * HOUR, 0); // young (2 d), due in 2 days
    state(2, "relearning", NOW + 10 * 60_000, 0.5, NOW - HOUR, 9); // learning, due later today, a leech
    state(3, "review", NOW + 30 * DAY, 30.0, NOW - HOUR / 2, 0); // mature (30 d), due beyond 30 days
    state(4, "review", NOW - HOUR, 5.0, NOW - 5 * DAY - HOUR, 2); // young, overdue: due now
                                                                  // The log: (card, time, rating, state before, interval before in days, undone)
    let review = |card: i64, at: i64, rating: i64, before: &str, ivl_days: i64, undone: bool| {
        c.execute(
            "INSERT INTO reviews (card_id, reviewed_at, rating, duration_ms, state_before, due_before, \
             last_review_before, state_after, undone_at) VALUES (?1, ?2, ?3, 5000, ?4, ?5, ?6, 'review', ?7)",
            rusqlite::params![card, at, rating, before, at, at - ivl_days * DAY, undone.then_some(at)],
        )
        .unwrap();
    };
    review(1, NOW - 2 * HOUR, 3, "new", 0, false); // today: a new card learned
    review(2, NOW - HOUR, 1, "review", 10, false); // today: young, Again
    review(2, NOW - HOUR + 1, 3, "review", 10, true); // undone: ignored everywhere
    review(3, NOW - HOUR / 2, 3, "review", 30, false); // today: mature, passed
    review(3, NOW - 3 * DAY, 4, "review", 25, false); // 3 study days ago: mature, passed
                                                      // 2026-11-23 02:00Z is before 04:00: it counts for the 22nd, two study days ago.
    review(4, NOW - DAY - 10 * HOUR, 2, "review", 5, false);
    review(5, NOW - 400 * DAY, 3, "new", 0, false); // long ago: outside every period
    store
}

fn stats() -> Stats {
    compute(
        &collection(),
        &scheduler(),
        &Options {
            decks: vec![],
            days: 7,
            now: NOW,
        },
    )
    .unwrap()
}

#[test]
fn today() {
    let t = stats().today;
    // Cards 1 (new), 2 (Again) and 3; the undone answer is not counted.
    assert_eq!((t.answers, t.new_learned, t.time_ms), (3, 1, 15_000));
    assert_eq!(t.again_rate, Some(1.0 / 3.0));
    // Card 4 is overdue (due now); card 2 comes back in 10 minutes.
    assert_eq!((t.due_now, t.due_later_today), (1, 1));
}

#[test]
fn counts_by_state_and_deck() {
    let c = stats().counts;
    let a = &c.per_deck[0];
    assert_eq!(
        (
            a.deck.as_str(),
            a.new,
            a.learning,
            a.young,
            a.mature,
            a.suspended,
            a.retired
        ),
        ("a", 0, 1, 2, 1, 1, 0)
    );
    let b = &c.per_deck[1];
    assert_eq!((b.deck.as_str(), b.new, b.retired), ("b", 1, 1));
    assert_eq!(
        (c.total.new, c.total.learning, c.total.young, c.total.mature),
        (1, 1, 2, 1)
    );
}

#[test]
fn true_retention_by_period() {
    let r = stats().retention;
    assert_eq!(r.desired, 0.9f32 as f64);
    let day = &r.periods[0];
    // Today: card 2 young Again, card 3 mature passed.
    assert_eq!(
        (
            day.young.passed,
            day.young.total,
            day.mature.passed,
            day.mature.total
        ),
        (0, 1, 1, 1)
    );
    assert_eq!(day.all.rate, Some(0.5));
    let week = &r.periods[1];
    // + card 3 three days ago (mature, passed) and card 4 two days ago (young, Hard: passed).
    assert_eq!(
        (
            week.young.passed,
            week.young.total,
            week.mature.passed,
            week.mature.total
        ),
        (1, 2, 2, 2)
    );
    assert_eq!(week.all.rate, Some(0.75));
    let year = &r.periods[3];
    assert_eq!(
        year.all.total, 4,
        "the answer 400 days ago is outside the year"
    );
}

#[test]
fn forecast_of_the_next_thirty_days() {
    let f = stats().forecast;
    assert_eq!(f.days.len(), 30);
    assert_eq!(f.days[0].due, 2, "overdue card 4 and card 2 later today");
    assert_eq!(f.days[2].due, 1, "card 1 in two days");
    assert_eq!(f.total, 3, "card 3, due in 30 days, is past the window");
    assert_eq!(f.days[0].date, "2026-11-24");
}

#[test]
fn history_and_streaks() {
    let h = stats().history;
    assert_eq!(h.days.len(), 7);
    let answers: Vec<i64> = h.days.iter().map(|d| d.answers).collect();
    // 18th..24th: one answer on the 21st, one on the 22nd, three today.
    assert_eq!(answers, [0, 0, 0, 1, 1, 0, 3]);
    assert_eq!(h.days[6].again, 1);
    // Answers on the 21st, 22nd and 24th: today's streak is 1, the longest 2.
    assert_eq!((h.current_streak, h.longest_streak), (1, 2));
    assert_eq!(h.seconds_per_answer, Some(5.0));
    assert_eq!(h.year.len(), 3);
}

#[test]
fn memory_distributions() {
    let m = stats().memory;
    assert_eq!(m.cards, 4);
    let s: Vec<i64> = m.stability.iter().map(|b| b.cards).collect();
    assert_eq!(s, [1, 2, 0, 1, 0, 0], "0.5 d; 2.3 d and 5 d; 30 d");
    assert_eq!(m.difficulty[4].cards, 4, "all at difficulty 5");
    let avg = m.average_retrievability.unwrap();
    assert!(avg > 0.9 && avg < 1.0, "{avg}");
}

#[test]
fn hardest_cards() {
    let h = stats().hardest;
    let lapses: Vec<(i64, u32, bool)> = h
        .most_lapses
        .iter()
        .map(|c| (c.id.0, c.lapses, c.leech))
        .collect();
    assert_eq!(lapses, [(2, 9, true), (4, 2, false)]);
    assert_eq!(h.leeches, 1);
    assert_eq!(
        h.lowest_retrievability[0].id.0, 4,
        "overdue on a short stability"
    );
}

#[test]
fn deck_filter() {
    let s = compute(
        &collection(),
        &scheduler(),
        &Options {
            decks: vec!["b".into()],
            days: 7,
            now: NOW,
        },
    )
    .unwrap();
    assert_eq!(s.counts.per_deck.len(), 1);
    assert_eq!(s.today.answers, 0);
    assert_eq!(s.memory.cards, 0);
}

#[test]
fn card_ids_far_apart_count_as_ids_close_together() {
    // Card ids up to a few million are placed by id, others sorted: the same figures.
    let with_card = |id: i64| {
        let store = collection();
        let b = store.deck_id("b", 1).unwrap();
        store
            .conn
            .execute(
                "INSERT INTO cards (id, deck_id, key, kind, question, answer, context, line, position, \
                 created_at, updated_at) VALUES (?1, ?2, 'far', 'basic', 'q', 'a', '', 1, 1, 1, 1)",
                rusqlite::params![id, b],
            )
            .unwrap();
        store
            .conn
            .execute(
                "INSERT INTO card_state (card_id, state, due, stability, difficulty, last_review, reps, lapses) \
                 VALUES (?1, 'review', ?2, 40.0, 5.0, ?3, 3, 1)",
                rusqlite::params![id, NOW + DAY, NOW - 30 * DAY],
            )
            .unwrap();
        let opts = Options {
            decks: vec![],
            days: 7,
            now: NOW,
        };
        let s = compute(&store, &scheduler(), &opts).unwrap();
        (s.counts, s.forecast, s.memory, s.hardest.most_lapses.len())
    };
    let near = with_card(8);
    assert_eq!(near, with_card(9_000_000_000));
    assert_eq!(near, with_card(-5));
    let b = near.0.per_deck.iter().find(|d| d.deck == "b").unwrap();
    assert_eq!(b.mature, 1, "{b:?}");
}

#[test]
fn candidates_cut_back_now_and_then_give_the_ten_all_of_them_give() {
    // Keys with many ties (a few values) and ids in no order: the cut keeps the same ten.
    let candidates: Vec<(f64, CardId)> = (0..5000i64)
        .map(|i| (((i * 7919) % 23) as f64, CardId((i * 104_729) % 10_007)))
        .collect();
    let mut kept = Vec::new();
    for &c in &candidates {
        keep_top(&mut kept, c);
    }
    assert!(kept.len() <= 64 * HARDEST + 1, "{}", kept.len());
    assert_eq!(top(kept, HARDEST), top(candidates, HARDEST));
}

#[test]
fn a_difficulty_not_known_is_in_no_band() {
    let store = collection();
    store
        .conn
        .execute(
            "UPDATE card_state SET difficulty = NULL WHERE card_id = 3",
            [],
        )
        .unwrap();
    let s = compute(
        &store,
        &scheduler(),
        &Options {
            decks: vec![],
            days: 7,
            now: NOW,
        },
    )
    .unwrap();
    // Four cards with a memory, three with a known difficulty (not four at a middling 5).
    assert_eq!(s.memory.cards, 4);
    let banded: i64 = s.memory.difficulty.iter().map(|b| b.cards).sum();
    assert_eq!(banded, 3);
    // The simulator will not read such a card as one of difficulty 5: its row is refused.
    assert!(store.simulation_collection(20, 200, 36500).is_err());
}
