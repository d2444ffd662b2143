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
//! See [`keys`].

mod explicit;
mod keys;
pub mod rules;

use super::inline::{self, Inline};
use super::outline::{BlockKind, Flavor, Outline, Warning};
use super::refs::{self, BlockIndex};
use crate::model::{Card, CardKey, CardKind, Origin};
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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mode: Mode::Auto,
            journal_mode: Mode::Explicit,
            bold_cloze: true,
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

    fn is_journal(&self) -> bool {
        self.source
            .split(['/', '\\'])
            .rev()
            .skip(1)
            .any(|c| c.eq_ignore_ascii_case("journals"))
    }

    /// An org file (`.org`), translated before it is parsed.
    pub fn is_org(&self) -> bool {
        self.source
            .rsplit_once('.')
            .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("org"))
    }
}

/// Why a block gave no card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// An empty bullet, or one holding only properties.
    Empty,
    /// The page (or the configuration) takes explicit cards only.
    ExplicitOnly,
    /// Shown whole in the answer of another card.
    InAnswer,
    /// Plain text with no children and no card markup.
    Plain,
    /// Most children have children: a list of topics.
    Category,
    /// A heading whose children give cards of their own.
    Section,
    /// A task (`TODO`, `DONE`, `[ ]`, ...), or a block whose children are tasks.
    Task,
    /// A `{{query}}` or `#+BEGIN_QUERY` block, or an answer that is only a query.
    Query,
    /// Code (a fenced block): code is never a card.
    Code,
    /// A quote or callout.
    Quote,
    /// A footnote.
    Footnote,
    /// Part of a log: under a title that is a date (meeting notes, changelogs, diaries).
    Log,
    /// A question with no words of its own (only links, tags, URLs, dates, numbers, emoji).
    NoWords,
    /// Only a macro, an image or a video, or an answer that is nothing else.
    Media,
    /// Children that are mostly links, URLs or names.
    LinkList,
    /// Children that are open questions.
    OpenQuestions,
    /// Children that are examples.
    Examples,
    /// An answer over the length one can recall at a glance.
    TooLong,
    /// Long prose: bold in it is emphasis, and it is not an answer.
    Prose,
    /// The same question as an earlier sibling.
    Duplicate,
    /// A generic title (`Notes`, `Misc`, `Log`, `See also`): it names no topic.
    Generic,
    /// A title and names (`[[Piranesi]] — Susanna Clarke`), or only a reference to another
    /// block (`{{embed ((id))}}`): a reference, not a question.
    Reference,
    /// A question about the author (`Why I'm doing this`) or about its surroundings (`why is
    /// the code above rejected?`).
    NotSelfContained,
    /// Bold on a word of one or two letters (`**do**`, `*on*`): stress, not a term.
    BoldEmphasis,
    /// A line stating a fact about a bold term: its cloze asks it, not its children.
    Statement,
    /// Bold on a date without a year or an amount of money: a schedule, a budget.
    Schedule,
    /// Bold used as a label (`**Note**: …`).
    BoldLabel,
    /// A block bold from end to end: a term, not a cloze.
    BoldTerm,
    /// Bold that ends inside a word: emphasis on part of it.
    BoldPartWord,
    /// A cloze whose answer the same line gives away.
    AnswerVisible,
    /// Hiding the bold leaves no words.
    NoWordsAround,
    /// Bold in a table.
    Table,
    /// Bold clozes are switched off.
    BoldOff,
    /// A block with more bold spans than [`MAX_CLOZES_PER_BLOCK`]: the rest are not clozes.
    TooManyClozes,
    /// A `#card` block whose children are `#card` blocks: their category.
    CardCategory,
    /// A `#card` block with no answer.
    NoAnswer,
}

impl Reason {
    /// The word `--skipped` and the summaries show.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Empty => "empty",
            Reason::ExplicitOnly => "explicit-only page",
            Reason::InAnswer => "in another card's answer",
            Reason::Plain => "plain text",
            Reason::Category => "category",
            Reason::Section => "section title",
            Reason::Task => "task",
            Reason::Query => "query",
            Reason::Code => "code",
            Reason::Quote => "quote",
            Reason::Footnote => "footnote",
            Reason::Log => "log (dated)",
            Reason::NoWords => "no words of its own",
            Reason::Media => "macro or media",
            Reason::LinkList => "list of links or names",
            Reason::OpenQuestions => "open questions",
            Reason::Examples => "examples",
            Reason::TooLong => "too long",
            Reason::Prose => "prose",
            Reason::Duplicate => "duplicate question",
            Reason::Generic => "generic title",
            Reason::Reference => "reference (title and names)",
            Reason::NotSelfContained => "not self-contained",
            Reason::BoldEmphasis => "bold emphasis",
            Reason::Statement => "statement (its cloze asks it)",
            Reason::Schedule => "schedule or money",
            Reason::BoldLabel => "bold label",
            Reason::BoldTerm => "bold term",
            Reason::BoldPartWord => "bold part of a word",
            Reason::AnswerVisible => "answer visible",
            Reason::NoWordsAround => "nothing left to ask",
            Reason::Table => "table",
            Reason::BoldOff => "bold clozes off",
            Reason::TooManyClozes => "too many clozes",
            Reason::CardCategory => "#card category",
            Reason::NoAnswer => "#card without answer",
        }
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
    let first = inline.first_line();
    match first.char_indices().nth(SKIPPED_TEXT_CHARS) {
        Some((cut, _)) => format!("{}…", first[..cut].trim_end()),
        None => first.to_string(),
    }
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

/// Parses a note's text the way its file asks: org translated first, Logseq pages as Logseq.
pub fn parse_note(text: &str, note: NoteRef<'_>) -> Outline {
    if note.is_org() {
        let md = super::org::to_markdown(text);
        return super::outline::parse_as(&md, Flavor::Markdown);
    }
    let flavor = if note.logseq {
        Flavor::Logseq
    } else {
        Flavor::detect(text)
    };
    super::outline::parse_as(text, flavor)
}

/// Adds the blocks of a note that have an `id::` to `index`, for other notes' references to
/// them. A byte check comes first: most notes have no ids.
pub fn index_note(text: &str, note: NoteRef<'_>, index: &mut BlockIndex) {
    if text.contains("id::") || (note.is_org() && (text.contains(":ID:") || text.contains(":id:")))
    {
        index.add_outline(&parse_note(text, note));
    }
}

