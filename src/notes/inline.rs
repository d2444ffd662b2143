//! The inline Markdown of one block, read with pulldown-cmark (the source of truth for what is
//! bold, code, a link or a heading), turned into the block's *display text* plus the spans and
//! facts the extractor needs.
//!
//! The display text is the block's own Markdown with note-tool syntax rewritten for reading:
//! `[[page]]` and `[text](url)` show their text, `#[[multi word]]` shows as `#multi word`, the
//! `#card` marker and `{{cloze …}}` wrappers disappear, macros (`{{renderer …}}`, `{{query …}}`,
//! `{{i f021}}`, …), images, raw HTML tags and footnote references (`[^1]`) are taken out
//! (`<br>` becomes a line break), an Obsidian callout marker (`> [!tip]`) becomes its label, heading
//! markers (`## `) are dropped, and a bold span that starts inside a word is widened to the whole
//! word (word boundaries as Unicode UAX #29 defines them, so `貓屬於**食肉目**動物` stays as it is).
//! Everything else (code spans, fenced code, escapes) is copied from the source untouched.
//!
//! Every stage is one pass over the block (the `{{ … }}` pairs are matched with a stack), so
//! the cost is linear in the block's size whatever it holds.

use super::caps::Caps;
use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

mod markup;
mod render;

use markup::{word_boundary, word_start};

/// A bold span of the display text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bold {
    /// The span with its `**` markers.
    pub outer: Range<usize>,
    /// The words inside the markers.
    pub inner: Range<usize>,
    /// The span ends inside a word (`re**borrow**ing`, `**pack**file`): it stresses part of a
    /// word, it does not mark a term.
    pub partial: bool,
}

/// A `{{cloze …}}` or Anki `{{c1::…}}` span of the display text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cloze {
    /// The hidden text.
    pub span: Range<usize>,
    /// Anki `{{c1::text::hint}}` or Logseq `{{cloze text \\ hint}}`: shown in the blank.
    pub hint: Option<String>,
    /// Anki's cloze number (spans sharing one make one card); `None` for Logseq clozes.
    pub number: Option<u32>,
}

/// One block's inline content, ready for card extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline<'a> {
    /// Display Markdown (see the module comment); borrowed when nothing needed rewriting.
    pub text: Cow<'a, str>,
    /// Top-level bold spans, in order.
    pub bold: Vec<Bold>,
    /// Cloze spans, in order.
    pub clozes: Vec<Cloze>,
    /// `#tag`, `#[[multi word tag]]`, lower-cased, without `#`, in order, no duplicates.
    pub tags: Vec<String>,
    /// More than [`Caps::tags_per_block`] tags: the rest were left out.
    pub too_many_tags: bool,
    /// The block is marked as a card (`#card`, `#[[card]]`, `[[card]]`); the marker is removed.
    pub card_tag: bool,
    /// The whole block is one bold span: a term, not a cloze.
    pub whole_bold: bool,
    /// The block is (starts with) a fenced code block.
    pub code_block: bool,
    /// The source has `::` somewhere (a possible `question :: answer` line).
    pub double_colon: bool,
    /// The block starts with a heading (a Markdown heading, or `## …` in a Logseq bullet).
    pub heading: bool,
    /// The block is a block quote (an Obsidian callout or a Logseq `#+BEGIN_QUOTE` included).
    pub quote: bool,
    /// Words of the block's own, outside links, tags, URLs, `@handles`, macros and media (a code
    /// span counts as one word), up to [`WORDS_COUNTED`]; [`UNCOUNTED`] for plain text until
    /// asked ([`Inline::words`]).
    words: Cell<u32>,
    /// Of those, words starting with a capital letter (names, titles).
    capitalized: Cell<u32>,
    /// Links (wiki, Markdown, URLs, `@handles`) in the block; [`UNCOUNTED`] for plain text until
    /// asked ([`Inline::links`]).
    links: Cell<u32>,
    /// Images, videos, audio, iframes.
    pub media: u32,
    /// The block's images as Markdown (`![alt](path)`), in order: taken out of the text the
    /// rules read and shown after the card's text by the browser (`recall serve`).
    pub images: Vec<String>,
    /// Macros taken out of the text (`{{renderer …}}`, `{{i f021}}`, ...), queries included.
    pub macros: u32,
    /// A `{{query …}}` macro or a `query` fence (`#+BEGIN_QUERY`).
    pub query: bool,
}

