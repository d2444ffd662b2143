//! Plain data shared across recall: cards as the extractor makes them and the store keeps them,
//! and the rows the store hands the other layers (a card to review, a logged answer, a studied
//! card to simulate, a parameter set's scores), so the store imports none of those layers.

use crate::schedule::CardSchedule;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// A card's stable identity (see `notes::extract` for how it is made); shown as 16 hex digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CardKey(pub u64);

impl fmt::Display for CardKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl Serialize for CardKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A row id of one of the store's tables as a type of its own, so a deck id cannot be passed
/// where a card id is wanted; stored and serialised as the plain number.
macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.0.into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(
                v: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                v.as_i64().map($name)
            }
        }
    };
}

row_id!(
    /// A card's row id in the store (not its key: the id never changes, the key follows the notes).
    CardId
);
row_id!(
    /// A deck's row id in the store.
    DeckId
);
row_id!(
    /// An answer's row id in the review log (append-only: an id is never reused).
    ReviewId
);

/// How a card quizzes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CardKind {
    /// A question and an answer.
    Basic,
    /// A sentence with one span hidden as `[…]`; the answer is the hidden span.
    Cloze,
}

impl CardKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CardKind::Basic => "basic",
            CardKind::Cloze => "cloze",
        }
    }
}

/// Where a card comes from: a mark the author wrote, or the rules of automatic extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// `#card`, `{{cloze …}}`, `{{c1::…}}`, `question :: answer`.
    Explicit,
    /// A block with children, or a bold span, on a page in automatic mode.
    Auto,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Explicit => "explicit",
            Origin::Auto => "auto",
        }
    }
}

impl rusqlite::types::ToSql for Origin {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for Origin {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        match v.as_str()? {
            "explicit" => Ok(Origin::Explicit),
            "auto" => Ok(Origin::Auto),
            other => Err(rusqlite::types::FromSqlError::Other(
                format!("{other:?} is not a card origin").into(),
            )),
        }
    }
}

/// A flashcard cut from a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    /// Stable identity: from the deck and the question (or the block's Logseq `id::`), never
    /// from a line number.
    pub key: CardKey,
    pub kind: CardKind,
    /// Markdown. A cloze question shows its hidden span as `[…]`.
    pub question: String,
    /// Markdown: a line, or the block's children as a nested list (code blocks intact).
    pub answer: String,
    /// The ancestor path shown above the question, e.g. `from library › asyncio › lock`.
    /// Shared by the cards of one block and its siblings.
    pub context: Arc<str>,
    pub deck: Arc<str>,
    /// The note file, as the user named it.
    pub source: Arc<str>,
    /// 1-based line of the block the card comes from.
    pub line: usize,
    /// Tags of the block, its ancestors and its page, lower-case, without `#` (shared by the
    /// cards of a block).
    pub tags: Tags,
    pub origin: Origin,
    /// 1-based line of the block that heads this card's sibling group: the cards of one block,
    /// and the clozes of blocks that a definition card shows whole in its answer, share it, so
    /// no card spoils another on the same day.
    pub group: usize,
}

/// A card's tags, shared by the cards of a block; stored as a JSON array of strings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(transparent)]
pub struct Tags(pub Arc<[String]>);

impl std::ops::Deref for Tags {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.0
    }
}

impl rusqlite::types::ToSql for Tags {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        let json = serde_json::to_string(&self.0)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        Ok(json.into())
    }
}

impl rusqlite::types::FromSql for Tags {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = v.as_str()?;
        if text.is_empty() {
            return Ok(Tags::default()); // the column's default: a card written without tags
        }
        serde_json::from_str::<Vec<String>>(text)
            .map(|t| Tags(t.into()))
            .map_err(|e| {
                rusqlite::types::FromSqlError::Other(
                    format!("{text:?} is not a list of tags: {e}").into(),
                )
            })
    }
}

