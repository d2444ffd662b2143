//! A review log turned into the `fsrs` crate's training items.
//!
//! Per card: answers taken back (`u`) and answers before the card's last reset do not count;
//! the history starts at the card's last first sight (a card reset or relearned from scratch
//! starts over there, as Anki does); `delta_t` is the number of study days since the
//! previous answer, so same-day learning steps are 0. Each later answer on a new study day
//! (`delta_t > 0`) is one item holding the card's history up to it. Items come in the order
//! their last answers were given, so a time-series split trains on the past and tests on the
//! future. Suspended and retired cards count: their answers were real recalls.

use crate::model::CardId;
use fsrs::{FSRSItem, FSRSReview};

pub use crate::model::LoggedAnswer;

/// Training items with the card each came from (aligned).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Items {
    pub items: Vec<FSRSItem>,
    pub card_ids: Vec<i64>,
    /// Answers that counted (the histories' answers, same-day steps included).
    pub answers: usize,
    /// Cards with at least one item.
    pub cards: usize,
}

/// Converts a log (any order) into items.
pub fn to_items(mut log: Vec<LoggedAnswer>) -> Items {
    log.sort_by_key(|a| (a.card_id, a.at));
    let mut builder = ItemsBuilder::default();
    for card in log.chunk_by(|a, b| a.card_id == b.card_id) {
        builder.add_card(card);
    }
    drop(log);
    builder.finish()
}

/// Items built one card at a time, so a log read card by card is never held whole.
#[derive(Debug, Default)]
pub struct ItemsBuilder {
    /// (time of the item's last answer, card, item)
    out: Vec<(i64, CardId, FSRSItem)>,
    counted: Vec<LoggedAnswer>,
    answers: usize,
    cards: usize,
}

impl ItemsBuilder {
    /// Adds one card's answers (in time order).
    pub fn add_card(&mut self, answers: &[LoggedAnswer]) {
        self.counted.clear();
        self.counted.extend(
            answers
                .iter()
                .filter(|a| a.counts() && (1..=4).contains(&a.rating)),
        );
        let Some(start) = self.counted.iter().rposition(|a| a.first_sight) else {
            return; // the log never saw this card new: its history is incomplete
        };
        let card = &self.counted[start..];
        let reviews: Vec<FSRSReview> = card
            .iter()
            .enumerate()
            .map(|(i, a)| FSRSReview {
                rating: u32::from(a.rating),
                delta_t: i.checked_sub(1).map_or(0, |p| {
                    (a.day - card[p].day).clamp(0, i64::from(u32::MAX)) as u32
                }),
            })
            .collect();
        let before = self.out.len();
        for (i, a) in card.iter().enumerate().skip(1) {
            if reviews[i].delta_t > 0 {
                self.out.push((
                    a.at,
                    a.card_id,
                    FSRSItem {
                        reviews: reviews[..=i].to_vec(),
                    },
                ));
            }
        }
        if self.out.len() > before {
            self.cards += 1;
            self.answers += card.len();
        }
    }

    /// A builder with room for `answers` items (at most one per answer), so a million-answer
    /// log is never copied to grow the list.
    pub fn with_capacity(answers: usize) -> ItemsBuilder {
        ItemsBuilder {
            out: Vec::with_capacity(answers),
            ..ItemsBuilder::default()
        }
    }