/// Plain text's words are counted when first asked: most blocks never are.
const UNCOUNTED: u32 = u32::MAX;

/// Words are counted up to this many: every rule that looks at the count asks about fewer
/// (a title and a few names, a word beside an icon), so longer texts stop early.
pub const WORDS_COUNTED: u32 = 8;

impl Inline<'_> {
    /// The first line of the display text (a block's "title").
    pub fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or("")
    }

    /// Counts the words of plain text the first time they are asked for.
    fn counted(&self) {
        if self.words.get() == UNCOUNTED {
            let (w, c, l) = count_words(&self.text);
            self.words.set(w);
            self.capitalized.set(c);
            self.links.set(l);
        }
    }

    /// Words of the block's own (see the field).
    pub fn words(&self) -> u32 {
        self.counted();
        self.words.get()
    }

    /// Links in the block (wiki, Markdown, URLs, `@handles`).
    pub fn links(&self) -> u32 {
        if self.links.get() == UNCOUNTED {
            // Plain text links only by a URL or a handle; without either nothing need be counted.
            let t = self.text.as_bytes();
            let maybe = memchr::memchr2_iter(b'@', b'.', t).any(|at| {
                t[at] == b'@' || t[at.saturating_sub(3)..at].eq_ignore_ascii_case(b"www")
            }) || memchr::memchr_iter(b':', t).any(|at| t[at..].starts_with(b"://"));
            if !maybe {
                self.links.set(0);
                return 0;
            }
            self.words.set(UNCOUNTED);
            self.counted();
        }
        self.links.get()
    }

    /// Words of the block's own that start with a capital letter.
    pub fn capitalized(&self) -> u32 {
        self.counted();
        self.capitalized.get()
    }

    /// Nothing but links, tags, URLs, media or macros: no words of its own.
    pub fn no_words(&self) -> bool {
        self.words() == 0
    }
}

/// Is `pos` inside one of the (sorted, disjoint) code ranges?
fn in_code(code: &[Range<usize>], pos: usize) -> bool {
    let i = code.partition_point(|r| r.end <= pos);
    code.get(i).is_some_and(|r| r.start <= pos)
}

/// What a quick byte scan finds: does the text need the Markdown parser, does it hold `::`?
/// Only `[` (links, footnotes, images), `#` (tags, headings), `**`/`__` (bold), `{{` (clozes,
/// macros), `<` (HTML) and `>` at the start of a line (quotes) can change the display text; a
/// single `*`, `_` or backtick cannot. Most note lines are plain prose and skip the parser.
fn scan(src: &str) -> (bool, bool) {
    let mut prev = b'\n';
    let (mut parser, mut colons) = (false, false);
    for &b in src.as_bytes() {
        match b {
            b'[' | b'#' | b'<' => parser = true,
            b'*' | b'_' | b'{' | b'=' if prev == b => parser = true,
            b':' if prev == b':' => colons = true,
            b'>' if prev == b'\n' => parser = true,
            _ => {}
        }
        prev = b;
    }
    (parser, colons)
}