impl rusqlite::types::ToSql for CardKind {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for CardKind {
    fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        match v.as_str()? {
            "basic" => Ok(CardKind::Basic),
            "cloze" => Ok(CardKind::Cloze),
            other => Err(rusqlite::types::FromSqlError::Other(
                format!("unknown card kind {other:?}").into(),
            )),
        }
    }
}

/// Is `deck` the deck `name` or one of its sub-decks (`lang` covers `lang/python`, not
/// `language`)? The one rule for every limit, setting and filter "over a deck".
pub fn covers(name: &str, deck: &str) -> bool {
    deck == name
        || deck
            .strip_prefix(name)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Is `wanted` a deck to filter by: a deck's name or a parent of one (`vault/lang` for
/// `vault/lang/python`)?
pub fn names_a_deck(wanted: &str, known: &[String]) -> bool {
    let wanted = wanted.trim_end_matches('/');
    known.iter().any(|k| covers(wanted, k))
}

/// The known names (decks or tags, and their parents) closest to `wanted` (a mistyped one),
/// the closest first, at most three: those alike as a whole or in their last part (`pyton` →
/// `vault/lang/python`, `nots` → `notes`), or whose last part starts with it (`git` →
/// `notes/git-tricks`).
pub fn closest_names(wanted: &str, known: &[String]) -> Vec<String> {
    let wanted = wanted.trim_end_matches('/').to_lowercase();
    let mut names: Vec<String> = Vec::new();
    for k in known {
        let mut at = 0;
        while let Some(slash) = k[at..].find('/') {
            names.push(k[..at + slash].to_string());
            at += slash + 1;
        }
        names.push(k.clone());
    }
    names.sort();
    names.dedup();
    let mut scored: Vec<(f64, String)> = names
        .into_iter()
        .map(|k| {
            let lower = k.to_lowercase();
            let last = lower.rsplit('/').next().unwrap_or(&lower).to_string();
            let prefix = !wanted.is_empty() && last.starts_with(&wanted);
            let score = crate::similar::similarity(&wanted, &lower)
                .max(crate::similar::similarity(&wanted, &last))
                .max(if prefix { 0.8 } else { 0.0 });
            (score, k)
        })
        .filter(|(score, _)| *score >= 0.6)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(3).map(|(_, k)| k).collect()
}

// ---- Shared by the store, the review session, fitting and simulation ----

/// A card as the review session needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewCard {
    pub id: CardId,
    pub deck: String,
    pub kind: CardKind,
    pub question: String,
    pub answer: String,
    pub context: String,
    pub source: Option<String>,
    pub line: i64,
    pub source_id: Option<i64>,
    /// The line heading its sibling group (see `model::Card::group`).
    pub group: Option<i64>,
    pub schedule: CardSchedule,
}

impl ReviewCard {
    /// What the answer side shows: for a cloze, its whole sentence with the answer in its
    /// blank between `open` and `close` (see [`crate::cloze::fill`]); else the answer.
    pub fn answer_side(&self, open: &str, close: &str) -> String {
        (self.kind == CardKind::Cloze)
            .then(|| crate::cloze::fill(&self.question, &self.answer, open, close))
            .flatten()
            .unwrap_or_else(|| self.answer.clone())
    }

    /// The card's sibling group, (source, line): the cards of one block, and the clozes that
    /// a definition card shows whole, are not shown on the same day.
    pub fn block(&self) -> Option<(i64, i64)> {
        Some((self.source_id?, self.group?))
    }
}

/// One answer from a review log, as fitting needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoggedAnswer {
    pub card_id: CardId,
    /// Unix milliseconds: orders a card's answers and the items.
    pub at: i64,
    /// The study day the answer was given on.
    pub day: i64,
    /// 1 (Again) to 4 (Easy).
    pub rating: u8,
    /// The card was new before this answer: its first sight.
    pub first_sight: bool,
    /// Taken back with undo.
    pub undone: bool,
    /// When the card was last reset (its schedule forgotten), if ever.
    pub last_reset: Option<i64>,
    /// The due date the answer gave the card (none in logs from elsewhere).
    pub due_after: Option<i64>,
    /// The phase the answer left the card in (none in logs from elsewhere).
    pub phase_after: Option<crate::schedule::Phase>,
    /// The learning step it left the card at (none in logs from elsewhere, or from before
    /// steps were counted: the first).
    pub step_after: Option<u32>,
}

