//! Card extractor: an [`Outline`] in, [`Card`]s out. Pure functions, no I/O.
//!
//! # Rules
//! **Automatic pages** (the default for ordinary notes):
//! - *Definition cards.* A block with children asks its own text; the answer is its children
//!   as a nested list (code blocks intact). A child whose own subtree is short (at most
//!   [`SHORT_SUBTREE_BLOCKS`] blocks and [`SHORT_SUBTREE_CHARS`] characters below it) is shown
//!   whole and gets no card of its own: its parent's card already asks it. A child with a longer
//!   subtree is shown by its first line and becomes its own card.
//! - *Categories.* A block most of whose children have children of their own (`from library` →
//!   `functools`, `logging`, ...) lists topics rather than facts: it gives no card, and its
//!   children are asked on their own.
//! - *Cloze cards.* Each bold span (as pulldown-cmark reads it, widened to whole words) becomes a
//!   card with the span hidden as `[…]`. Not a cloze: a block bold from end to end (a term), a
//!   bold label ending in `:` (`**Summary:**`), a span whose hiding leaves no words.
//!
//! **Explicit pages** (any page with `#card`, `{{cloze …}}` or a `question :: answer` line, and
//! Logseq `journals/` pages) yield only those cards: a `#card` block asks its text with all its
//! children as the answer (or its clozes); `{{cloze x}}` / `{{c1::x}}` hide `x`;
//! `question :: answer` makes a card and `question ::: answer` two, one each way.
//!
//! Empty blocks and property-only blocks are skipped; their children count as their parent's.
//! Page properties `recall-cards:: auto | explicit | off` and `recall-cloze:: false` override the
//! [`Settings`].
//!
//! # Keys
//! A card's key hashes its deck, kind and question (lower-cased, whitespace and `*`/`_`/`` ` ``
//! ignored), or its block's Logseq `id::`. Line numbers never enter it, so moving blocks keeps
//! keys. When a question repeats in a deck, the first keeps the plain key, later ones add their
//! context, then their rank among equals.

use super::inline::{self, Inline};
use super::outline::{BlockKind, Outline, Warning};
use crate::model::{Card, CardKey, CardKind};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
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
const MAX_ANSWER_LINES: usize = 200;
/// Nesting deeper than this is not indented further in answers.
const MAX_ANSWER_INDENT: usize = 16;

/// Which cards a page yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Explicit cards if the page marks any, otherwise definitions and bold clozes.
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
    /// The file as shown to the user; a `journals` folder in it marks a journal page.
    pub source: &'a str,
}

impl NoteRef<'_> {
    fn is_journal(&self) -> bool {
        self.source
            .split(['/', '\\'])
            .rev()
            .skip(1)
            .any(|c| c.eq_ignore_ascii_case("journals"))
    }
}

/// Cards of one note, with what the user should know about it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Extraction {
    pub cards: Vec<Card>,
    pub warnings: Vec<Warning>,
}

/// Parses note text and extracts its cards.
pub fn cards_from_text(text: &str, note: NoteRef<'_>, settings: &Settings) -> Extraction {
    extract(&super::outline::parse(text), note, settings)
}

