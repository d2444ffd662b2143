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

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

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

/// Reads one block's Markdown source.
pub fn render(src: &str) -> Inline<'_> {
    render_with(src, &mut Scratch::default())
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

/// [`render`], reusing `scratch`'s buffers (for reading many blocks).
pub fn render_with<'a>(src: &'a str, scratch: &mut Scratch) -> Inline<'a> {
    let (parser, double_colon) = scan(src);
    let mut inline = if parser {
        Renderer::new(src, scratch).run()
    } else {
        let text = src.trim();
        let (words, capitalized, links) = (UNCOUNTED, UNCOUNTED, UNCOUNTED);
        Inline {
            code_block: text.starts_with("```") || text.starts_with("~~~"),
            query: text.starts_with("```query"),
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
    macros: u32,
}

impl<'a, 's> Renderer<'a, 's> {
    fn new(src: &'a str, scratch: &'s mut Scratch) -> Self {
        let Scratch {
            edits,
            bolds,
            clozes,
            code,
            order,
            landing,
            opens,
            texts,
            macro_spans,
        } = scratch;
        edits.clear();
        bolds.clear();
        clozes.clear();
        code.clear();
        texts.clear();
        macro_spans.clear();
        Renderer {
            src,
            edits,
            bolds,
            clozes,
            order,
            landing,
            opens,
            texts,
            macro_spans,
            tags: Vec::new(),
            card_tag: false,
            code,
            whole_bold_span: None,
            content_start: src.len() - src.trim_start().len(),
            code_block: false,
            heading: false,
            quote: false,
            query: false,
            words: 0,
            capitalized: 0,
            links: 0,
            media: 0,
            macros: 0,
        }
    }

    fn edit(&mut self, start: usize, end: usize, insert: &'static str) -> usize {
        self.edits.push(Edit { start, end, insert });
        self.edits.len() - 1
    }

    fn run(mut self) -> Inline<'a> {
        let src = self.src;
        let options = Options::ENABLE_WIKILINKS;
        let mut strong_depth = 0usize;
        let mut code_block_depth = 0usize;
        let mut heading_start: Option<usize> = None;
        let mut link: Option<OpenLink> = None;
        let mut link_depth = 0usize;
        let mut image_depth = 0usize;
        let mut first_event = true;
        let mut top_strongs = 0usize;

        for (event, range) in Parser::new_ext(src, options).into_offset_iter() {
            if let Some(h) = heading_start {
                if !matches!(event, Event::End(TagEnd::Heading(_))) {
                    self.edit(h, range.start, "");
                    self.content_start = range.start;
                    heading_start = None;
                }
            }
            if let Some(l) = &mut link {
                if link_depth == l.depth && !matches!(event, Event::End(TagEnd::Link)) {
                    let r = l.inner.get_or_insert(range.clone());
                    r.end = r.end.max(range.end);
                }
            }
            match event {
                Event::Start(Tag::Heading { .. }) => {
                    self.heading |= first_event;
                    heading_start = Some(range.start);
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(h) = heading_start.take() {
                        self.edit(h, range.end, "");
                        self.content_start = range.end;
                    }
                }
                Event::Start(Tag::BlockQuote(_)) => self.quote |= first_event,
                Event::Start(Tag::CodeBlock(kind)) => {
                    if first_event {
                        if let CodeBlockKind::Fenced(info) = &kind {
                            self.code_block = true;
                            self.query = info.trim() == "query";
                        }
                    }
                    code_block_depth += 1;
                    self.code.push(range);
                }
                Event::End(TagEnd::CodeBlock) => {
                    code_block_depth = code_block_depth.saturating_sub(1)
                }
                Event::Code(_) => {
                    if link_depth == 0 && image_depth == 0 {
                        self.words += 1;
                    }
                    self.code.push(range);
                }
                Event::Start(Tag::Strong) => {
                    strong_depth += 1;
                    if strong_depth == 1 {
                        top_strongs += 1;
                        self.strong(range);
                    }
                }
                Event::End(TagEnd::Strong) => strong_depth = strong_depth.saturating_sub(1),
                Event::Start(Tag::Image { .. }) => {
                    image_depth += 1;
                    if image_depth == 1 && link_depth == 0 {
                        self.media += 1;
                        self.edit(range.start, range.end, "");
                    }
                }
                Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
                Event::Start(Tag::Link { link_type, .. }) => {
                    link_depth += 1;
                    if link.is_none() {
                        self.links += 1;
                        link = Some(OpenLink {
                            outer: range,
                            inner: None,
                            kind: link_type,
                            depth: link_depth,
                        });
                    }
                }
                Event::End(TagEnd::Link) => {
                    match link.take() {
                        Some(l) if l.depth == link_depth => self.link(l.outer, l.inner, l.kind),
                        other => link = other,
                    }
                    link_depth = link_depth.saturating_sub(1);
                }
                Event::Text(_) if code_block_depth == 0 && image_depth == 0 => {
                    self.hash_tags(range.clone());
                    if link_depth == 0 {
                        self.texts.push(range);
                    }
                }
                Event::Html(_) | Event::InlineHtml(_) => self.html(range),
                _ => {}
            }
            first_event = false;
        }
        if top_strongs != 1 {
            self.whole_bold_span = None;
        }
        if self.quote {
            self.callout();
        }
        self.braces();
        self.footnote_refs();
        self.highlights();
        // Without links, macros or media the display text holds exactly the block's own words
        // (and its URLs and handles): count them from it when first asked, not now.
        if self.links > 0 || self.macros > 0 || self.media > 0 {
            self.count_text_words();
        } else {
            self.words = UNCOUNTED;
            self.capitalized = UNCOUNTED;
            self.links = UNCOUNTED;
        }
        self.finish()
    }

    /// Counts the words of the plain text, macros left out (code spans are counted as they come).
    fn count_text_words(&mut self) {
        let src = self.src;
        let mut m = 0;
        for r in self.texts.iter() {
            if self.words >= WORDS_COUNTED {
                break;
            }
            let mut start = r.start;
            while start < r.end {
                while m < self.macro_spans.len() && self.macro_spans[m].end <= start {
                    m += 1;
                }
                let end = match self.macro_spans.get(m) {
                    Some(mr) if mr.start < r.end => mr.start.max(start),
                    _ => r.end,
                };
                let (w, c, urls) = count_words(&src[start..end]);
                self.words += w;
                self.capitalized += c;
                self.links += urls;
                start = match self.macro_spans.get(m) {
                    Some(mr) if mr.start < r.end => mr.end.max(end),
                    _ => r.end,
                };
            }
        }
    }

    /// Records a top-level bold span. One that starts inside a word is widened to the word's
    /// start; one that ends inside a word is recorded as partial and left as it is.
    fn strong(&mut self, r: Range<usize>) {
        let src = self.src;
        let bytes = src.as_bytes();
        if r.end < r.start + 4 {
            return;
        }
        let open = &bytes[r.start..r.start + 2];
        let close = &bytes[r.end - 2..r.end];
        if !(open == b"**" || open == b"__") || open != close {
            return;
        }
        let trimmed_end = src.trim_end().len();
        if r.start == self.content_start && r.end == trimmed_end {
            self.whole_bold_span = Some(r.clone());
        }
        if !word_boundary(src, r.end - 2, r.end) {
            let open = self.edit(r.start + 2, r.start + 2, "");
            let close = self.edit(r.end - 2, r.end - 2, "");
            self.bolds.push(PendingBold {
                open,
                close,
                partial: true,
            });
            return;
        }
        let ws = word_start(src, r.start, r.start + 2);
        let open = if ws == r.start {
            self.edit(r.start + 2, r.start + 2, "")
        } else {
            let i = self.edit(ws, ws, "**");
            self.edit(r.start, r.start + 2, "");
            i
        };
        let close = self.edit(r.end - 2, r.end - 2, "");
        self.bolds.push(PendingBold {
            open,
            close,
            partial: false,
        });
    }

    /// Rewrites a link to its text; `[[card]]` marks the block as a card, `#[[x]]` is a tag.
    fn link(&mut self, outer: Range<usize>, inner: Option<Range<usize>>, kind: LinkType) {
        let src = self.src;
        match kind {
            LinkType::Autolink | LinkType::Email => return,
            _ => {}
        }
        let Some(inner) = inner.filter(|i| i.start >= outer.start && i.end <= outer.end) else {
            return;
        };
        let hashed = matches!(kind, LinkType::WikiLink { .. })
            && outer.start > 0
            && src.as_bytes()[outer.start - 1] == b'#'
            && (outer.start == 1 || src[..outer.start - 1].ends_with(char::is_whitespace));
        let label = &src[inner.clone()];
        if matches!(kind, LinkType::WikiLink { .. }) && label.trim().eq_ignore_ascii_case("card") {
            let start = if hashed { outer.start - 1 } else { outer.start };
            self.card_marker(start, outer.end);
            self.links -= 1;
            return;
        }
        if hashed {
            self.add_tag(label);
        }
        self.edit(outer.start, inner.start, "");
        self.edit(inner.end, outer.end, "");
    }

    /// Finds `#tag`s in a run of plain text.
    fn hash_tags(&mut self, r: Range<usize>) {
        let src = self.src;
        let text = &src[r.clone()];
        let mut from = 0;
        while let Some(at) = text[from..].find('#') {
            let pos = r.start + from + at;
            from += at + 1;
            let before_ok =
                pos == 0 || src[..pos].ends_with(|c: char| c.is_whitespace() || c == '(');
            if !before_ok {
                continue;
            }
            let name_len: usize = src[pos + 1..r.end]
                .chars()
                .take_while(|&c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
                .map(char::len_utf8)
                .sum();
            let name = src[pos + 1..pos + 1 + name_len].trim_end_matches(['.', '/']);
            if name.is_empty() || name.starts_with(['.', '/', '-']) {
                continue;
            }
            if name.eq_ignore_ascii_case("card") {
                self.card_marker(pos, pos + 1 + name.len());
            } else {
                self.add_tag(name);
            }
        }
    }

    fn add_tag(&mut self, name: &str) {
        let tag = name.trim().to_lowercase();
        if !tag.is_empty() && !self.tags.contains(&tag) {
            self.tags.push(tag);
        }
    }

    /// Removes a `#card` marker and one space beside it (the space before it when there is
    /// one, so the words around it stay apart).
    fn card_marker(&mut self, start: usize, end: usize) {
        self.card_tag = true;
        let bytes = self.src.as_bytes();
        let space_after = matches!(bytes.get(end), Some(b' ' | b'\t'));
        let (start, end) = if start > 0 && bytes[start - 1] == b' ' {
            (start - 1, end)
        } else if space_after {
            (start, end + 1)
        } else {
            (start, end)
        };
        self.edit(start, end, "");
    }

    /// Raw HTML: `<br>` becomes a line break, media tags count as media, every tag goes.
    fn html(&mut self, r: Range<usize>) {
        let tag = self.src[r.clone()].trim();
        let lower = tag.get(..7).unwrap_or(tag).to_ascii_lowercase();
        if lower.starts_with("<br") {
            self.edit(r.start, r.end, "\n");
            return;
        }
        if ["<iframe", "<video", "<audio", "<img", "<embed", "<object"]
            .iter()
            .any(|m| lower.starts_with(m))
        {
            self.media += 1;
        }
        self.edit(r.start, r.end, "");
    }

    /// An Obsidian callout's `[!type]` (with `+`/`-`) becomes its label (`Tip:`), or goes.
    fn callout(&mut self) {
        let src = self.src;
        let start = self.content_start;
        let Some(after_gt) = src[start..].strip_prefix('>') else {
            return;
        };
        let at = start + 1 + (after_gt.len() - after_gt.trim_start().len());
        let Some(rest) = src[at..].strip_prefix("[!") else {
            return;
        };
        let Some(close) = rest.find(']') else {
            return;
        };
        let kind = &rest[..close];
        if kind.is_empty() || !kind.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return;
        }
        let mut end = at + 2 + close + 1;
        if matches!(src.as_bytes().get(end), Some(b'+' | b'-')) {
            end += 1;
        }
        let label = CALLOUTS
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(kind))
            .map_or("", |(_, l)| *l);
        if label.is_empty() && src.as_bytes().get(end) == Some(&b' ') {
            end += 1;
        }
        self.edit(at, end, label);
    }

    /// Matches `{{` with `}}` outside code (one pass, a stack) and reads each outermost pair:
    /// Logseq `{{cloze text \\ hint}}` and Anki `{{c1::text::hint}}` become cloze spans; every
    /// other macro is taken out of the text (`{{query …}}` marks a query, `{{video …}}` media).
    fn braces(&mut self) {
        let src = self.src;
        if super::outline::find_pair(src, 0, b'{').is_none() {
            return;
        }
        let b = src.as_bytes();
        self.opens.clear();
        let mut i = 0;
        while i + 1 < b.len() {
            match (b[i], b[i + 1]) {
                (b'{', b'{') if !in_code(self.code, i) => {
                    self.opens.push(i);
                    i += 2;
                }
                (b'}', b'}') if !self.opens.is_empty() => {
                    let open = self.opens.pop().expect("not empty");
                    if self.opens.is_empty() {
                        self.macro_pair(open, i);
                    }
                    i += 2;
                }
                _ => i += 1,
            }
        }
    }

    /// One outermost `{{ … }}`: `open` is its `{{`, `close` its `}}`.
    fn macro_pair(&mut self, open: usize, close: usize) {
        let src = self.src;
        let inner = &src[open + 2..close];
        let name_len = inner
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_'))
            .count();
        let name = &inner[..name_len];
        let after = &inner[name_len..];
        let cloze = if name.eq_ignore_ascii_case("cloze") && after.starts_with([' ', ':']) {
            let body_start = open + 2 + name_len + 1;
            let body = &src[body_start..close];
            let (text_len, hint) = match body.find("\\\\") {
                Some(h) => (
                    body[..h].trim_end().len(),
                    Some(body[h + 2..].trim().to_string()),
                ),
                None => (body.len(), None),
            };
            Some((body_start, body_start + text_len, hint, None))
        } else if name.len() > 1
            && name.as_bytes()[0].eq_ignore_ascii_case(&b'c')
            && name[1..].bytes().all(|c| c.is_ascii_digit())
            && after.starts_with("::")
        {
            let body_start = open + 2 + name_len + 2;
            let body = &src[body_start..close];
            let (text_len, hint) = match body.find("::") {
                Some(h) => (h, Some(body[h + 2..].trim().to_string())),
                None => (body.len(), None),
            };
            Some((
                body_start,
                body_start + text_len,
                hint,
                name[1..].parse().ok(),
            ))
        } else {
            None
        };
        match cloze {
            Some((start, end, hint, number)) if !src[start..end].trim().is_empty() => {
                let hint = hint.filter(|h| !h.is_empty());
                let open = self.edit(open, start, "");
                let close = self.edit(end, close + 2, "");
                self.clozes.push(PendingCloze {
                    open,
                    close,
                    hint,
                    number,
                });
            }
            Some(_) => {
                self.macro_spans.push(open..close + 2);
                self.edit(open, close + 2, ""); // an empty cloze: nothing to ask
            }
            None if name.eq_ignore_ascii_case("embed") => {
                // An embed the extractor could not resolve: a page embed shows the page's
                // name, a block embed goes.
                let arg = after.trim();
                if arg.starts_with("[[") && arg.ends_with("]]") {
                    // The wiki link itself is read as a link; only the macro goes.
                    let link_start = open + 2 + name_len + (after.len() - after.trim_start().len());
                    self.edit(open, link_start, "");
                    self.edit(close, close + 2, "");
                } else {
                    self.macros += 1;
                    self.macro_spans.push(open..close + 2);
                    self.edit(open, close + 2, "");
                }
            }
            None => {
                self.macros += 1;
                self.macro_spans.push(open..close + 2);
                if name.eq_ignore_ascii_case("query") {
                    self.query = true;
                } else if MEDIA_MACROS.iter().any(|m| m.eq_ignore_ascii_case(name)) {
                    self.media += 1;
                }
                self.edit(open, close + 2, "");
            }
        }
    }

    /// Obsidian highlights (`==text==`, on one line, outside code) show their text.
    fn highlights(&mut self) {
        let src = self.src;
        let b = src.as_bytes();
        let mut from = 0;
        while let Some(open) = super::outline::find_pair(src, from, b'=') {
            from = open + 2;
            let starts_text = b
                .get(open + 2)
                .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'=');
            if !starts_text || in_code(self.code, open) {
                continue;
            }
            let line_end = memchr::memchr(b'\n', &b[open..]).map_or(b.len(), |e| open + e);
            let Some(close) = super::outline::find_pair(&src[..line_end], open + 2, b'=') else {
                continue;
            };
            if b[close - 1].is_ascii_whitespace() {
                continue;
            }
            self.edit(open, open + 2, "");
            self.edit(close, close + 2, "");
            from = close + 2;
        }
    }

    /// Footnote references (`[^1]`, `[^note]`) go; a definition (`[^1]: …`) stays.
    fn footnote_refs(&mut self) {
        let src = self.src;
        let b = src.as_bytes();
        if !memchr::memchr_iter(b'[', b).any(|at| b.get(at + 1) == Some(&b'^')) {
            return;
        }
        let mut from = 0;
        while let Some(at) = src[from..].find("[^") {
            let start = from + at;
            from = start + 2;
            if in_code(self.code, start) {
                continue;
            }
            let label_len = src[start + 2..]
                .bytes()
                .take_while(|b| !matches!(b, b']' | b'[' | b' ' | b'\t' | b'\n'))
                .count();
            let end = start + 2 + label_len;
            if label_len == 0 || src.as_bytes().get(end) != Some(&b']') {
                continue;
            }
            if src.as_bytes().get(end + 1) == Some(&b':') {
                continue;
            }
            self.edit(start, end + 1, "");
            from = end + 1;
        }
    }

    /// Applies the edits and maps the recorded spans into the output.
    fn finish(self) -> Inline<'a> {
        let src = self.src;
        let order = &mut *self.order;
        order.clear();
        order.extend(0..self.edits.len());
        // By position; at one position anchors and insertions before deletions.
        let edits = &*self.edits;
        order.sort_by_key(|&i| (edits[i].start, edits[i].end));
        let landing = &mut *self.landing;
        landing.clear();
        landing.resize(self.edits.len(), None);
        let mut out = String::with_capacity(src.len());
        let mut cursor = 0;
        for &i in order.iter() {
            let e = &edits[i];
            if e.start < cursor
                || e.end < e.start
                || !src.is_char_boundary(e.start)
                || !src.is_char_boundary(e.end)
            {
                continue; // overlaps an edit already made: leave the source as it is here
            }
            out.push_str(&src[cursor..e.start]);
            let before = out.len();
            out.push_str(e.insert);
            landing[i] = Some((before, out.len()));
            cursor = e.end;
        }
        out.push_str(&src[cursor..]);

        let lead = out.len() - out.trim_start().len();
        let trimmed_len = lead + out.trim().len(); // == lead when all of it is white space
        let span = |a: Landing, b: Landing| -> Option<Range<usize>> {
            let (start, end) = (a?.1, b?.0);
            (lead <= start && start <= end && end <= trimmed_len).then(|| start - lead..end - lead)
        };
        let mut bold = Vec::new();
        for b in self.bolds.iter() {
            if let Some(inner) = span(landing[b.open], landing[b.close]) {
                if inner.start >= 2 {
                    bold.push(Bold {
                        outer: inner.start - 2..inner.end + 2,
                        inner,
                        partial: b.partial,
                    });
                }
            }
        }
        let clozes = self
            .clozes
            .iter_mut()
            .filter_map(|c| {
                span(landing[c.open], landing[c.close]).map(|span| Cloze {
                    span,
                    hint: c.hint.take(),
                    number: c.number,
                })
            })
            .collect();
        out.truncate(trimmed_len);
        out.drain(..lead);
        Inline {
            whole_bold: self.whole_bold_span.is_some() && bold.len() == 1,
            text: Cow::Owned(out),
            bold,
            clozes,
            tags: self.tags,
            card_tag: self.card_tag,
            code_block: self.code_block,
            double_colon: false,
            heading: self.heading,
            quote: self.quote,
            words: Cell::new(self.words),
            capitalized: Cell::new(self.capitalized),
            links: Cell::new(self.links),
            media: self.media,
            macros: self.macros,
            query: self.query,
        }
    }
}

