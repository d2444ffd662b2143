//! Card extractor: an [`Outline`] in, [`Card`]s out, and for every block that gave no card the
//! [`Reason`] why. Pure functions, no I/O.
//!
//! # Rules
//! A page gives its **explicit** cards and, in automatic mode (the default), its **automatic**
//! ones; where a block has explicit cards, they take its place (no automatic card of the same
//! block, no automatic card inside a `#card` answer).
//!
//! *Explicit cards*: a `#card` block asks its text with all its children as the answer (or its
//! clozes; a `#card` block whose children are all `#card` blocks is their category, not a card);
//! `{{cloze x}}` hides `x` (one card each), Anki `{{c1::x}}` hides every span of number 1 in one
//! card, a hint (`{{c1::x::hint}}`, `{{cloze x \\ hint}}`) shows in the blank; `question :: answer`
//! makes a card and `question ::: answer` two, one each way (never inside code, quotes or brackets).
//!
//! *Definition cards.* A block with children asks its own text; the answer is its children as a
//! nested list (code blocks intact; tasks and queries left out). A child whose own subtree is
//! short (at most [`SHORT_SUBTREE_BLOCKS`] blocks and [`SHORT_SUBTREE_CHARS`] characters below it)
//! is shown whole and gets no card of its own; a longer one is shown by its first line and
//! becomes its own card. A block asks nothing when it is:
//! - a *category*: most children have children of their own (`from library` → `functools`, …);
//! - a *section title*: a heading whose children give cards of their own (a Markdown heading:
//!   question cards; a Logseq heading block: any cards);
//! - a task, a quote or callout, a footnote, code, or inside a *log* (a block titled by a date,
//!   `2026-02-03 weekly sync`, `Mon 2/2`: meeting notes, changelogs, diaries);
//! - without words of its own (only links, tags, URLs, dates, numbers, emoji, media, macros; a
//!   heading naming a page, `## [[duck type]]`, still asks);
//! - answered by nothing recallable: mostly link, URL or name lines (a thanks list), open
//!   questions, examples only, a task list, only a query, macro or image, more than
//!   [`MAX_ANSWER_CHARS`] characters or [`MAX_ANSWER_LINES`] lines, or a prose paragraph (over
//!   [`PROSE_CHARS`] characters);
//! - the same question as an earlier sibling.
//!
//! *Cloze cards.* Each bold span (as pulldown-cmark reads it, widened to whole words) becomes a
//! card with the span hidden as `[…]`. Not a cloze: a block bold from end to end (a term), a bold
//! label (`**Summary:**`, `**Note**: …`), bold that ends inside a word (`re**borrow**ing`), a span
//! whose hiding leaves no words, one whose answer the brackets or quotes of the same line give
//! away, bold in prose (a block over [`PROSE_CHARS`] characters), in a table, a quote, a task or
//! a log.
//!
//! Logseq `journals/` pages are explicit-only by default; the page property
//! `recall-cards:: auto | explicit | off` (or the configuration, or `--mode`) sets the mode, and
//! `recall-cloze:: false` turns bold clozes off.
//!
//! # Sibling groups
//! A definition card shows its short children whole, so their clozes are its siblings
//! ([`Card::group`]): a review day never shows both, and a cloze never follows the card that
//! revealed its answer.
//!
//! # Keys
//! See `keys` (how a card's key is made) and [`crate::identity`] (what keeps a card across edits).

mod answers;
mod assemble;
pub mod card_features;
mod clozes;
mod definitions;
mod explicit;
mod facts;
mod judge;
mod keys;
mod ready;
mod reason;
mod residue;
pub mod rules;

use facts::{tag_list, Facts, Heading};
pub use reason::Reason;

use super::caps::Caps;
use super::inline::{self, Inline};
use super::outline::{BlockKind, Flavor, Outline, Warning};
use super::refs::{self, BlockIndex};
use crate::model::{Card, CardKey, CardKind, Origin, Tags};
use rules::{MAX_ANSWER_CHARS, MAX_ANSWER_ITEMS, MAX_ANSWER_LINES, PROSE_CHARS};
use std::borrow::Cow;
use std::ops::Range;
use std::str::FromStr;
use std::sync::Arc;