/// Counts words in plain text: white-space separated tokens holding a letter, not URLs,
/// `@handles`, `#tags` or version numbers (`v2.3.0`); a code span is one word. Returns (words,
/// capitalized words, URLs and handles).
fn count_words(text: &str) -> (u32, u32, u32) {
    let (mut words, mut caps, mut urls) = (0, 0, 0);
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() && words < WORDS_COUNTED {
        match b[i] {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'`' => {
                // A code span is one word, whatever it holds.
                if let Some(end) = text[i + 1..].find('`') {
                    words += 1;
                    i += end + 2;
                    continue;
                }
                i += 1;
                continue;
            }
            _ => {}
        }
        let start = i;
        while i < b.len() && !matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'`') {
            i += 1;
        }
        let lead = b[start..i]
            .iter()
            .take_while(|c| matches!(c, b'(' | b'"' | b'\'' | b'['))
            .count();
        let t = &text[start + lead..i];
        let tb = t.as_bytes();
        if tb.starts_with(b"http://") || tb.starts_with(b"https://") || tb.starts_with(b"www.") {
            urls += 1;
            continue;
        }
        if tb.len() > 1 && tb[0] == b'@' {
            urls += 1; // a handle links to someone
            continue;
        }
        if (tb.len() > 1 && tb[0] == b'#') || is_version(t) {
            continue;
        }
        let first = if t.is_ascii() {
            tb.iter()
                .find(|c| c.is_ascii_alphabetic())
                .map(|&c| c as char)
        } else {
            t.chars().find(|c| c.is_alphabetic())
        };
        if let Some(first) = first {
            words += 1;
            caps += (first.is_uppercase() && t.starts_with(first)) as u32;
        }
    }
    (words, caps, urls)
}

/// `v2.3.0`, `0.7.x`, `1.2`: a version number, not a word.
fn is_version(t: &str) -> bool {
    if !t.as_bytes().iter().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let t = t.trim_end_matches([',', ';', ':', ')']);
    let body = t.strip_prefix(['v', 'V']).unwrap_or(t);
    body.starts_with(|c: char| c.is_ascii_digit())
        && body.contains('.')
        && body
            .split('.')
            .all(|p| !p.is_empty() && (p.bytes().all(|b| b.is_ascii_digit()) || p == "x"))
}

/// `text` cut to at most `max_chars` characters, an ellipsis where it was cut (for one line
/// shown in a summary, a note or a reference).
pub fn clip(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_string(),
    }
}

/// Reads one block's Markdown source.
pub fn render(src: &str) -> Inline<'_> {
    render_with(src, &mut Scratch::default(), &Caps::default())
}

/// Buffers [`render_with`] reuses from block to block.
#[derive(Default)]
pub struct Scratch {
    edits: Vec<Edit>,
    bolds: Vec<PendingBold>,
    clozes: Vec<PendingCloze>,
    code: Vec<Range<usize>>,
    order: Vec<usize>,
    landing: Vec<Landing>,
    opens: Vec<usize>,
    texts: Vec<Range<usize>>,
    macro_spans: Vec<Range<usize>>,
}

/// A fence's language that makes it a query of the notes, not code: Logseq's `query`, the
/// Obsidian Dataview and Tasks plugins' `dataview`, `dataviewjs` and `tasks`.
fn is_query_language(info: &str) -> bool {
    let lang = info.split_whitespace().next().unwrap_or("");
    ["query", "dataview", "dataviewjs", "tasks"]
        .iter()
        .any(|q| lang.eq_ignore_ascii_case(q))
}

/// [`render`], reusing `scratch`'s buffers (for reading many blocks), keeping at most
/// `caps.tags_per_block` tags and `caps.bold_spans()` bold spans.
pub fn render_with<'a>(src: &'a str, scratch: &mut Scratch, caps: &Caps) -> Inline<'a> {
    render_marked(src, scratch, caps, false)
}

