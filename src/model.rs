//! Plain data shared across recall: cards as the extractor makes them and the store keeps them.

use serde::Serialize;

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

/// A flashcard cut from a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    /// Stable identity: from the deck and the question (or the block's Logseq `id::`), never
    /// from a line number. 16 hex digits.
    pub key: String,
    pub kind: CardKind,
    /// Markdown. A cloze question shows its hidden span as `[…]`.
    pub question: String,
    /// Markdown: a line, or the block's children as a nested list (code blocks intact).
    pub answer: String,
    /// The ancestor path shown above the question, e.g. `from library › asyncio › lock`.
    pub context: String,
    pub deck: String,
    /// The note file, as the user named it.
    pub source: String,
    /// 1-based line of the block the card comes from.
    pub line: usize,
    /// Tags of the block, its ancestors and its page, lower-case, without `#`.
    pub tags: Vec<String>,
}