impl LoggedAnswer {
    /// Does the answer count towards the card's schedule: not taken back, and given after the
    /// card's last reset? (Fitting and rebuilding read the log by this one rule.)
    pub fn counts(&self) -> bool {
        !self.undone && self.last_reset.is_none_or(|r| self.at > r)
    }
}

/// A studied card as the simulator needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StudiedCard {
    pub id: i64,
    pub stability: f32,
    pub difficulty: f32,
    /// Unix milliseconds.
    pub last_review: i64,
    pub due: i64,
    pub lapses: u32,
}

/// The collection and the learner's habits.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection {
    pub studied: Vec<StudiedCard>,
    /// Active cards never studied.
    pub new_cards: usize,
    pub new_per_day: usize,
    pub reviews_per_day: usize,
    pub max_interval_days: u32,
    /// Grades of first answers (Again, Hard, Good, Easy) and of passed reviews (Hard, Good,
    /// Easy), as counts from the log.
    pub first_grades: [i64; 4],
    pub review_grades: [i64; 3],
}

/// Log loss and RMSE (bins) of a parameter set's predictions: lower is better.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Metrics {
    pub log_loss: f32,
    pub rmse_bins: f32,
}

/// The defaults and the fitted parameters scored on the same answers.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Evaluation {
    pub defaults: Metrics,
    pub fitted: Metrics,
    /// Items scored: all but the first sixth, which only ever trains.
    pub tested_items: usize,
    /// Time-series folds: each trains on the items before its test segment.
    pub folds: usize,
}

/// What an [`Evaluation`] says, weighing both figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The fitted parameters predict better on one figure and no worse on the other.
    FittedBetter,
    /// Better calibrated (RMSE) but a worse log loss, or the other way round.
    Mixed,
    /// Neither figure moved enough to tell them apart.
    Alike,
    /// The defaults predict better.
    DefaultsBetter,
}

/// A change in log loss smaller than this share of it is no change.
const LOG_LOSS_SAME: f32 = 0.01;
/// A change in RMSE (bins) smaller than this share of it is no change.
const RMSE_SAME: f32 = 0.05;

impl Evaluation {
    /// Weighs both figures: each better, worse or alike by its own margin (log loss moves
    /// little, RMSE a lot), then together.
    pub fn verdict(&self) -> Verdict {
        let (d, f) = (self.defaults, self.fitted);
        let change = |def: f32, fit: f32, same: f32| -> i8 {
            let rel = (fit - def) / def.abs().max(f32::EPSILON);
            if rel <= -same {
                1
            } else if rel >= same {
                -1
            } else {
                0
            }
        };
        let loss = change(d.log_loss, f.log_loss, LOG_LOSS_SAME);
        let rmse = change(d.rmse_bins, f.rmse_bins, RMSE_SAME);
        match (loss, rmse) {
            (0, 0) => Verdict::Alike,
            (a, b) if a >= 0 && b >= 0 => Verdict::FittedBetter,
            (a, b) if a <= 0 && b <= 0 => Verdict::DefaultsBetter,
            _ => Verdict::Mixed,
        }
    }