/// Parses note text and extracts its cards (block references resolved within the note).
pub fn cards_from_text(text: &str, note: NoteRef<'_>, settings: &Settings) -> Extraction {
    extract(&parse_note(text, note), note, settings, &BlockIndex::new())
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

/// What the extractor knows of each block before deciding (see [`Extractor::new`]).
struct Facts {
    /// The block has text of its own.
    content: bool,
    /// Shown in answers: has text, is no task and no query.
    shown: bool,
    /// Non-empty shown blocks below it.
    desc_blocks: u32,
    /// Characters of shown text below it.
    desc_chars: u64,
    /// Characters of its own text.
    chars: u64,
    /// Non-blank lines of its own text.
    lines: u32,
    /// Characters of its first line.
    first_chars: u32,
    /// It has `question :: answer` lines.
    line_cards: bool,
    /// It has explicit cards of its own (`#card`, clozes, `::` lines).
    explicit: bool,
    /// It or an ancestor is a dated title: a log.
    in_log: bool,
    /// Logseq heading block (`- ## …`) or Markdown heading.
    heading: Heading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heading {
    No,
    Markdown,
    Logseq,
}

/// Which bold spans of a block can be clozes, decided once: span `n` is bit `n` of `ok` (spans
/// past the 64th never are: a cap on clozes per block), and `reason` is why the first that
/// cannot be one is not (or why none of the block's can).
#[derive(Debug, Default, Clone, Copy)]
struct BoldVerdict {
    ok: u64,
    reason: Option<Reason>,
}

/// A cloze of a definition card's only answer line that leaves at most this many letters and
/// digits visible asks what the card asks.
const SOLE_ANSWER_CUE_CHARS: usize = 12;

/// At most this many bold spans of one block become clozes.
pub const MAX_CLOZES_PER_BLOCK: usize = 64;
// Each span's verdict is one bit of a `u64`.
const _: () = assert!(MAX_CLOZES_PER_BLOCK <= 64);

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
    no_tags: Arc<[String]>,
    inline: Vec<Inline<'a>>,
    facts: Vec<Facts>,
    mode: Mode,
    bold_cloze: bool,
    cards: Vec<Draft>,
    warnings: Vec<Warning>,
    skipped: Vec<Skipped>,
}

impl<'a> Extractor<'a> {
    fn new(
        outline: &'a Outline,
        resolved: &'a [Option<String>],
        note: NoteRef<'a>,
        settings: &Settings,
    ) -> Self {
        let blocks = &outline.blocks;
        let mut scratch = inline::Scratch::default();
        let mut inline: Vec<Inline> = blocks
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let text = resolved
                    .get(i)
                    .and_then(|r| r.as_deref())
                    .unwrap_or(&b.text);
                inline::render_with(text, &mut scratch)
            })
            .collect();
        for (inl, b) in inline.iter_mut().zip(blocks) {
            if let Some(tags) = b.property("tags") {
                for t in tag_list(tags) {
                    if t == "card" {
                        inl.card_tag = true;
                    } else if !inl.tags.contains(&t) {
                        inl.tags.push(t);
                    }
                }
            }
        }

        let mut warnings = outline.warnings.clone();
        let page_line = |key: &str| {
            outline
                .page_properties
                .iter()
                .find(|p| p.key == key)
                .map_or(1, |p| p.line)
        };
        let mut mode = if note.is_journal() {
            settings.journal_mode
        } else {
            settings.mode
        };
        if let Some(v) = outline.page_property("recall-cards") {
            match v.parse() {
                Ok(m) => mode = m,
                Err(e) => warnings.push(Warning {
                    line: page_line("recall-cards"),
                    message: format!("recall-cards:: {e}; using {}", mode.as_str()),
                }),
            }
        }
        let mut bold_cloze = settings.bold_cloze;
        if let Some(v) = outline.page_property("recall-cloze") {
            match parse_bool(v) {
                Some(b) => bold_cloze = b,
                None => warnings.push(Warning {
                    line: page_line("recall-cloze"),
                    message: format!(
                        "recall-cloze:: `{v}` is not true or false; using {bold_cloze}"
                    ),
                }),
            }
        }

        let mut facts: Vec<Facts> = blocks
            .iter()
            .zip(&inline)
            .map(|(b, inl)| {
                let content = !inl.text.is_empty();
                let line_cards = inl.double_colon && !explicit::line_cards(&b.text).is_empty();
                let (chars, lines, first_chars) = measure(&inl.text);
                Facts {
                    content,
                    shown: content && !b.task && !inl.query,
                    desc_blocks: 0,
                    desc_chars: 0,
                    chars,
                    lines,
                    first_chars,
                    line_cards,
                    explicit: inl.card_tag || !inl.clozes.is_empty() || line_cards,
                    in_log: false,
                    heading: match (b.kind, inl.heading) {
                        (BlockKind::Heading(_), _) => Heading::Markdown,
                        (BlockKind::Bullet, true) => Heading::Logseq,
                        _ => Heading::No,
                    },
                }
            })
            .collect();
        for i in (0..blocks.len()).rev() {
            if let Some(p) = blocks[i].parent {
                let f = &facts[i];
                let (own, chars) = if f.shown { (1, f.chars) } else { (0, 0) };
                let (blocks_below, chars_below) = (f.desc_blocks, f.desc_chars);
                let pf = &mut facts[p];
                pf.desc_blocks = pf
                    .desc_blocks
                    .saturating_add(blocks_below.saturating_add(own));
                pf.desc_chars = pf
                    .desc_chars
                    .saturating_add(chars_below.saturating_add(chars));
            }
        }
        // Logs: a block titled by a date, the name of a dump (`Inbox`, `Log`), or a reference
        // (`[[Piranesi]] — Susanna Clarke`: what is under it is about the book, the reader's own
        // remarks); everything below it too.
        for i in 0..blocks.len() {
            let inherited = blocks[i].parent.is_some_and(|p| facts[p].in_log);
            facts[i].in_log = inherited
                || (facts[i].content
                    && (facts[i].desc_blocks > 0 || facts[i].heading != Heading::No)
                    && {
                        let title = inline[i].first_line();
                        rules::is_dated_title(title)
                            || rules::is_log_title(title)
                            || is_reference(&blocks[i].text, &inline[i])
                    });
        }
        Extractor {
            outline,
            deck: note.deck.into(),
            source: note.source.into(),
            no_context: "".into(),
            no_tags: Arc::new([]),
            inline,
            facts,
            mode,
            bold_cloze,
            cards: Vec::new(),
            warnings,
            skipped: Vec::new(),
        }
    }

    fn run(&mut self) {
        let blocks = &self.outline.blocks;
        let n = blocks.len();
        if self.mode == Mode::Off {
            return;
        }
        // Bottom-up: why each block could not be a definition card if nothing above asked it
        // (None: it could), and what each subtree gives on its own.
        let mut def_skip: Vec<Option<Reason>> = vec![None; n];
        let mut gives = vec![Gives::default(); n];
        let mut verdicts: Vec<BoldVerdict> = vec![BoldVerdict::default(); n];
        let mut scratch = Scratch::default();
        for i in (0..n).rev() {
            if self.mode == Mode::Auto && !self.facts[i].explicit && !self.inline[i].bold.is_empty()
            {
                verdicts[i] = self.bold_verdict(i);
            }
            let (f, inl) = (&self.facts[i], &self.inline[i]);
            def_skip[i] = if f.explicit {
                Some(Reason::NoAnswer) // explicit cards take the block's place
            } else {
                self.definition_skip(i, &gives, &mut scratch)
            };
            let mut g = Gives {
                basic: (inl.card_tag && inl.clozes.is_empty())
                    || (self.mode == Mode::Auto && def_skip[i].is_none()),
                line: f.line_cards,
                cloze: verdicts[i].ok != 0 || !inl.clozes.is_empty(),
            };
            let mut c = i + 1;
            while c < blocks[i].end {
                g.basic |= gives[c].basic;
                g.line |= gives[c].line;
                g.cloze |= gives[c].cloze;
                c = blocks[c].end;
            }
            gives[i] = g;
        }
        // The same question as an earlier sibling asks nothing new: sorted by (parent,
        // question hash, place), every entry equal to the one before it is a repeat.
        if self.mode == Mode::Auto {
            let mut asked: Vec<(usize, u64, usize)> = (0..n)
                .filter(|&i| def_skip[i].is_none())
                .map(|i| {
                    let parent = blocks[i].parent.map_or(0, |p| p + 1);
                    (
                        parent,
                        xxhash_rust::xxh3::xxh3_64(self.inline[i].text.as_bytes()),
                        i,
                    )
                })
                .collect();
            asked.sort_unstable();
            for w in asked.windows(2) {
                if (w[0].0, w[0].1) == (w[1].0, w[1].1) {
                    def_skip[w[1].2] = Some(Reason::Duplicate);
                }
            }
        }

        let page_tags: Vec<String> = self
            .outline
            .page_property("tags")
            .map(tag_list)
            .unwrap_or_default();
        // Non-empty ancestors of the current block: (subtree end, block, tags length before it).
        let mut ancestors: Vec<(usize, usize, usize)> = Vec::new();
        let mut tags = page_tags;
        // Context of the last block that made cards, by its parent: siblings share one.
        let mut last_context: Option<(Option<usize>, Arc<str>)> = None;
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
                if !tags.contains(t) {
                    tags.push(t.clone());
                }
            }
            let before = self.cards.len();
            let group = match shown_by[i] {
                Some((s, _)) => blocks[s].line,
                None => block.line,
            };
            let reason = if self.facts[i].explicit {
                let r = self.explicit_cards(i, group);
                if self.cards[before..]
                    .iter()
                    .any(|d| d.rank == 0 && d.card.kind == CardKind::Basic)
                {
                    answers[i] = Some(Origin::Explicit);
                }
                r
            } else if self.mode != Mode::Auto {
                Some(match shown_by[i] {
                    Some(_) => Reason::InAnswer,
                    None => Reason::ExplicitOnly,
                })
            } else {
                let def = match (def_skip[i], shown_by[i]) {
                    (_, Some(_)) => Some(Reason::InAnswer),
                    (r, None) => r,
                };
                if def.is_none() {
                    answers[i] = Some(Origin::Auto);
                    let answer = self.answer(i, false);
                    self.push(
                        i,
                        CardKind::Basic,
                        self.inline[i].text.to_string(),
                        answer,
                        0,
                        Origin::Auto,
                        group,
                    );
                }
                let cloze = match shown_by[i] {
                    Some((_, Origin::Explicit)) => Some(Reason::InAnswer),
                    Some((p, Origin::Auto)) if self.repeats_its_card(i, p) => {
                        Some(Reason::Duplicate)
                    }
                    _ => self.bold_clozes(i, group, verdicts[i], Origin::Auto),
                };
                // The reason shown: the cloze's when the block had bold, else the definition's.
                match (def, cloze) {
                    (None, _) | (_, None) => None,
                    (Some(d), Some(c)) => {
                        Some(if self.inline[i].bold.is_empty() || is_structural(d) {
                            d
                        } else {
                            c
                        })
                    }
                }
            };
            if self.cards.len() > before {
                let context = match &last_context {
                    Some((p, c)) if *p == parent => c.clone(),
                    _ => {
                        let c: Arc<str> = self.context(&ancestors).into();
                        last_context = Some((parent, c.clone()));
                        c
                    }
                };
                let shared: Arc<[String]> = tags.as_slice().into();
                for d in &mut self.cards[before..] {
                    d.card.context.clone_from(&context);
                    d.card.tags = Arc::clone(&shared);
                }
            } else if let Some(r) = reason {
                self.skip(i, r);
            }
            ancestors.push((block.end, i, tag_len));
        }
    }

    fn skip(&mut self, i: usize, reason: Reason) {
        self.skipped.push(Skipped {
            line: self.outline.blocks[i].line,
            reason,
            block: i,
        });
    }

    /// Why block `i` cannot be a definition card on its own (see the module comment), or None.
    /// `gives` is known for every block after `i`.
    fn definition_skip(&self, i: usize, gives: &[Gives], scratch: &mut Scratch) -> Option<Reason> {
        let f = &self.facts[i];
        let inl = &self.inline[i];
        let block = &self.outline.blocks[i];
        if block.end == i + 1 {
            // A leaf (most blocks): nothing to answer with.
            return Some(if (inl.macros > 0 || inl.media > 0) && inl.no_words() {
                Reason::Media
            } else {
                Reason::Plain
            });
        }
        if self.is_reference(i) {
            return Some(Reason::Reference);
        }
        if let Some(r) = self.structure_skip(i) {
            return Some(r);
        }
        // The children with text, then (in place) those an answer shows.
        let shown = &mut scratch.kids;
        self.content_children_into(i, shown);
        let task_child = shown.iter().any(|&k| self.outline.blocks[k].task);
        let query_child = shown.iter().any(|&k| self.inline[k].query);
        shown.retain(|&k| self.facts[k].shown);
        let shown = &scratch.kids[..];
        if shown.is_empty() {
            // Children that read as nothing: a task, a query, a macro or an image alone.
            let direct = || {
                self.outline
                    .children(i)
                    .map(|k| (&self.outline.blocks[k], &self.inline[k]))
            };
            if task_child || direct().any(|(b, _)| b.task) {
                return Some(Reason::Task);
            }
            if query_child || direct().any(|(_, c)| c.query) {
                return Some(Reason::Query);
            }
            if direct().any(|(_, c)| c.macros > 0 || c.media > 0) {
                return Some(Reason::Media);
            }
            return Some(if (inl.macros > 0 || inl.media > 0) && inl.no_words() {
                Reason::Media
            } else {
                Reason::Plain
            });
        }
        let parents = shown
            .iter()
            .filter(|&&k| self.facts[k].desc_blocks > 0)
            .count();
        if parents * 2 > shown.len() {
            return Some(Reason::Category);
        }
        let question = inl.first_line();
        if inl.no_words() && !(f.heading != Heading::No && inl.links() > 0) {
            return Some(if inl.macros > 0 || inl.media > 0 {
                Reason::Media
            } else {
                Reason::NoWords
            });
        }
        if inl.macros > 0 && inl.words() <= 1 {
            return Some(Reason::Media); // an icon and a word: `{{i f021}} usage`
        }
        if rules::is_generic_title(question)
            || rules::is_chapter_title(question)
            || (f.heading != Heading::No && rules::is_example(question))
        {
            return Some(Reason::Generic);
        }
        if rules::is_first_person(question) || rules::points_elsewhere(question) {
            return Some(Reason::NotSelfContained);
        }
        if refs::only_refers(&self.outline.blocks[i].text) {
            return Some(Reason::Reference);
        }
        // A line that states a fact about a bold term (`**Expenditure approach**: Y = C + I + G`)
        // is a fact, asked by its cloze; what is under it is a remark, not the answer.
        if self.states_a_term(i) {
            return Some(Reason::Statement);
        }
        if task_child {
            return Some(Reason::Task);
        }
        if query_child {
            return Some(Reason::Query);
        }
        // A heading is a section title when its section gives cards of its own. In a Logseq
        // outline a heading block groups its children; in a Markdown document a short section
        // under a heading answers it (its paragraphs' clozes are siblings of that card), unless
        // it holds questions of its own or is mostly items that are cards themselves.
        let section = match f.heading {
            Heading::No => false,
            // One short statement under a heading answers it (its clozes are its siblings).
            // A heading over code names the code (a script, an example).
            Heading::Logseq => {
                shown.iter().any(|&k| gives[k].basic || gives[k].line)
                    || (shown.len() > 1 && shown.iter().any(|&k| gives[k].cloze))
                    || shown.iter().any(|&k| self.inline[k].code_block)
            }
            Heading::Markdown => {
                let items = shown.iter().filter(|&&k| {
                    self.outline.blocks[k].kind != BlockKind::Paragraph && gives[k].any()
                });
                shown.iter().any(|&k| gives[k].basic) || items.count() * 2 > shown.len()
            }
        };
        // An answer made only of `question :: answer` lines repeats those cards.
        let worded = || shown.iter().filter(|&&k| !self.inline[k].no_words());
        // (Words are counted only when a `::` line is there to be alone.)
        if section
            || (shown.iter().any(|&k| self.facts[k].line_cards)
                && worded().next().is_some()
                && worded().all(|&k| self.facts[k].line_cards))
        {
            return Some(Reason::Section);
        }
        let count = |pred: &dyn Fn(usize) -> bool| shown.iter().filter(|&&k| pred(k)).count();
        // An answer holding explicit cards would ask what they ask.
        if shown
            .iter()
            .any(|&k| gives[k].basic && self.facts[k].explicit || self.facts[k].line_cards)
        {
            return Some(Reason::Section);
        }
        if count(&|k| rules::is_mostly_first_person(&self.inline[k].text)) * 2 > shown.len() {
            return Some(Reason::NotSelfContained);
        }
        if count(&|k| {
            self.facts[k].desc_blocks == 0 && rules::is_open_question(&self.inline[k].text)
        }) * 2
            >= shown.len()
            || shown
                .iter()
                .any(|&k| rules::is_unsettled(&self.inline[k].text))
        {
            return Some(Reason::OpenQuestions);
        }
        if shown
            .iter()
            .all(|&k| rules::is_example(&self.inline[k].text))
        {
            return Some(Reason::Examples);
        }
        if count(&|k| self.is_reference_line(k)) * 2 > shown.len()
            || count(&|k| self.starts_with_link(k)) * 2 > shown.len()
        {
            return Some(Reason::LinkList);
        }
        if shown.iter().all(|&k| {
            let c = &self.inline[k];
            (c.macros > 0 || c.media > 0 || c.links() > 0)
                && self.facts[k].desc_blocks == 0
                && c.no_words()
        }) {
            return Some(Reason::Media);
        }
        if shown.iter().any(|&k| {
            self.outline.blocks[k].kind == BlockKind::Paragraph
                && self.facts[k].chars as usize > PROSE_CHARS
                && !self.inline[k].text.starts_with('|') // a table is no prose
        }) {
            return Some(Reason::Prose);
        }
        let (chars, lines) = self.answer_size(shown, &mut scratch.todo);
        let max_items = match f.heading {
            Heading::No => MAX_ANSWER_ITEMS,
            _ => rules::MAX_SECTION_ITEMS,
        };
        if chars > MAX_ANSWER_CHARS
            || lines > MAX_ANSWER_LINES
            || self.answer_items(shown) > max_items
        {
            return Some(Reason::TooLong);
        }
        None
    }

    /// A title and names rather than a question: a link followed by a few capitalised words
    /// (`[[Piranesi]] — Susanna Clarke ⭐⭐⭐`, `[[Middlemarch]] by George Eliot #fiction`).
    fn is_reference(&self, i: usize) -> bool {
        is_reference(&self.outline.blocks[i].text, &self.inline[i])
    }

    /// A line that names rather than states: only links, URLs, tags or `@handles`, or a link
    /// with a few capitalised words (`[[Thinking in Systems]] — Donella Meadows`).
    fn is_reference_line(&self, k: usize) -> bool {
        let c = &self.inline[k];
        self.is_reference(k)
            || (self.facts[k].desc_blocks == 0
                && c.links() > 0
                && !c.code_block
                && (c.no_words() || (c.words() <= 3 && c.capitalized() == c.words())))
    }

    /// Would a cloze of block `i` ask what the definition card of `p` already asks? It does when
    /// `i` is that card's whole answer and the cloze leaves little else of it (`Declaration of
    /// the Rights of Man` → `adopted **26 August 1789**`).
    fn repeats_its_card(&self, i: usize, p: usize) -> bool {
        let only_child = self
            .content_children(p)
            .iter()
            .filter(|&&k| self.facts[k].shown)
            .count()
            == 1
            && self.outline.blocks[i].parent == Some(p);
        if !only_child {
            return false;
        }
        // Letters and digits, an ideograph or kana worth a word (three).
        let weight = |s: &str| -> usize {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .map(|c| if rules::is_cjk(c) { 3 } else { 1 })
                .sum()
        };
        let inl = &self.inline[i];
        let hidden: usize = inl
            .bold
            .iter()
            .map(|b| weight(&inl.text[b.outer.clone()]))
            .sum();
        weight(&inl.text).saturating_sub(hidden) <= SOLE_ANSWER_CUE_CHARS
    }

    /// Items of an answer: its top-level children, a table counting its rows.
    fn answer_items(&self, shown: &[usize]) -> usize {
        shown
            .iter()
            .map(|&k| {
                let t = &self.inline[k].text;
                if t.starts_with('|') {
                    // Header and separator rows are not items; a small table is one.
                    let rows = t
                        .lines()
                        .filter(|l| l.starts_with('|'))
                        .count()
                        .saturating_sub(2);
                    if rows <= rules::SMALL_TABLE_ROWS {
                        1
                    } else {
                        rows
                    }
                } else {
                    1
                }
            })
            .sum()
    }

    /// Does block `i` open with a bold term followed by what it is (`**Term**: …`, `**Term** =
    /// …`, `**Term** — …`)?
    fn states_a_term(&self, i: usize) -> bool {
        let inl = &self.inline[i];
        let Some(b) = inl.bold.first() else {
            return false;
        };
        if b.outer.start != 0 || inl.whole_bold {
            return false;
        }
        let after = inl
            .first_line()
            .get(b.outer.end..)
            .unwrap_or("")
            .trim_start();
        let rest = after
            .strip_prefix([':', '=', '—', '–', '：'])
            .or_else(|| after.strip_prefix(" - "))
            // `**Quality factor** $Q = ω/γ$ — the number of …`
            .or_else(|| after.split_once(" — ").map(|(_, r)| r));
        rest.is_some_and(|r| r.trim().chars().filter(|c| c.is_alphanumeric()).count() >= 3)
    }

    /// A line led by a page link (`[[Title]] — …`): an entry of a list of pages.
    fn starts_with_link(&self, k: usize) -> bool {
        self.outline.blocks[k].text.trim_start().starts_with("[[")
    }

    /// The size of block `i`'s automatic answer: (characters, non-blank lines), as
    /// [`Extractor::answer`] would write it.
    fn answer_size(&self, shown: &[usize], todo: &mut Vec<(usize, bool)>) -> (usize, usize) {
        let (mut chars, mut lines) = (0usize, 0usize);
        todo.clear();
        todo.extend(shown.iter().rev().map(|&k| (k, false)));
        while let Some((c, deep)) = todo.pop() {
            let f = &self.facts[c];
            let expand = deep || self.is_short(c);
            if expand {
                chars += f.chars as usize;
                lines += f.lines.max(1) as usize;
            } else {
                chars += f.first_chars as usize;
                lines += 1;
            }
            if chars > MAX_ANSWER_CHARS || lines > MAX_ANSWER_LINES {
                break;
            }
            if expand && f.desc_blocks > 0 {
                let at = todo.len();
                let blocks = &self.outline.blocks;
                let mut k = c + 1;
                while k < blocks[c].end {
                    if self.facts[k].content {
                        if self.facts[k].shown {
                            todo.push((k, true));
                        }
                        k = blocks[k].end;
                    } else {
                        k += 1;
                    }
                }
                todo[at..].reverse();
            }
        }
        (chars, lines)
    }

    fn is_short(&self, b: usize) -> bool {
        let f = &self.facts[b];
        f.desc_blocks <= SHORT_SUBTREE_BLOCKS && f.desc_chars <= SHORT_SUBTREE_CHARS
    }

    /// Children with text, looking through empty blocks to their children.
    fn content_children(&self, b: usize) -> Vec<usize> {
        let mut out = Vec::new();
        self.content_children_into(b, &mut out);
        out
    }

    /// [`Extractor::content_children`] into a buffer.
    fn content_children_into(&self, b: usize, out: &mut Vec<usize>) {
        out.clear();
        let blocks = &self.outline.blocks;
        let mut c = b + 1;
        while c < blocks[b].end {
            if self.facts[c].content {
                out.push(c);
                c = blocks[c].end;
            } else {
                c += 1; // an empty block: its children belong to `b`
            }
        }
    }

    /// Why no bold span of block `i` can be a cloze, whatever the span.
    fn cloze_block_skip(&self, i: usize) -> Option<Reason> {
        let inl = &self.inline[i];
        let f = &self.facts[i];
        if inl.bold.is_empty() {
            return Some(Reason::Plain);
        }
        if !self.bold_cloze {
            return Some(Reason::BoldOff);
        }
        if let Some(r) = self.structure_skip(i) {
            return Some(r);
        }
        if inl.whole_bold {
            return Some(Reason::BoldTerm);
        }
        if inl.text.trim_start().starts_with('|') {
            return Some(Reason::Table);
        }
        if f.chars as usize > PROSE_CHARS {
            return Some(Reason::Prose);
        }
        if rules::is_first_person(&inl.text) {
            return Some(Reason::NotSelfContained);
        }
        None
    }

    /// What block `i` is that is never a card, whatever its words: part of a log, a task, a
    /// query, code, a quote, a footnote.
    fn structure_skip(&self, i: usize) -> Option<Reason> {
        let (block, inl) = (&self.outline.blocks[i], &self.inline[i]);
        Some(if self.facts[i].in_log {
            Reason::Log
        } else if block.task {
            Reason::Task
        } else if inl.query {
            Reason::Query
        } else if inl.code_block {
            Reason::Code
        } else if inl.quote {
            Reason::Quote
        } else if is_footnote(&block.text) {
            Reason::Footnote
        } else {
            return None;
        })
    }

    /// Why one bold span of block `i` is no cloze, or None.
    /// `money` caches whether the block speaks of money (asked once per block, not per span).
    fn bold_skip(
        &self,
        i: usize,
        b: &inline::Bold,
        money: &std::cell::OnceCell<bool>,
    ) -> Option<Reason> {
        let text = &self.inline[i].text;
        let hidden = text[b.inner.clone()].trim();
        if b.partial {
            return Some(Reason::BoldPartWord);
        }
        if hidden.is_empty() {
            return Some(Reason::NoWordsAround);
        }
        // A label: `**Summary:**`, or `**Note**: …` at the start of the block.
        let after = &text[b.outer.end..];
        if hidden.ends_with([':', '：'])
            || (text[..b.outer.start].trim().is_empty()
                && after.starts_with([':', '：'])
                && rules::is_label_word(hidden))
        {
            return Some(Reason::BoldLabel);
        }
        if !has_words_outside(text, b.outer.clone()) {
            return Some(Reason::NoWordsAround);
        }
        // A name heading an entry (`**Brother Osk** (Tom) — dwarf cleric …`): a label of a roster
        // line, not a term. Every word capitalised, two or more of them.
        if text[..b.outer.start].trim().is_empty() && rules::is_proper_name(hidden) {
            let after = after.trim_start();
            if after.starts_with(['—', '–', '(', ':']) || after.starts_with("- ") {
                return Some(Reason::BoldLabel);
            }
        }
        if rules::is_stress_word(hidden) {
            return Some(Reason::BoldEmphasis);
        }
        if rules::answer_visible(hidden, &text[..b.outer.start], &text[b.outer.end..]) {
            return Some(Reason::AnswerVisible);
        }
        if rules::is_schedule_or_money(hidden) || *money.get_or_init(|| rules::holds_money(text)) {
            return Some(Reason::Schedule);
        }
        // A word or short phrase that the block says again elsewhere (`**congiuntivo
        // imperfetto**, … → [[Congiuntivo imperfetto]]`) is given away.
        if hidden.split_whitespace().nth(3).is_none()
            && hidden.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && !hidden.chars().any(rules::is_cjk)
        {
            let before = &text[..b.outer.start];
            let after = &text[b.outer.end..];
            if rules::has_word(before, hidden) || rules::has_word(after, hidden) {
                return Some(Reason::AnswerVisible);
            }
        }
        // `**A** vs **B**`: hiding one, the other and the `vs` give it away.
        for o in &self.inline[i].bold {
            let between = if o.outer.start >= b.outer.end {
                &text[b.outer.end..o.outer.start]
            } else if o.outer.end <= b.outer.start {
                &text[o.outer.end..b.outer.start]
            } else {
                continue;
            };
            let vs = |w: Option<&str>| matches!(w, Some("vs" | "vs." | "versus"));
            if matches!(between.trim(), "or" | "/" | "und" | "y" | "et" | "e")
                || vs(between.split_whitespace().next())
                || vs(between.split_whitespace().next_back())
            {
                return Some(Reason::AnswerVisible);
            }
        }
        // `**Lewis acid**: … **Lewis base**: …`, `**Major triad** … **Minor triad**`: hiding
        // one, the other gives it away.
        let (head, tail) = (first_word(hidden), last_word(hidden));
        if self.inline[i].bold.iter().any(|o| {
            let other = text[o.inner.clone()].trim();
            o.outer != b.outer
                && ((head.chars().nth(2).is_some() && same_word(first_word(other), head))
                    || (tail.chars().nth(2).is_some() && same_word(last_word(other), tail)))
        }) {
            return Some(Reason::AnswerVisible);
        }
        None
    }

    /// Which bold spans of block `i` can be clozes (see [`BoldVerdict`]).
    fn bold_verdict(&self, i: usize) -> BoldVerdict {
        if let Some(r) = self.cloze_block_skip(i) {
            return BoldVerdict {
                ok: 0,
                reason: Some(r),
            };
        }
        self.span_verdict(i)
    }

    /// Which of the first [`MAX_CLOZES_PER_BLOCK`] bold spans of block `i` can be clozes, by
    /// the rules of each span (the block's own are [`Self::cloze_block_skip`]'s).
    fn span_verdict(&self, i: usize) -> BoldVerdict {
        let mut v = BoldVerdict::default();
        let money = std::cell::OnceCell::new();
        for (n, b) in self.inline[i].bold.iter().enumerate() {
            if n >= MAX_CLOZES_PER_BLOCK {
                v.reason.get_or_insert(Reason::TooManyClozes);
                break;
            }
            match self.bold_skip(i, b, &money) {
                None => v.ok |= 1 << n,
                Some(r) => {
                    v.reason.get_or_insert(r);
                }
            }
        }
        v
    }

    /// One cloze card per bold span of block `i` that its verdict lets be one; the reason when
    /// none can.
    fn bold_clozes(
        &mut self,
        i: usize,
        group: usize,
        verdict: BoldVerdict,
        origin: Origin,
    ) -> Option<Reason> {
        if verdict.ok == 0 {
            return verdict.reason.or(Some(Reason::Plain));
        }
        let spans = std::mem::take(&mut self.inline[i].bold);
        for (n, b) in spans.iter().enumerate().take(MAX_CLOZES_PER_BLOCK) {
            if verdict.ok & (1 << n) == 0 {
                continue;
            }
            let text = &self.inline[i].text;
            let question = format!("{}[…]{}", &text[..b.outer.start], &text[b.outer.end..]);
            let answer = text[b.inner.clone()].trim().to_string();
            self.push(i, CardKind::Cloze, question, answer, n + 1, origin, group);
        }
        self.inline[i].bold = spans;
        None
    }

    /// The explicit cards of block `i`; the reason when it has none after all.
    fn explicit_cards(&mut self, i: usize, group: usize) -> Option<Reason> {
        let before = self.cards.len();
        let inl = &self.inline[i];
        let has_clozes = !inl.clozes.is_empty();
        if inl.card_tag && !has_clozes {
            let kids = self.content_children(i);
            let shown: Vec<usize> = kids.into_iter().filter(|&k| self.facts[k].shown).collect();
            if shown.iter().filter(|&&k| self.inline[k].card_tag).count() * 2 > shown.len() {
                return Some(Reason::CardCategory);
            }
            if !shown.is_empty() {
                let answer = self.answer(i, true);
                let question = self.inline[i].text.to_string();
                self.push(
                    i,
                    CardKind::Basic,
                    question,
                    answer,
                    0,
                    Origin::Explicit,
                    group,
                );
            } else if self.bold_cloze {
                let verdict = self.span_verdict(i);
                self.bold_clozes(i, group, verdict, Origin::Explicit);
            }
            if self.cards.len() == before && !self.inline[i].double_colon {
                // `term — meaning #card`: the question before the first dash, the answer after.
                if let Some((q, a)) = explicit::split_on_dash(&self.inline[i].text) {
                    let (q, a) = (q.to_string(), a.to_string());
                    self.push(i, CardKind::Basic, q, a, 0, Origin::Explicit, group);
                }
            }
        }
        let tagged_alone = self.inline[i].card_tag && !has_clozes;
        let inl = &self.inline[i];
        for c in explicit::cloze_cards(&inl.text, &inl.clozes) {
            self.push(
                i,
                CardKind::Cloze,
                c.question,
                c.answer,
                c.rank,
                Origin::Explicit,
                group,
            );
        }
        let mut dropped = None;
        if self.inline[i].double_colon {
            let block = &self.outline.blocks[i];
            for (q, a, both_ways, k) in explicit::line_cards(&block.text) {
                // `Thanks :: …` labels a line; `Garden :: I planted four today` is a diary; `30
                // :: guest — 192.168.30.0/24, isolated` is a row of a table. A number named
                // (`404 :: Not Found`) and a pronoun (`je suis :: I am`) are cards.
                let worded = q.chars().any(char::is_alphabetic);
                if (worded && rules::is_generic_title(q))
                    || (!worded && a.split_whitespace().count() > 3)
                {
                    dropped = Some(Reason::Generic);
                    continue;
                }
                if rules::is_first_person(a) && a.split_whitespace().count() >= 4 {
                    dropped = Some(Reason::NotSelfContained);
                    continue;
                }
                let (q, a) = (
                    inline::render(q).text.into_owned(),
                    inline::render(a).text.into_owned(),
                );
                let from = self.cards.len();
                if both_ways {
                    self.push(
                        i,
                        CardKind::Basic,
                        q.clone(),
                        a.clone(),
                        usize::MAX,
                        Origin::Explicit,
                        group,
                    );
                    self.push(
                        i,
                        CardKind::Basic,
                        a,
                        q,
                        usize::MAX,
                        Origin::Explicit,
                        group,
                    );
                } else {
                    self.push(
                        i,
                        CardKind::Basic,
                        q,
                        a,
                        usize::MAX,
                        Origin::Explicit,
                        group,
                    );
                }
                // Each line is a card of its own line, with a group of its own.
                let line = self.source_line(i, k);
                for d in &mut self.cards[from..] {
                    d.card.line = line;
                    if d.card.group == block.line {
                        d.card.group = line;
                    }
                }
            }
        }
        if tagged_alone && self.cards.len() == before {
            self.warnings.push(Warning {
                line: self.outline.blocks[i].line,
                message: "#card block has no answer (no children, no cloze, no `::`); add the answer as nested bullets".into(),
            });
        }
        (self.cards.len() == before).then_some(dropped.unwrap_or(Reason::NoAnswer))
    }

    /// The source line of line `k` of block `i`'s text: the block's line plus `k`, plus the
    /// property lines taken out of the text before it.
    fn source_line(&self, i: usize, k: usize) -> usize {
        let block = &self.outline.blocks[i];
        let mut line = block.line + k;
        for p in &block.properties {
            if p.line > block.line && p.line <= line {
                line += 1;
            }
        }
        line
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        i: usize,
        kind: CardKind,
        question: String,
        answer: String,
        rank: usize,
        origin: Origin,
        group: usize,
    ) {
        if question.trim().is_empty() || answer.trim().is_empty() {
            return;
        }
        self.cards.push(Draft {
            card: Card {
                key: CardKey(0),
                kind,
                question,
                answer,
                context: Arc::clone(&self.no_context), // set by `run` once the block is done
                deck: Arc::clone(&self.deck),
                source: Arc::clone(&self.source),
                line: self.outline.blocks[i].line,
                tags: Arc::clone(&self.no_tags),
                origin,
                group,
            },
            block: i,
            rank,
        });
    }

    /// The answer of a definition card: the block's children as Markdown, tasks and queries left
    /// out. `full` shows every descendant (explicit cards); otherwise long child subtrees show
    /// their first line.
    fn answer(&self, b: usize, full: bool) -> String {
        let kids: Vec<usize> = self
            .content_children(b)
            .into_iter()
            .filter(|&k| self.facts[k].shown)
            .collect();
        if let [only] = kids[..] {
            if self.facts[only].desc_blocks == 0 {
                return self.inline[only].text.to_string();
            }
        }
        let mut out = String::new();
        let mut lines = 0usize;
        let mut prev_paragraph = false;
        let mut todo: Vec<(usize, usize)> = kids.iter().rev().map(|&k| (k, 0)).collect();
        while let Some((c, level)) = todo.pop() {
            if full && lines >= MAX_EXPLICIT_ANSWER_LINES {
                out.push_str("\n- …");
                break;
            }
            let expand = full || level > 0 || self.is_short(c);
            let text: &str = if expand {
                &self.inline[c].text
            } else {
                self.inline[c].first_line()
            };
            let paragraph = level == 0 && self.outline.blocks[c].kind == BlockKind::Paragraph;
            if !out.is_empty() {
                out.push('\n');
                if paragraph || prev_paragraph {
                    out.push('\n');
                }
            }
            prev_paragraph = paragraph;
            lines += write_item(&mut out, text, level, paragraph);
            if expand && self.facts[c].desc_blocks > 0 {
                let at = todo.len();
                todo.extend(
                    self.content_children(c)
                        .into_iter()
                        .filter(|&k| self.facts[k].shown)
                        .map(|k| (k, level + 1)),
                );
                todo[at..].reverse();
            }
        }
        out
    }

    /// The ancestor path, e.g. `from library › asyncio › lock`.
    fn context(&self, ancestors: &[(usize, usize, usize)]) -> String {
        let mut out = String::new();
        let n = ancestors.len();
        for (k, &(_, b, _)) in ancestors.iter().enumerate() {
            let elided = n > CONTEXT_SEGMENTS && k > 0 && k < n - (CONTEXT_SEGMENTS - 2);
            if elided {
                if k == 1 {
                    out.push_str(" › …");
                }
                continue;
            }
            if k > 0 {
                out.push_str(" › ");
            }
            self.push_label(&mut out, b);
        }
        out
    }

    /// Appends a block's first line, without bold markers, cut to a readable length.
    fn push_label(&self, out: &mut String, b: usize) {
        let inl = &self.inline[b];
        if inl.code_block {
            out.push_str("code");
            return;
        }
        // Only the head of the line is read, however long the line (each card's context
        // reads its ancestors' labels again).
        let text = &inl.text;
        let head = match text.char_indices().nth(CONTEXT_LABEL_CHARS * 4) {
            Some((k, _)) => &text[..k],
            None => text,
        };
        let mut rest = head.lines().next().unwrap_or("").trim();
        let mut budget = CONTEXT_LABEL_CHARS;
        while !rest.is_empty() {
            let part = match super::outline::find_pair(rest, 0, b'*') {
                Some(at) => {
                    let part = &rest[..at];
                    rest = &rest[at + 2..];
                    part
                }
                None => std::mem::take(&mut rest),
            };
            match part.char_indices().nth(budget) {
                None => {
                    out.push_str(part);
                    budget -= part.chars().count();
                }
                Some((cut, _)) => {
                    out.push_str(part[..cut].trim_end());
                    out.push('…');
                    return;
                }
            }
        }
    }
}