    /// The items, in the order their last answers were given.
    pub fn finish(mut self) -> Items {
        self.out.sort_by_key(|&(at, card, _)| (at, card));
        let card_ids = self.out.iter().map(|&(_, card, _)| card.0).collect();
        let mut items: Vec<FSRSItem> = self.out.into_iter().map(|(_, _, item)| item).collect();
        items.shrink_to_fit();
        Items {
            items,
            card_ids,
            answers: self.answers,
            cards: self.cards,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 3_600_000;
    const DAY: i64 = 24 * HOUR;

    fn answer(card_id: i64, at: i64, rating: u8, first_sight: bool) -> LoggedAnswer {
        LoggedAnswer {
            card_id: CardId(card_id),
            at,
            // Study days start at 04:00 UTC here.
            day: (at - 4 * HOUR).div_euclid(DAY),
            rating,
            first_sight,
            undone: false,
            last_reset: None,
            due_after: None,
            phase_after: None,
            step_after: None,
        }
    }

    fn reviews(item: &FSRSItem) -> Vec<(u32, u32)> {
        item.reviews.iter().map(|r| (r.rating, r.delta_t)).collect()
    }

    #[test]
    fn same_day_steps_are_history_not_items() {
        let t0 = 100 * DAY + 9 * HOUR;
        let log = vec![
            answer(1, t0, 1, true),                // first sight: Again
            answer(1, t0 + 10 * 60_000, 3, false), // same day: delta 0
            answer(1, t0 + DAY, 3, false),         // next day
            answer(1, t0 + DAY + HOUR, 3, false),  // same day again: no item
            answer(1, t0 + 5 * DAY, 2, false),
        ];
        let items = to_items(log);
        let got: Vec<_> = items.items.iter().map(reviews).collect();
        assert_eq!(
            got,
            vec![
                vec![(1, 0), (3, 0), (3, 1)],
                vec![(1, 0), (3, 0), (3, 1), (3, 0), (2, 4)],
            ]
        );
        assert_eq!(items.card_ids, vec![1, 1]);
        assert_eq!((items.answers, items.cards), (5, 1));
    }

    #[test]
    fn the_day_start_hour_decides_the_day() {
        // 23:00 and 03:00 the next morning are one study day (it starts at 04:00); 05:00 is
        // the next one.
        let t0 = 100 * DAY + 23 * HOUR;
        let items = to_items(vec![
            answer(1, t0, 3, true),
            answer(1, t0 + 4 * HOUR, 3, false),
            answer(1, t0 + 6 * HOUR, 3, false),
        ]);
        let got: Vec<_> = items.items.iter().map(reviews).collect();
        assert_eq!(got, vec![vec![(3, 0), (3, 0), (3, 1)]]);
    }

    #[test]
    fn undone_answers_and_answers_before_a_reset_do_not_count() {
        let t0 = 100 * DAY + 9 * HOUR;
        let mut undone = answer(1, t0 + 2 * DAY, 1, false);
        undone.undone = true;
        let mut log = vec![
            answer(1, t0, 3, true),
            undone,
            answer(1, t0 + 2 * DAY + 60_000, 3, false),
            // Card 2: reset at day 10, learned again, reviewed 3 days later.
            answer(2, t0, 3, true),
            answer(2, t0 + 4 * DAY, 1, false),
            answer(2, t0 + 11 * DAY, 3, true),
            answer(2, t0 + 14 * DAY, 4, false),
        ];
        for a in log.iter_mut().filter(|a| a.card_id == CardId(2)) {
            a.last_reset = Some(t0 + 10 * DAY);
        }
        let items = to_items(log);
        let got: Vec<_> = items.items.iter().map(reviews).collect();
        assert_eq!(got, vec![vec![(3, 0), (3, 2)], vec![(3, 0), (4, 3)]]);
        assert_eq!(items.card_ids, vec![1, 2]);
    }

    #[test]
    fn history_starts_at_the_last_first_sight_and_items_follow_time() {
        let t0 = 100 * DAY + 9 * HOUR;
        let items = to_items(vec![
            // Card 5 answered later than card 3's items, but listed first.
            answer(5, t0 + 20 * DAY, 3, true),
            answer(5, t0 + 22 * DAY, 3, false),
            // Card 3: an old history, then learned from scratch again (first sight).
            answer(3, t0, 3, true),
            answer(3, t0 + 3 * DAY, 3, false),
            answer(3, t0 + 8 * DAY, 2, true),
            answer(3, t0 + 9 * DAY, 3, false),
            // Card 4 was never seen new in this log: skipped.
            answer(4, t0 + DAY, 3, false),
            answer(4, t0 + 5 * DAY, 3, false),
        ]);
        let got: Vec<_> = items.items.iter().map(reviews).collect();
        assert_eq!(got, vec![vec![(2, 0), (3, 1)], vec![(3, 0), (3, 2)]]);
        assert_eq!(items.card_ids, vec![3, 5]);
        assert_eq!((items.answers, items.cards), (4, 2));
    }
}
