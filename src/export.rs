//! Exports for other tools and spreadsheets: the review log in the FSRS community's CSV layout
//! (the one `recall optimize --from-csv` reads), and cards with their state and reviews as JSON.
//! Pure: store rows in, text out.

use crate::model::CardId;
use crate::schedule::{CardSchedule, Phase};
use crate::store::cards::ListedCard;
use crate::store::reviews::ExportedAnswer;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The community's number for a state: 0 new, 1 learning, 2 review, 3 relearning.
pub fn state_number(p: Phase) -> u8 {
    match p {
        Phase::New => 0,
        Phase::Learning => 1,
        Phase::Review => 2,
        Phase::Relearning => 3,
    }
}

/// The answers to the cards in `keep` as CSV: `card_id,review_time,review_rating,review_state,
/// review_duration` (time in Unix milliseconds, duration in milliseconds), card by card in
/// time order.
pub fn log_csv(answers: &[ExportedAnswer], keep: &HashSet<CardId>) -> String {
    let mut out = String::from("card_id,review_time,review_rating,review_state,review_duration\n");
    for a in answers.iter().filter(|a| keep.contains(&a.card_id)) {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            a.card_id,
            a.at,
            a.rating as u8,
            state_number(a.state_before),
            a.duration_ms
        ));
    }
    out
}

/// One card as the JSON export has it.
#[derive(Debug, Serialize)]
pub struct ExportedCard<'a> {
    #[serde(flatten)]
    pub card: &'a ListedCard,
    pub stability: Option<f32>,
    pub difficulty: Option<f32>,
    pub reps: u32,
    pub lapses: u32,
    pub reviews: Vec<ExportedReview>,
}

/// One answer of a card in the JSON export.
#[derive(Debug, Serialize)]
pub struct ExportedReview {
    /// Unix milliseconds.
    pub at: i64,
    /// 1 Again, 2 Hard, 3 Good, 4 Easy.
    pub rating: u8,
    /// The state before: 0 new, 1 learning, 2 review, 3 relearning.
    pub state: u8,
    pub duration_ms: i64,
}

/// `cards` with their cached state and their answers, for the JSON export.
pub fn cards_json<'a>(
    cards: &'a [ListedCard],
    states: &HashMap<CardId, CardSchedule>,
    answers: &[ExportedAnswer],
) -> Vec<ExportedCard<'a>> {
    let mut by_card: HashMap<CardId, Vec<ExportedReview>> = HashMap::new();
    for a in answers {
        by_card.entry(a.card_id).or_default().push(ExportedReview {
            at: a.at,
            rating: a.rating as u8,
            state: state_number(a.state_before),
            duration_ms: a.duration_ms,
        });
    }
    cards
        .iter()
        .map(|card| {
            let s = states.get(&card.id).copied().unwrap_or(CardSchedule::NEW);
            ExportedCard {
                card,
                stability: s.stability,
                difficulty: s.difficulty,
                reps: s.reps,
                lapses: s.lapses,
                reviews: by_card.remove(&card.id).unwrap_or_default(),
            }
        })
        .collect()
}