/// A title and names: a link followed by a few capitalised words (`[[Piranesi]] — Susanna
/// Clarke ⭐⭐⭐`, `[[Middlemarch]] by George Eliot #fiction`).
fn is_reference(src: &str, c: &Inline<'_>) -> bool {
    let src = src.trim_start();
    (src.starts_with('[') || src.starts_with("#[[")) && c.links() > 0 && {
        let (words, caps) = (c.words(), c.capitalized());
        words <= 5 && caps >= 1 && words - caps <= 1
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

/// A text's size: (characters, non-blank lines, characters of the first line). Characters,
/// not bytes: CJK notes are measured like any other. `memchr` and an ASCII check do the work.
fn measure(text: &str) -> (u64, u32, u32) {
    let b = text.as_bytes();
    let chars = |s: &[u8]| -> u64 {
        if s.is_ascii() {
            s.len() as u64
        } else {
            s.iter().filter(|&&c| (c & 0xC0) != 0x80).count() as u64
        }
    };
    let Some(first_nl) = memchr::memchr(b'\n', b) else {
        let n = chars(b);
        return (n, (!text.trim().is_empty()) as u32, n as u32);
    };
    let mut lines = 0u32;
    for line in text.split('\n') {
        lines += !line.trim().is_empty() as u32;
    }
    (chars(b), lines, chars(&b[..first_nl]) as u32)
}

/// `[^1]: …`: a footnote definition.
fn is_footnote(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("[^")
        && t.find("]:")
            .is_some_and(|at| !t[2..at].contains([' ', ']']))
}

/// Writes one list item (or a paragraph) of an answer; returns the lines written.
fn write_item(out: &mut String, text: &str, level: usize, paragraph: bool) -> usize {
    if paragraph {
        out.push_str(text);
        return text.lines().count().max(1);
    }
    let indent = level.min(MAX_ANSWER_INDENT) * 2;
    let mut n = 0;
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if k == 0 || !line.is_empty() {
            out.extend(std::iter::repeat_n(' ', indent));
            out.push_str(if k == 0 { "- " } else { "  " });
            out.push_str(line);
        }
        n += 1;
    }
    n
}

/// The first word of `s`, or "".
fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or("")
}

/// The last word of `s` when it has two or more, or "".
fn last_word(s: &str) -> &str {
    let mut w = s.split_whitespace();
    w.next().and(w.next_back()).unwrap_or("")
}

/// Are two words the same, case aside?
fn same_word(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || (!a.is_ascii() && a.to_lowercase() == b.to_lowercase())
}

/// Does a cloze text keep some words outside its hidden span?
fn has_words_outside(text: &str, hidden: Range<usize>) -> bool {
    let words = |s: &str| s.chars().any(char::is_alphanumeric);
    words(&text[..hidden.start]) || words(&text[hidden.end..])
}

/// A `tags::` value: `a, b`, `[[a b]], #c`, `[a, b]`.
fn tag_list(value: &str) -> Vec<String> {
    value
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|t| {
            t.trim()
                .trim_start_matches('#')
                .trim_start_matches("[[")
                .trim_end_matches("]]")
                .trim()
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" => Some(true),
        "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod rules_tests;