    /// The verdict in words, with the figures behind it and what to do.
    pub fn advice(&self) -> String {
        let (d, f) = (self.defaults, self.fitted);
        let figures = format!(
            "RMSE (bins) {:.1}% → {:.1}%, log loss {:.4} → {:.4}",
            d.rmse_bins * 100.0,
            f.rmse_bins * 100.0,
            d.log_loss,
            f.log_loss
        );
        match self.verdict() {
            Verdict::FittedBetter => format!(
                "The fitted parameters predict your memory better ({figures}): they are the \
                 ones to use."
            ),
            Verdict::Mixed if f.rmse_bins < d.rmse_bins => format!(
                "The fitted parameters are better calibrated (their predicted recall is closer \
                 to how often you recalled) though no sharper ({figures}): calibration is what \
                 sets intervals, so they are worth using."
            ),
            Verdict::Mixed => format!(
                "The fitted parameters rank your answers a little better but are less well \
                 calibrated ({figures}): keep them only if more history agrees."
            ),
            Verdict::Alike => format!(
                "The defaults and the fitted parameters predict you about equally well \
                 ({figures}); more history will tell them apart."
            ),
            Verdict::DefaultsBetter => format!(
                "The defaults predict you better than parameters fitted to this much history \
                 ({figures}); more history will help."
            ),
        }
    }
}

/// A card as stored, for matching against freshly extracted cards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCard {
    pub id: CardId,
    pub key: String,
    pub kind: CardKind,
    pub question: String,
    pub answer: String,
    pub context: String,
    /// JSON array.
    pub tags: Tags,
    pub source_id: Option<i64>,
    pub line: i64,
    pub position: i64,
    pub retired_at: Option<i64>,
    pub deck_id: DeckId,
    /// The line heading its sibling group (see `model::Card::group`); NULL until its notes are
    /// read by a recall that knows groups.
    pub sibling_line: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistyped_deck_is_matched_to_decks_their_parents_and_prefixes() {
        let known = [
            "notes/git-tricks".to_string(),
            "vault/lang/python".to_string(),
        ];
        assert_eq!(closest_names("pyton", &known), ["vault/lang/python"]);
        assert_eq!(closest_names("nots", &known), ["notes"]);
        assert_eq!(closest_names("git", &known), ["notes/git-tricks"]);
        assert!(closest_names("zzz", &known).is_empty());
    }

    fn evaluation(defaults: (f32, f32), fitted: (f32, f32)) -> Evaluation {
        let m = |(log_loss, rmse_bins)| Metrics {
            log_loss,
            rmse_bins,
        };
        Evaluation {
            defaults: m(defaults),
            fitted: m(fitted),
            tested_items: 10_000,
            folds: 5,
        }
    }

    #[test]
    fn the_verdict_weighs_both_figures() {
        // A real 12,500-answer log: log loss as good, RMSE (bins) cut from 6.0 % to 4.3 %.
        let real = evaluation((0.3120, 0.060), (0.3125, 0.043));
        assert_eq!(real.verdict(), Verdict::FittedBetter);
        assert!(
            real.advice().contains("RMSE (bins) 6.0% → 4.3%"),
            "{}",
            real.advice()
        );
        assert!(
            real.advice().contains("the ones to use"),
            "{}",
            real.advice()
        );
        let mixed = evaluation((0.3120, 0.060), (0.3300, 0.043));
        assert_eq!(mixed.verdict(), Verdict::Mixed);
        assert!(mixed.advice().contains("worth using"), "{}", mixed.advice());
        assert_eq!(
            evaluation((0.3120, 0.060), (0.3110, 0.059)).verdict(),
            Verdict::Alike
        );
        let worse = evaluation((0.3120, 0.040), (0.3300, 0.061));
        assert_eq!(worse.verdict(), Verdict::DefaultsBetter);
        assert!(worse.advice().contains("more history will help"));
    }
}

/// Where a card that came from Anki lives there: its card and note ids, the note's GUID, note
/// type and template (`ord`), and the note's fields and tags as Anki stores them (so an export
/// puts the same note back), with the note's last change (Unix seconds).
#[derive(Debug, Clone, PartialEq)]
pub struct AnkiOrigin {
    pub anki_card: i64,
    pub note_id: i64,
    pub guid: String,
    pub notetype: i64,
    pub ord: u32,
    pub fields: String,
    pub tags: String,
    pub mtime: i64,
}