/// Characters looked at on each side of a position to decide a word boundary: more than any
/// real word, and a bound on the work for a hostile one.
const WORD_WINDOW: usize = 48;

/// The letters and digits right before `at`, at most [`WORD_WINDOW`] of them.
fn run_before(src: &str, at: usize) -> &str {
    let mut start = at;
    for (n, c) in src[..at].chars().rev().enumerate() {
        if n == WORD_WINDOW || !c.is_alphanumeric() {
            break;
        }
        start -= c.len_utf8();
    }
    &src[start..at]
}

/// The letters and digits from `at` on, at most [`WORD_WINDOW`] of them.
fn run_after(src: &str, at: usize) -> &str {
    let mut end = at;
    for (n, c) in src[at..].chars().enumerate() {
        if n == WORD_WINDOW || !c.is_alphanumeric() {
            break;
        }
        end += c.len_utf8();
    }
    &src[at..end]
}

/// Is there a word boundary (UAX #29) between `src[..left_end]` and `src[right_start..]`, the
/// bytes between them (a `**` marker) left out?
fn word_boundary(src: &str, left_end: usize, right_start: usize) -> bool {
    let (l, r) = (run_before(src, left_end), run_after(src, right_start));
    if l.is_empty() || r.is_empty() {
        return true;
    }
    let joined = format!("{l}{r}");
    joined.split_word_bound_indices().any(|(i, _)| i == l.len())
}

