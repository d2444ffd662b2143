//! Plain data shared across recall: cards as the extractor makes them and the store keeps them.

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
    pub tags: Arc<[String]>,
    pub origin: Origin,
    /// 1-based line of the block that heads this card's sibling group: the cards of one block,
    /// and the clozes of blocks that a definition card shows whole in its answer, share it, so
    /// no card spoils another on the same day.
    pub group: usize,
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
