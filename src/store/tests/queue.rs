use super::*;
use crate::model::CardId;
use crate::store::queue::QueueFilter;

const NOW: i64 = 1_795_510_800_000;
const DAY: i64 = 86_400_000;

/// `n` review cards in deck `deck`, all due; card k was last reviewed k days ago with
/// stability `stability` (lower stability and older reviews are more at risk).
fn reviews(store: &Store, deck: &str, n: i64, stability: f64, first_id: i64) {
    let d = store.deck_id(deck, 1).unwrap();
    for k in 0..n {
        let id = first_id + k;
        store
            .conn
            .execute(
                "INSERT INTO cards (id, deck_id, key, kind, question, answer, line, position, created_at, updated_at, studied) \
                 VALUES (?1, ?2, ?3, 'basic', ?3, 'a', 1, ?1, 1, 1, 1)",
                rusqlite::params![id, d, format!("q{id}")],
            )
            .unwrap();
        store
            .conn
            .execute(
                "INSERT INTO card_state (card_id, state, due, stability, difficulty, last_review, reps) \
                 VALUES (?1, 'review', ?2, ?3, 5.0, ?4, 2)",
                rusqlite::params![id, NOW - DAY, stability, NOW - (k + 1) * DAY],
            )
            .unwrap();
    }
}

#[test]
fn the_most_at_risk_reviews_come_first_and_filters_widen_the_search() {
    let mut store = Store::open_in_memory().unwrap();
    reviews(&store, "a", 100, 1.0, 1); // very much at risk
    reviews(&store, "b", 10, 50.0, 1001); // safer
    let all = store
        .review_cards(&QueueFilter::default(), 0, NOW + DAY, NOW, 5)
        .unwrap();
    let ids: Vec<i64> = all.iter().map(|c| c.id.0).collect();
    assert_eq!(
        ids,
        [100, 99, 98, 97, 96],
        "oldest review with the same stability first"
    );

    // Deck b only: its cards are past the first windows of at-risk ids, but still found.
    let b = QueueFilter {
        decks: vec!["b".into()],
        tag: None,
    };
    let ids: Vec<i64> = store
        .review_cards(&b, 0, NOW + DAY, NOW, 3)
        .unwrap()
        .iter()
        .map(|c| c.id.0)
        .collect();
    assert_eq!(ids, [1010, 1009, 1008]);

    // Suspended cards are skipped without shortening the list.
    store.set_suspended(CardId(100), true, 0).unwrap();
    let ids: Vec<i64> = store
        .review_cards(&QueueFilter::default(), 0, NOW + DAY, NOW, 3)
        .unwrap()
        .iter()
        .map(|c| c.id.0)
        .collect();
    assert_eq!(ids, [99, 98, 97]);
}