/// A child's subtree is shown whole in its parent's answer when it has at most this many
/// non-empty blocks below it ...
pub const SHORT_SUBTREE_BLOCKS: u32 = 4;
/// ... and at most this many characters of text below it.
pub const SHORT_SUBTREE_CHARS: u64 = 200;
/// Context paths longer than this many segments keep the first and the last
/// `CONTEXT_SEGMENTS - 2`, with `…` between.
const CONTEXT_SEGMENTS: usize = 6;
/// A context segment longer than this many characters is cut with `…`.
const CONTEXT_LABEL_CHARS: usize = 60;
/// An explicit card's answer shows at most this many lines of its subtree.
const MAX_EXPLICIT_ANSWER_LINES: usize = 200;
/// Nesting deeper than this is not indented further in answers.
const MAX_ANSWER_INDENT: usize = 16;
/// A skipped block is shown by this many characters of its first line.
const SKIPPED_TEXT_CHARS: usize = 70;

/// Which cards a page yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Explicit cards, and automatic ones (definitions and bold clozes) from the other blocks.
    Auto,
    /// Only `#card`, `{{cloze}}` and `::` cards.
    Explicit,
    /// No cards.
    Off,
}

impl Mode {
    /// The word a page property or the configuration uses for this mode.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Auto => "auto",
            Mode::Explicit => "explicit",
            Mode::Off => "off",
        }
    }
}

impl FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Mode::Auto),
            "explicit" => Ok(Mode::Explicit),
            "off" | "none" | "false" => Ok(Mode::Off),
            other => Err(format!(
                "`{other}` is not a card mode (auto, explicit or off)"
            )),
        }
    }
}

/// Extraction settings from the configuration or the command line; page properties override.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Mode of ordinary pages.
    pub mode: Mode,
    /// Mode of Logseq journal pages (files under a `journals` folder).
    pub journal_mode: Mode,
    /// Bold spans become cloze cards on automatic pages.
    pub bold_cloze: bool,
    /// Obsidian highlights (`==text==`) are read as bold: clozes where bold ones are.
    pub highlight_cloze: bool,
    /// How much of a note is read (the `[limits]` table).
    pub caps: Caps,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mode: Mode::Auto,
            journal_mode: Mode::Explicit,
            bold_cloze: true,
            highlight_cloze: false,
            caps: Caps::default(),
        }
    }
}

/// Which note the outline came from.
#[derive(Debug, Clone, Copy)]
pub struct NoteRef<'a> {
    pub deck: &'a str,
    /// The file as shown to the user; a `journals` folder in it marks a journal page, a `.org`
    /// extension an org file.
    pub source: &'a str,
    /// The file is a page of a Logseq graph (see [`Flavor::Logseq`]).
    pub logseq: bool,
}

impl<'a> NoteRef<'a> {
    /// A note outside any Logseq graph.
    pub fn new(deck: &'a str, source: &'a str) -> Self {
        NoteRef {
            deck,
            source,
            logseq: false,
        }
    }

    /// A journal or diary page: in a `journals` (or `daily`, `diary`, …) folder, or named by a
    /// date (`2026-03-01.md`, `2026_03_01.md`); a template (in a `templates` folder or with
    /// `template` a word of its name) is read as one too: it holds no facts of its own.
    fn is_journal(&self) -> bool {
        let stem = rules::file_stem(self.source);
        let folder = |c: &str| {
            matches!(
                c.to_ascii_lowercase().as_str(),
                "journals"
                    | "journal"
                    | "daily"
                    | "dailies"
                    | "daily notes"
                    | "daily-notes"
                    | "diary"
                    | "diaries"
                    | "periodic"
                    | "templates"
                    | "template"
                    | "_templates"
                    | "templater"
            )
        };
        // `template`, `Book template`, `notecard_template 1 3`: a word of the name.
        rules::folders(self.source).any(folder)
            || rules::is_date_name(stem)
            || stem
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("template") || w.eq_ignore_ascii_case("templates"))
    }

    /// An org file (`.org`), translated before it is parsed.
    pub fn is_org(&self) -> bool {
        self.source
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("org"))
    }
}