/// [`render_with`], with Obsidian highlights (`==text==`) read as bold (`**text**`) when
/// `highlight_bold`: they show as bold and are bold spans, clozes where bold ones are.
pub fn render_marked<'a>(
    src: &'a str,
    scratch: &mut Scratch,
    caps: &Caps,
    highlight_bold: bool,
) -> Inline<'a> {
    let (parser, double_colon) = scan(src);
    let mut inline = if parser {
        let mut renderer = Renderer::new(src, scratch, caps);
        renderer.highlight_bold = highlight_bold;
        renderer.run()
    } else {
        let text = src.trim();
        let (words, capitalized, links) = (UNCOUNTED, UNCOUNTED, UNCOUNTED);
        Inline {
            code_block: text.starts_with("```") || text.starts_with("~~~"),
            query: text
                .strip_prefix("```")
                .is_some_and(|rest| is_query_language(rest.lines().next().unwrap_or(""))),
            text: Cow::Borrowed(text),
            words: Cell::new(words),
            capitalized: Cell::new(capitalized),
            links: Cell::new(links),
            ..Inline::default()
        }
    };
    inline.double_colon = double_colon;
    inline
}

/// A change to the source: replace `start..end` by `insert`. Zero-length edits with an empty
/// `insert` are anchors that only record where a source position lands in the output.
#[derive(Debug)]
struct Edit {
    start: usize,
    end: usize,
    insert: &'static str,
}

/// A link being read: its whole source range, the range of its text, its kind and nesting.
struct OpenLink {
    outer: Range<usize>,
    inner: Option<Range<usize>>,
    kind: LinkType,
    depth: usize,
}

/// Where an edit landed in the output: the output length before and after it was applied.
type Landing = Option<(usize, usize)>;

/// A bold span as edit indices: the output position of its inner start is `after` of
/// `open`, its inner end is `before` of `close`.
struct PendingBold {
    open: usize,
    close: usize,
    partial: bool,
}

/// A cloze span as edit indices (like [`PendingBold`]), with its hint and number.
struct PendingCloze {
    open: usize,
    close: usize,
    hint: Option<String>,
    number: Option<u32>,
}

/// Callout types and the label shown for them.
const CALLOUTS: [(&str, &str); 12] = [
    ("note", "Note:"),
    ("tip", "Tip:"),
    ("hint", "Hint:"),
    ("important", "Important:"),
    ("info", "Info:"),
    ("warning", "Warning:"),
    ("caution", "Caution:"),
    ("danger", "Danger:"),
    ("example", "Example:"),
    ("question", "Question:"),
    ("quote", "Quote:"),
    ("summary", "Summary:"),
];

/// Macro names that stand for media (a video, a tweet, a PDF).
const MEDIA_MACROS: [&str; 7] = [
    "video", "youtube", "vimeo", "bilibili", "tweet", "twitter", "pdf",
];

struct Renderer<'a, 's> {
    src: &'a str,
    edits: &'s mut Vec<Edit>,
    bolds: &'s mut Vec<PendingBold>,
    clozes: &'s mut Vec<PendingCloze>,
    order: &'s mut Vec<usize>,
    landing: &'s mut Vec<Landing>,
    opens: &'s mut Vec<usize>,
    /// Source ranges of plain text outside links, images and code blocks.
    texts: &'s mut Vec<Range<usize>>,
    /// Source ranges of macros other than clozes (their words are not the block's).
    macro_spans: &'s mut Vec<Range<usize>>,
    tags: Vec<String>,
    /// Tags and bold spans kept at most (see [`Caps`]).
    max_tags: usize,
    max_bolds: usize,
    too_many_tags: bool,
    card_tag: bool,
    code: &'s mut Vec<Range<usize>>,
    whole_bold_span: Option<Range<usize>>,
    content_start: usize,
    code_block: bool,
    heading: bool,
    quote: bool,
    query: bool,
    words: u32,
    capitalized: u32,
    links: u32,
    media: u32,
    images: Vec<String>,
    macros: u32,
    /// Obsidian highlights (`==text==`) are read as bold spans (`**text**`).
    highlight_bold: bool,
}

#[cfg(test)]
mod tests;