/// Extracts the cards of a parsed note.
pub fn extract(outline: &Outline, note: NoteRef<'_>, settings: &Settings) -> Extraction {
    let mut x = Extractor::new(outline, note, settings);
    x.run();
    let mut cards = x.cards;
    assign_keys(&mut cards, outline, note.deck);
    Extraction {
        cards: cards.into_iter().map(|d| d.card).collect(),
        warnings: x.warnings,
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

struct Extractor<'a> {
    outline: &'a Outline,
    deck: Arc<str>,
    source: Arc<str>,
    no_context: Arc<str>,
    inline: Vec<Inline<'a>>,
    /// The block has text of its own.
    content: Vec<bool>,
    /// Non-empty blocks below each block.
    desc_blocks: Vec<u32>,
    /// Characters of text below each block.
    desc_chars: Vec<u64>,
    mode: Mode,
    bold_cloze: bool,
    cards: Vec<Draft>,
    warnings: Vec<Warning>,
}

impl<'a> Extractor<'a> {
    fn new(outline: &'a Outline, note: NoteRef<'a>, settings: &Settings) -> Self {
        let blocks = &outline.blocks;
        let mut scratch = inline::Scratch::default();
        let mut inline: Vec<Inline> = blocks
            .iter()
            .map(|b| inline::render_with(&b.text, &mut scratch))
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
        let content: Vec<bool> = inline.iter().map(|i| !i.text.is_empty()).collect();
        let mut desc_blocks = vec![0u32; blocks.len()];
        let mut desc_chars = vec![0u64; blocks.len()];
        for i in (0..blocks.len()).rev() {
            if let Some(p) = blocks[i].parent {
                let own = content[i] as u32;
                desc_blocks[p] = desc_blocks[p].saturating_add(desc_blocks[i].saturating_add(own));
                let chars = if content[i] {
                    inline[i].text.len() as u64
                } else {
                    0
                };
                desc_chars[p] = desc_chars[p].saturating_add(desc_chars[i].saturating_add(chars));
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
        let marked = inline.iter().zip(blocks).any(|(i, b)| {
            i.card_tag
                || !i.clozes.is_empty()
                || (i.double_colon && b.text.lines().any(|l| line_card(l).is_some()))
        });
        if mode == Mode::Auto && marked {
            mode = Mode::Explicit;
        }
        Extractor {
            outline,
            deck: note.deck.into(),
            source: note.source.into(),
            no_context: "".into(),
            inline,
            content,
            desc_blocks,
            desc_chars,
            mode,
            bold_cloze,
            cards: Vec::new(),
            warnings,
        }
    }

    fn run(&mut self) {
        if self.mode == Mode::Off {
            return;
        }
        let blocks = &self.outline.blocks;
        let category: Vec<bool> = (0..blocks.len()).map(|i| self.is_category(i)).collect();
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
        for (i, block) in blocks.iter().enumerate() {
            while let Some(&(end, _, tag_len)) = ancestors.last() {
                if end > i {
                    break;
                }
                ancestors.pop();
                tags.truncate(tag_len);
            }
            if !self.content[i] {
                continue;
            }
            let tag_len = tags.len();
            for t in &self.inline[i].tags {
                if !tags.contains(t) {
                    tags.push(t.clone());
                }
            }
            let parent = ancestors.last().map(|&(_, p, _)| p);
            let before = self.cards.len();
            match self.mode {
                Mode::Auto => self.auto_cards(i, parent, &category),
                Mode::Explicit => self.explicit_cards(i),
                Mode::Off => {}
            }
            if self.cards.len() > before {
                let context = match &last_context {
                    Some((p, c)) if *p == parent => c.clone(),
                    _ => {
                        let c: Arc<str> = self.context(&ancestors).into();
                        last_context = Some((parent, c.clone()));
                        c
                    }
                };
                for d in &mut self.cards[before..] {
                    d.card.context.clone_from(&context);
                    d.card.tags.clone_from(&tags);
                }
            }
            ancestors.push((block.end, i, tag_len));
        }
    }

    /// Most non-empty children have children of their own: a list of topics.
    fn is_category(&self, b: usize) -> bool {
        if !self.content[b] || self.desc_blocks[b] == 0 {
            return false;
        }
        let (mut kids, mut parents) = (0, 0);
        self.for_content_children(b, |k| {
            kids += 1;
            parents += (self.desc_blocks[k] > 0) as usize;
        });
        parents * 2 > kids
    }

    fn is_short(&self, b: usize) -> bool {
        self.desc_blocks[b] <= SHORT_SUBTREE_BLOCKS && self.desc_chars[b] <= SHORT_SUBTREE_CHARS
    }

    /// Children with text, looking through empty blocks to their children.
    fn content_children(&self, b: usize) -> Vec<usize> {
        let mut out = Vec::new();
        self.for_content_children(b, |c| out.push(c));
        out
    }

    /// Calls `f` on each child with text, in order, looking through empty blocks.
    fn for_content_children(&self, b: usize, mut f: impl FnMut(usize)) {
        let blocks = &self.outline.blocks;
        // Walk the subtree in order, skipping over the subtree of every block with text.
        let mut c = b + 1;
        while c < blocks[b].end {
            if self.content[c] {
                f(c);
                c = blocks[c].end;
            } else {
                c += 1; // an empty block: its children belong to `b`
            }
        }
    }

    fn auto_cards(&mut self, i: usize, parent: Option<usize>, category: &[bool]) {
        let inl = &self.inline[i];
        let asked_by_parent =
            parent.is_some_and(|p| !category[p] && !self.inline[p].code_block) && self.is_short(i);
        if self.desc_blocks[i] > 0 && !category[i] && !inl.code_block && !asked_by_parent {
            let question = inl.text.to_string();
            let answer = self.answer(i, false);
            self.push(i, CardKind::Basic, question, answer, 0);
        }
        if self.bold_cloze {
            self.bold_clozes(i);
        }
    }

    /// One cloze card per bold span of block `i` (see the module comment for what is skipped).
    fn bold_clozes(&mut self, i: usize) {
        if self.inline[i].whole_bold {
            return;
        }
        let spans: Vec<_> = self.inline[i]
            .bold
            .iter()
            .map(|b| (b.outer.clone(), b.inner.clone()))
            .collect();
        for (n, (outer, inner)) in spans.into_iter().enumerate() {
            let text = &self.inline[i].text;
            let hidden = text[inner].trim();
            if hidden.is_empty() || hidden.ends_with(':') {
                continue;
            }
            if !has_words_outside(text, outer.clone()) {
                continue;
            }
            let question = format!("{}[…]{}", &text[..outer.start], &text[outer.end..]);
            let answer = hidden.to_string();
            self.push(i, CardKind::Cloze, question, answer, n + 1);
        }
    }

    fn explicit_cards(&mut self, i: usize) {
        let inl = &self.inline[i];
        let clozes = inl.clozes.clone();
        let has_clozes = !clozes.is_empty();
        if inl.card_tag {
            if has_clozes {
                // The clozes below make the cards.
            } else if self.desc_blocks[i] > 0 {
                let answer = self.answer(i, true);
                self.push(
                    i,
                    CardKind::Basic,
                    self.inline[i].text.to_string(),
                    answer,
                    0,
                );
            } else if self.bold_cloze {
                let before = self.cards.len();
                self.bold_clozes(i);
                if self.cards.len() == before {
                    self.warn_no_answer(i);
                }
            } else {
                self.warn_no_answer(i);
            }
        }
        for (n, r) in clozes.iter().enumerate() {
            let text = &self.inline[i].text;
            let question = format!("{}[…]{}", &text[..r.start], &text[r.end..]);
            let answer = text[r.clone()].trim().to_string();
            self.push(i, CardKind::Cloze, question, answer, n + 1);
        }
        if !self.inline[i].double_colon {
            return;
        }
        let block = &self.outline.blocks[i];
        let line_cards: Vec<_> = block.text.lines().filter_map(line_card).collect();
        for (q, a, both_ways) in line_cards {
            let (q, a) = (
                inline::render(q).text.into_owned(),
                inline::render(a).text.into_owned(),
            );
            if both_ways {
                self.push(i, CardKind::Basic, q.clone(), a.clone(), usize::MAX);
                self.push(i, CardKind::Basic, a, q, usize::MAX);
            } else {
                self.push(i, CardKind::Basic, q, a, usize::MAX);
            }
        }
    }

    fn warn_no_answer(&mut self, i: usize) {
        self.warnings.push(Warning {
            line: self.outline.blocks[i].line,
            message: "#card block has no answer (no children, no cloze); add the answer as nested bullets".into(),
        });
    }

    fn push(&mut self, i: usize, kind: CardKind, question: String, answer: String, rank: usize) {
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
                tags: Vec::new(),
            },
            block: i,
            rank,
        });
    }

    /// The answer of a definition card: the block's children as Markdown. `full` shows every
    /// descendant (explicit cards); otherwise long child subtrees show their first line.
    fn answer(&self, b: usize, full: bool) -> String {
        let kids = self.content_children(b);
        if let [only] = kids[..] {
            if self.desc_blocks[only] == 0 {
                return self.inline[only].text.to_string();
            }
        }
        let mut out = String::new();
        let mut lines = 0usize;
        let mut prev_paragraph = false;
        let mut todo: Vec<(usize, usize)> = kids.iter().rev().map(|&k| (k, 0)).collect();
        while let Some((c, level)) = todo.pop() {
            if full && lines >= MAX_ANSWER_LINES {
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
            if expand && self.desc_blocks[c] > 0 {
                let at = todo.len();
                todo.extend(self.content_children(c).into_iter().map(|k| (k, level + 1)));
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
        let mut rest = inl.first_line().trim();
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

/// Writes one list item (or a paragraph) of an answer; returns the lines written.
fn write_item(out: &mut String, text: &str, level: usize, paragraph: bool) -> usize {
    if paragraph {
        out.push_str(text);
        return text.lines().count().max(1);
    }
    let indent = "  ".repeat(level.min(MAX_ANSWER_INDENT));
    let mut n = 0;
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if k == 0 {
            let _ = write!(out, "{indent}- {line}");
        } else if !line.is_empty() {
            let _ = write!(out, "{indent}  {line}");
        }
        n += 1;
    }
    n
}

/// Does a cloze text keep some words outside its hidden span?
fn has_words_outside(text: &str, hidden: Range<usize>) -> bool {
    let words = |s: &str| s.chars().any(char::is_alphanumeric);
    words(&text[..hidden.start]) || words(&text[hidden.end..])
}

/// `question :: answer` (or `question ::: answer`, both ways) on one line, outside code spans.
/// The `::` must have a space on at least one side, so `std::io` is not a card; a line whose
/// question is one identifier directly followed by `::` is a property, never a card.
fn line_card(line: &str) -> Option<(&str, &str, bool)> {
    let mut from = 0;
    while let Some(at) = super::outline::find_pair(line, from, b':') {
        let run = line[at..].bytes().take_while(|&b| b == b':').count();
        from = at + run;
        if run > 3 || line[..at].matches('`').count() % 2 == 1 {
            continue;
        }
        let (q, a) = (&line[..at], &line[at + run..]);
        let spaced = q.ends_with([' ', '\t']) || a.starts_with([' ', '\t']);
        if !spaced || super::outline::property_line(line).is_some() {
            continue;
        }
        let (q, a) = (q.trim(), a.trim());
        if q.is_empty() || a.is_empty() {
            return None;
        }
        return Some((q, a, run == 3));
    }
    None
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

/// Builds key material in one reused buffer and hashes it in one call.
#[derive(Default)]
struct KeyHasher {
    buf: Vec<u8>,
}

impl KeyHasher {
    /// Hashes `parts` as they are, then `normalized` texts as they count for identity: case,
    /// runs of whitespace and the emphasis markers `*`, `_`, `` ` `` ignored.
    fn hash(&mut self, parts: &[&str], normalized: &[&str]) -> u64 {
        self.buf.clear();
        for p in parts {
            self.buf.extend_from_slice(p.as_bytes());
            self.buf.push(0x1f);
        }
        for t in normalized {
            self.push_normalized(t);
            self.buf.push(0x1f);
        }
        xxhash_rust::xxh3::xxh3_64(&self.buf)
    }

    fn push_normalized(&mut self, text: &str) {
        let text = text.trim();
        let bytes = text.as_bytes();
        self.buf.reserve(bytes.len() + 1);
        let mut space = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii() {
                i += 1;
                match b {
                    b'*' | b'_' | b'`' => {}
                    b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' => space = true,
                    b => {
                        if space {
                            self.buf.push(b' ');
                            space = false;
                        }
                        self.buf.push(b.to_ascii_lowercase());
                    }
                }
                continue;
            }
            // A non-ASCII character: decode just this one.
            let c = text[i..].chars().next().expect("i is on a char boundary");
            i += c.len_utf8();
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                self.buf.push(b' ');
                space = false;
            }
            for l in c.to_lowercase() {
                let mut tmp = [0u8; 4];
                self.buf
                    .extend_from_slice(l.encode_utf8(&mut tmp).as_bytes());
            }
        }
    }
}

/// Gives every card its stable key (see the module comment), unique within the deck.
fn assign_keys(cards: &mut [Draft], outline: &Outline, deck: &str) {
    let mut taken: HashSet<u64> = HashSet::with_capacity(cards.len());
    // Next rank to try for a (question, context) that repeats, so repeats cost O(1) each.
    let mut next_rank: HashMap<u64, u64> = HashMap::new();
    let mut h = KeyHasher::default();
    for d in cards {
        let kind = d.card.kind.as_str();
        let question = d.card.question.as_str();
        let id = outline.blocks[d.block]
            .property("id")
            .filter(|id| !id.is_empty());
        let base = match id {
            Some(id) if d.rank != usize::MAX => {
                h.hash(&[deck, "id", id, kind, &d.rank.to_string()], &[])
            }
            _ => h.hash(&[deck, kind], &[question]),
        };
        let mut key = base;
        if !taken.insert(key) {
            let context = &*d.card.context;
            let with_context = h.hash(&[deck, kind], &[question, context]);
            key = with_context;
            if !taken.insert(key) {
                let n = next_rank.entry(with_context).or_insert(2);
                loop {
                    key = h.hash(&[deck, kind, &n.to_string()], &[question, context]);
                    *n += 1;
                    if taken.insert(key) {
                        break;
                    }
                }
            }
        }
        d.card.key = CardKey(key);
    }
}

#[cfg(test)]
mod tests;