/// A block that gave no card, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    pub line: usize,
    pub reason: Reason,
    /// The block's index in the outline it was extracted from (see [`skipped_text`]).
    #[serde(skip)]
    pub block: usize,
}

/// The first line of a skipped block as it reads, cut to a readable length.
pub fn skipped_text(outline: &Outline, s: &Skipped) -> String {
    let Some(b) = outline.blocks.get(s.block) else {
        return String::new();
    };
    let inline = inline::render(&b.text);
    inline::clip(inline.first_line(), SKIPPED_TEXT_CHARS)
}

/// Cards of one note, with what the user should know about it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Extraction {
    pub cards: Vec<Card>,
    pub warnings: Vec<Warning>,
    /// Every block with text that gave no card, in order.
    pub skipped: Vec<Skipped>,
    /// Block references and embeds that nothing resolved (dropped from the text).
    pub unresolved_refs: usize,
}

/// Parses a note's text the way its file asks: org translated first, Logseq pages as Logseq;
/// at most `caps.blocks_per_note` blocks.
pub fn parse_note(text: &str, note: NoteRef<'_>, caps: &Caps) -> Outline {
    let max_blocks = caps.blocks_per_note;
    if note.is_org() {
        let md = super::org::to_markdown(text);
        return super::outline::parse_translated_within(&md, max_blocks);
    }
    let flavor = if note.logseq {
        Flavor::Logseq
    } else {
        Flavor::detect(text)
    };
    super::outline::parse_within(text, flavor, max_blocks)
}

/// Adds the blocks of a note that have an `id::` to `index`, for other notes' references to
/// them. A byte check comes first: most notes have no ids.
pub fn index_note(text: &str, note: NoteRef<'_>, caps: &Caps, index: &mut BlockIndex) {
    if text.contains("id::") || (note.is_org() && (text.contains(":ID:") || text.contains(":id:")))
    {
        index.add_outline(&parse_note(text, note, caps));
    }
}

/// Parses note text and extracts its cards (block references resolved within the note).
pub fn cards_from_text(text: &str, note: NoteRef<'_>, settings: &Settings) -> Extraction {
    let outline = parse_note(text, note, &settings.caps);
    extract(&outline, note, settings, &BlockIndex::new())
}