/// Where the word that the text after `right_start` continues begins: `marker` itself when a
/// word boundary is there, else the start of that word in the text before `marker`.
fn word_start(src: &str, marker: usize, right_start: usize) -> usize {
    let (l, r) = (run_before(src, marker), run_after(src, right_start));
    if l.is_empty() || r.is_empty() {
        return marker;
    }
    let joined = format!("{l}{r}");
    let start = joined
        .split_word_bound_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i <= l.len())
        .last()
        .unwrap_or(0);
    marker - (l.len() - start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bold_words<'a>(i: &'a Inline) -> Vec<&'a str> {
        i.bold.iter().map(|b| &i.text[b.inner.clone()]).collect()
    }

    #[test]
    fn plain_text_is_copied() {
        let i = render("  just words, nothing else ");
        assert_eq!(i.text, "just words, nothing else");
        assert!(i.bold.is_empty() && i.tags.is_empty() && !i.card_tag);
    }

    #[test]
    fn bold_spans_are_found_in_order() {
        let i = render("tasks **sharing same Lock** will **wait**");
        assert_eq!(i.text, "tasks **sharing same Lock** will **wait**");
        assert_eq!(bold_words(&i), ["sharing same Lock", "wait"]);
        assert_eq!(&i.text[i.bold[0].outer.clone()], "**sharing same Lock**");
        assert!(!i.whole_bold);
    }

    #[test]
    fn mid_word_bold_is_widened_to_whole_words() {
        let i = render("determined by the p**resence of necessary methods**, rather than by i**ts explicit type**");
        assert_eq!(
            i.text,
            "determined by the **presence of necessary methods**, rather than by **its explicit type**"
        );
        assert_eq!(
            bold_words(&i),
            ["presence of necessary methods", "its explicit type"]
        );
    }

    #[test]
    fn bold_ending_inside_a_word_is_partial_and_left_alone() {
        for (src, word) in [
            ("the **cat**s sat", "cat"),
            ("implicit re**borrow**ing here", "borrow"),
            ("querer (qu**ie**ro)", "ie"),
            ("into a **pack**file", "pack"),
        ] {
            let i = render(src);
            assert_eq!(i.text, src);
            assert_eq!(bold_words(&i), [word], "{src}");
            assert!(i.bold[0].partial, "{src}");
        }
        assert!(!render("the **cat** sat").bold[0].partial);
    }

    #[test]
    fn cjk_bold_keeps_its_span() {
        // UAX #29 puts a word boundary between ideographs: nothing is widened.
        let i = render("貓屬於**食肉目**動物");
        assert_eq!(i.text, "貓屬於**食肉目**動物");
        assert_eq!(bold_words(&i), ["食肉目"]);
        assert!(!i.bold[0].partial);
        let i = render("監督式學習是用**有標籤的資料**來訓練模型");
        assert_eq!(bold_words(&i), ["有標籤的資料"]);
        // Katakana runs are one word: bold that starts inside one is widened, bold that ends
        // inside one is partial.
        assert_eq!(render("テ**スト**です").text, "**テスト**です");
        assert!(render("**テス**トです").bold[0].partial);
    }

    #[test]
    fn whole_bold_block_is_a_term() {
        assert!(render("**Summary:**").whole_bold);
        assert!(render("**not regarding app killed by signal**").whole_bold);
        assert!(!render("**Futures**: low-level objects").whole_bold);
        assert!(!render("**a** and **b**").whole_bold);
    }

    #[test]
    fn bold_inside_code_is_not_bold() {
        let i = render("use `**kwargs` to collect keywords");
        assert!(i.bold.is_empty());
        assert_eq!(i.text, "use `**kwargs` to collect keywords");
    }

    #[test]
    fn escaped_stars_are_not_bold() {
        let i = render(r"2 \*\* 3 is nine");
        assert!(i.bold.is_empty());
    }

    #[test]
    fn wiki_links_show_their_text() {
        let i = render("see [[python/pydantic]] and [[Page|the page]]");
        assert_eq!(i.text, "see python/pydantic and the page");
        assert!(i.tags.is_empty());
    }

    #[test]
    fn markdown_links_show_their_text() {
        let i = render("read [the guide](https://example.org) now, <https://x.org> stays");
        assert_eq!(i.text, "read the guide now, <https://x.org> stays");
    }

    #[test]
    fn tags_are_collected_and_kept_as_hash_words() {
        let i = render("leverage #[[duck type]] here, see #python and #Async-IO.");
        assert_eq!(
            i.text,
            "leverage #duck type here, see #python and #Async-IO."
        );
        assert_eq!(i.tags, ["duck type", "python", "async-io"]);
    }

    #[test]
    fn hash_inside_words_and_code_is_not_a_tag() {
        let i = render("C# and `#include` and issue#4");
        assert!(i.tags.is_empty(), "{:?}", i.tags);
    }

    #[test]
    fn card_markers_are_removed() {
        for src in [
            "What is GIL? #card",
            "What is GIL? #[[card]]",
            "What is GIL? [[card]]",
            "#card What is GIL?",
        ] {
            let i = render(src);
            assert!(i.card_tag, "{src}");
            assert_eq!(i.text, "What is GIL?", "{src}");
        }
    }

    #[test]
    fn heading_markers_are_dropped() {
        assert_eq!(
            render("## the subclass explosion").text,
            "the subclass explosion"
        );
        assert_eq!(render("## [[duck type]]").text, "duck type");
    }

    #[test]
    fn logseq_and_anki_clozes() {
        let i = render("The {{cloze GIL}} lets {{c1::one thread::hint}} run");
        assert_eq!(i.text, "The GIL lets one thread run");
        let c: Vec<&str> = i.clozes.iter().map(|c| &i.text[c.span.clone()]).collect();
        assert_eq!(c, ["GIL", "one thread"]);
        assert_eq!(i.clozes[0].hint, None);
        assert_eq!(i.clozes[0].number, None);
        assert_eq!(i.clozes[1].hint.as_deref(), Some("hint"));
        assert_eq!(i.clozes[1].number, Some(1));
    }

    #[test]
    fn logseq_cloze_hint_is_not_part_of_the_answer() {
        let i = render(r"a slice has type {{cloze `&str` \\ starts with an ampersand}} here");
        assert_eq!(i.text, "a slice has type `&str` here");
        assert_eq!(&i.text[i.clozes[0].span.clone()], "`&str`");
        assert_eq!(
            i.clozes[0].hint.as_deref(),
            Some("starts with an ampersand")
        );
    }

    #[test]
    fn empty_cloze_goes() {
        let i = render("{{c1::}} broken card");
        assert!(i.clozes.is_empty());
        assert_eq!(i.text, "broken card");
    }

    #[test]
    fn nested_braces_are_matched_in_one_pass() {
        let src = format!("{}x{}", "{{c1::".repeat(20_000), "}}".repeat(20_000));
        let i = render(&src);
        assert_eq!(i.clozes.len(), 1);
    }

    #[test]
    fn macros_are_taken_out_and_counted() {
        let i = render("{{renderer :kitButton, Refresh, page}}");
        assert_eq!((i.text.as_ref(), i.macros, i.words()), ("", 1, 0));
        let i = render("{{i f021}} usage");
        assert_eq!((i.text.as_ref(), i.words()), ("usage", 1));
        let i = render("{{query (todo now doing)}}");
        assert!(i.query);
        let i = render("{{video https://youtu.be/x}}");
        assert_eq!(i.media, 1);
        let i = render("see {{embed [[Rust ownership]]}}");
        assert_eq!((i.text.as_ref(), i.links()), ("see Rust ownership", 1));
    }

    #[test]
    fn own_words_leave_out_links_tags_urls_and_media() {
        assert!(render("[[Fixed issues]]").no_words());
        assert!(render("[[Infinite Jest]] #dnf").no_words());
        assert!(render("https://en.wikipedia.org/wiki/Spaced_repetition").no_words());
        assert!(render("![cover](../assets/cover.png)").no_words());
        assert!(render("![[cell.png|400]]").no_words());
        assert!(render("🔥🔥🔥").no_words());
        assert!(render("03").no_words());
        assert!(render("@mi-sato ([#210](https://x.org/210))").no_words());
        assert_eq!(render("[[Piranesi]] — Susanna Clarke").words(), 2);
        assert_eq!(render("[[Piranesi]] — Susanna Clarke").capitalized(), 2);
        assert_eq!(render("`duck typing`").words(), 1);
        assert_eq!(render("監督式學習（supervised learning）").words(), 2);
    }

    #[test]
    fn images_html_and_footnote_refs_leave_the_text() {
        let i = render("before ![alt](x.png) after");
        assert_eq!((i.text.as_ref(), i.media), ("before  after", 1));
        let i = render("the mode;<br>a dataset can <b>have</b> two");
        assert_eq!(i.text, "the mode;\na dataset can have two");
        let i = render("newer repos can use SHA-256[^1] too");
        assert_eq!(i.text, "newer repos can use SHA-256 too");
        let i = render("[^1]: the footnote itself");
        assert_eq!(i.text, "[^1]: the footnote itself");
        let i = render("<iframe src=\"https://x\"></iframe>");
        assert_eq!(i.media, 1);
    }

    #[test]
    fn quotes_and_callouts() {
        let i = render("> [!tip] Exam\n> the list is on the midterm");
        assert!(i.quote);
        assert_eq!(i.text, "> Tip: Exam\n> the list is on the midterm");
        let i = render("> [!custom]- Folded\n> body");
        assert_eq!(i.text, "> Folded\n> body");
        assert!(render("> a quote").quote);
        assert!(!render("a > b").quote);
    }

    #[test]
    fn highlights_show_their_text() {
        assert_eq!(
            render("site of ==aerobic respiration== here").text,
            "site of aerobic respiration here"
        );
        assert_eq!(render("a == b and c == d").text, "a == b and c == d");
        assert_eq!(render("`x ==y==`").text, "`x ==y==`");
    }

    #[test]
    fn headings_are_marked() {
        assert!(render("## Ownership rules").heading);
        assert!(!render("Ownership rules").heading);
    }

    #[test]
    fn fenced_code_is_kept_verbatim() {
        let src = "```python\nx = **y**  # [[not a link]]\n```";
        let i = render(src);
        assert!(i.code_block);
        assert_eq!(i.text, src);
        assert!(i.bold.is_empty() && i.tags.is_empty());
    }

    #[test]
    fn text_that_renders_to_nothing() {
        // A heading marker alone leaves only white space (found by the property test).
        assert_eq!(render("  #").text, "");
        assert_eq!(render("## ").text, "");
        assert_eq!(render("[[]]").text, "[[]]");
    }

    #[test]
    fn multibyte_text_around_bold() {
        let i = render("é**tude** — naïve **café**s");
        assert_eq!(bold_words(&i), ["étude", "café"]);
        assert!(!i.bold[0].partial && i.bold[1].partial);
    }
}