/// Extracts the cards of a parsed note; `others` resolves references to blocks of other notes.
pub fn extract(
    outline: &Outline,
    note: NoteRef<'_>,
    settings: &Settings,
    others: &BlockIndex,
) -> Extraction {
    let mut local = BlockIndex::new();
    let mut unresolved_refs = 0;
    let resolved: Vec<Option<String>> = if outline.blocks.iter().any(|b| refs::has_refs(&b.text)) {
        local.add_outline(outline);
        outline
            .blocks
            .iter()
            .map(|b| match refs::resolve(&b.text, &[&local, others]) {
                (Cow::Owned(t), n) => {
                    unresolved_refs += n;
                    Some(t)
                }
                (Cow::Borrowed(_), _) => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut x = Extractor::new(outline, &resolved, note, settings);
    x.run();
    let mut cards = x.cards;
    keys::assign_keys(&mut cards, outline, note.deck);
    Extraction {
        cards: cards.into_iter().map(|d| d.card).collect(),
        warnings: x.warnings,
        skipped: x.skipped,
        unresolved_refs,
    }
}

/// A card before its key is known.
struct Draft {
    card: Card,
    /// The block it comes from, and its rank among that block's cards (for `id::` keys;
    /// `usize::MAX`: keyed by its question even when the block has an id).
    block: usize,
    rank: usize,
}

/// Buffers reused from block to block while deciding.
#[derive(Default)]
struct Scratch {
    kids: Vec<usize>,
    todo: Vec<(usize, bool)>,
}

/// Which bold spans of a block can be clozes, decided once: span `n` is bit `n` of `ok` (spans
/// past [`Caps::clozes_per_block`], at most 64, never are), and `reason` is why the first that
/// cannot be one is not (or why none of the block's can).
#[derive(Debug, Default, Clone, Copy)]
struct BoldVerdict {
    ok: u64,
    reason: Option<Reason>,
}

/// A cloze of a definition card's only answer line that leaves at most this many letters and
/// digits visible asks what the card asks.
const SOLE_ANSWER_CUE_CHARS: usize = 12;

// Each span's verdict is one bit of a `u64`.
const _: () = assert!(super::caps::MAX_CLOZES_PER_BLOCK <= 64);

/// What the bottom-up pass decided of each block (see [`Extractor::judge`]).
struct Judged {
    def_skip: Vec<Option<Reason>>,
    verdicts: Vec<BoldVerdict>,
}

/// What a block's subtree gives when nothing above it asks: question cards (definitions and
/// `#card`s), `question :: answer` lines, cloze cards.
#[derive(Debug, Default, Clone, Copy)]
struct Gives {
    basic: bool,
    line: bool,
    cloze: bool,
}

impl Gives {
    fn any(self) -> bool {
        self.basic || self.line || self.cloze
    }
}

struct Extractor<'a> {
    outline: &'a Outline,
    deck: Arc<str>,
    source: Arc<str>,
    no_context: Arc<str>,
    no_tags: Tags,
    inline: Vec<Inline<'a>>,
    facts: Vec<Facts>,
    mode: Mode,
    bold_cloze: bool,
    caps: Caps,
    cards: Vec<Draft>,
    warnings: Vec<Warning>,
    skipped: Vec<Skipped>,
    /// The question/answer shapes the notes already hold (see `ready`).
    ready: ready::ReadyMade,
    /// The page's title, the first segment of every card's context (empty: none).
    title: String,
    /// Why the page's blocks give no automatic card when its mode is not `auto`.
    explicit_reason: Reason,
    /// The last top-level block asked whether it says the page's title, and the answer.
    title_block: std::cell::Cell<Option<(usize, bool)>>,
    /// What the page's automatic clozes hide so far (letters and digits, lower-cased).
    hidden_terms: std::collections::HashSet<String>,
}

impl<'a> Extractor<'a> {
    /// Block `i` is part of a ready-made card it does not ask (its answer, or a question another
    /// block holds).
    fn taken(&self, i: usize) -> bool {
        self.ready.role.get(i) == Some(&ready::Role::Taken)
    }

    fn run(&mut self) {
        let blocks = &self.outline.blocks;
        let n = blocks.len();
        if self.mode == Mode::Off {
            return;
        }
        let Judged { def_skip, verdicts } = self.judge();

        let mut page_tags: Vec<String> = self
            .outline
            .page_property("tags")
            .map(tag_list)
            .unwrap_or_default();
        if page_tags.len() > self.caps.tags_per_block {
            // The page's properties or front matter open the file.
            self.warnings.push(Warning {
                line: 1,
                message: format!(
                    "more than {} tags on the page; the rest are left out",
                    self.caps.tags_per_block
                ),
            });
            page_tags.truncate(self.caps.tags_per_block);
        }
        // Non-empty ancestors of the current block: (subtree end, block, tags length before it).
        let mut ancestors: Vec<(usize, usize, usize)> = Vec::new();
        let mut tags = page_tags;
        // Context of the last block that made cards, by its parent: siblings share one.
        let mut last_context: Option<(Option<usize>, Arc<str>)> = None;
        // Whether each parent's children are a list of `term — meaning` items, once asked.
        let mut term_lists: Vec<Option<bool>> = vec![None; n];
        // The block whose card shows each block whole (a definition card or a `#card`), if any.
        let mut shown_by: Vec<Option<(usize, Origin)>> = vec![None; n];
        // Blocks whose card answers with their children: a definition, or a `#card` block.
        let mut answers = vec![None::<Origin>; n];
        for (i, block) in blocks.iter().enumerate() {
            while let Some(&(end, _, tag_len)) = ancestors.last() {
                if end > i {
                    break;
                }
                ancestors.pop();
                tags.truncate(tag_len);
            }
            if self.taken(i) {
                if self.facts[i].content {
                    self.skip(i, Reason::InAnswer);
                }
                ancestors.push((block.end, i, tags.len()));
                continue;
            }
            if !self.facts[i].content {
                if block.end == i + 1 {
                    // An empty bullet, only properties, or a macro or an image alone.
                    let inl = &self.inline[i];
                    let media = inl.macros > 0 || inl.media > 0;
                    self.skip(i, if media { Reason::Media } else { Reason::Empty });
                }
                continue; // an empty block with children is looked through
            }
            let parent = ancestors.last().map(|&(_, p, _)| p);
            if let Some(p) = parent.filter(|_| self.facts[i].shown) {
                shown_by[i] = shown_by[p].or(match answers[p] {
                    Some(Origin::Auto) if self.is_short(i) => Some((p, Origin::Auto)),
                    Some(Origin::Explicit) => Some((p, Origin::Explicit)),
                    _ => None,
                });
            }
            let tag_len = tags.len();
            for t in &self.inline[i].tags {
                if tags.len() >= self.caps.tags_per_block {
                    break; // the page's and the nearest ancestors' come first
                }
                if !tags.contains(t) {
                    tags.push(t.clone());
                }
            }
            if self.inline[i].too_many_tags {
                self.warnings.push(Warning {
                    line: block.line,
                    message: format!(
                        "more than {} tags in one block; the rest are left out",
                        self.caps.tags_per_block
                    ),
                });
            }
            let before = self.cards.len();
            let group = match shown_by[i] {
                Some((s, _)) => blocks[s].line,
                None => block.line,
            };
            let judged = (def_skip[i], verdicts[i]);
            let mut reason = self.block_cards(i, group, shown_by[i], judged, &mut answers[i]);
            // An item of a list of terms too long to be one answer is a card of its own.
            if reason == Some(Reason::Plain)
                && self.cards.len() == before
                && parent.is_some_and(|p| {
                    def_skip[p] == Some(Reason::TooLong) && self.is_term_list(p, &mut term_lists)
                })
            {
                if let Some((q, a)) = self.term_item(i) {
                    self.push(i, CardKind::Basic, q, a, 0, Origin::Auto, block.line);
                    reason = None;
                }
            }
            if self.cards.len() > before {
                let context = match &last_context {
                    Some((p, c)) if *p == parent => c.clone(),
                    _ => {
                        let c = self.context(&ancestors);
                        let c: Arc<str> = residue::tidy(&c).into();
                        last_context = Some((parent, c.clone()));
                        c
                    }
                };
                let shared = Tags(tags.as_slice().into());
                for d in &mut self.cards[before..] {
                    d.card.context.clone_from(&context);
                    d.card.tags = shared.clone();
                }
            } else if let Some(r) = reason {
                self.skip(i, r);
            }
            ancestors.push((block.end, i, tag_len));
        }
    }

    /// The cards of block `i` with sibling group `group`: its explicit ones, or (in automatic
    /// mode) its automatic ones; the reason when it gives none. `judged`: the bottom-up verdicts
    /// on it (see [`Extractor::judge`]); `answer` is set when its card answers with its children.
    fn block_cards(
        &mut self,
        i: usize,
        group: usize,
        shown_by: Option<(usize, Origin)>,
        (def_skip, verdict): (Option<Reason>, BoldVerdict),
        answer: &mut Option<Origin>,
    ) -> Option<Reason> {
        if self.facts[i].explicit {
            let before = self.cards.len();
            let r = self.explicit_cards(i, group);
            if self.cards[before..]
                .iter()
                .any(|d| d.rank == 0 && d.card.kind == CardKind::Basic)
            {
                *answer = Some(Origin::Explicit);
            }
            r
        } else if self.mode != Mode::Auto {
            Some(match shown_by {
                Some(_) => Reason::InAnswer,
                None => self.explicit_reason,
            })
        } else {
            self.auto_cards(i, group, shown_by, def_skip, verdict, answer)
        }
    }

    fn skip(&mut self, i: usize, reason: Reason) {
        self.skipped.push(Skipped {
            line: self.outline.blocks[i].line,
            reason,
            block: i,
        });
    }
}

/// Reasons about a block's place in the outline, shown before a reason about its bold.
fn is_structural(r: Reason) -> bool {
    matches!(
        r,
        Reason::Log
            | Reason::Task
            | Reason::Quote
            | Reason::Code
            | Reason::Footnote
            | Reason::Query
    )
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod rules_tests;
