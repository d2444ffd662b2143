//! The inline Markdown of one block, read with pulldown-cmark (the source of truth for what is
//! bold, code, a link or a heading), turned into the block's *display text* plus the spans the
//! extractor needs.
//!
//! The display text is the block's own Markdown with note-tool syntax rewritten for reading:
//! `[[page]]` and `[text](url)` show their text, `#[[multi word]]` shows as `#multi word`, the
//! `#card` marker and `{{cloze …}}` wrappers disappear, heading markers (`## `) are dropped, and a
//! bold span that starts or ends inside a word is widened to the whole word. Everything else
//! (code spans, fenced code, escapes) is copied from the source untouched.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::ops::Range;

/// A bold span of the display text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bold {
    /// The span with its `**` markers.
    pub outer: Range<usize>,
    /// The words inside the markers.
    pub inner: Range<usize>,
}

/// One block's inline content, ready for card extraction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline<'a> {
    /// Display Markdown (see the module comment); borrowed when nothing needed rewriting.
    pub text: Cow<'a, str>,
    /// Top-level bold spans, in order.
    pub bold: Vec<Bold>,
    /// The text inside each `{{cloze …}}` (or Anki `{{c1::…}}`), in order.
    pub clozes: Vec<Range<usize>>,
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
}

impl Inline<'_> {
    /// The first line of the display text (a block's "title").
    pub fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or("")
    }
}

/// Is `pos` inside one of the (sorted, disjoint) code ranges?
fn in_code(code: &[Range<usize>], pos: usize) -> bool {
    let i = code.partition_point(|r| r.end <= pos);
    code.get(i).is_some_and(|r| r.start <= pos)
}

/// What a quick byte scan finds: does the text need the Markdown parser, does it hold `::`?
/// Only `[` (links), `#` (tags, headings), `**`/`__` (bold) and `{{` (clozes) can change the
/// display text; a single `*`, `_` or backtick cannot. Most note lines are plain prose and
/// skip the parser.
fn scan(src: &str) -> (bool, bool) {
    let mut prev = 0u8;
    let (mut parser, mut colons) = (false, false);
    for &b in src.as_bytes() {
        match b {
            b'[' | b'#' => parser = true,
            b'*' | b'_' | b'{' if prev == b => parser = true,
            b':' if prev == b':' => colons = true,
            _ => {}
        }
        prev = b;
    }
    (parser, colons)
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
    clozes: Vec<(usize, usize)>,
    code: Vec<Range<usize>>,
    order: Vec<usize>,
    landing: Vec<Landing>,
}

/// [`render`], reusing `scratch`'s buffers (for reading many blocks).
pub fn render_with<'a>(src: &'a str, scratch: &mut Scratch) -> Inline<'a> {
    let (parser, double_colon) = scan(src);
    let mut inline = if parser {
        Renderer::new(src, scratch).run()
    } else {
        let text = src.trim();
        Inline {
            code_block: text.starts_with("```") || text.starts_with("~~~"),
            text: Cow::Borrowed(text),
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
}

struct Renderer<'a, 's> {
    src: &'a str,
    edits: &'s mut Vec<Edit>,
    bolds: &'s mut Vec<PendingBold>,
    clozes: &'s mut Vec<(usize, usize)>,
    order: &'s mut Vec<usize>,
    landing: &'s mut Vec<Landing>,
    tags: Vec<String>,
    card_tag: bool,
    code: &'s mut Vec<Range<usize>>,
    whole_bold_span: Option<Range<usize>>,
    content_start: usize,
    code_block: bool,
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
        } = scratch;
        edits.clear();
        bolds.clear();
        clozes.clear();
        code.clear();
        Renderer {
            src,
            edits,
            bolds,
            clozes,
            order,
            landing,
            tags: Vec::new(),
            card_tag: false,
            code,
            whole_bold_span: None,
            content_start: src.len() - src.trim_start().len(),
            code_block: false,
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
                Event::Start(Tag::Heading { .. }) => heading_start = Some(range.start),
                Event::End(TagEnd::Heading(_)) => {
                    if let Some(h) = heading_start.take() {
                        self.edit(h, range.end, "");
                        self.content_start = range.end;
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    if first_event && matches!(kind, CodeBlockKind::Fenced(_)) {
                        self.code_block = true;
                    }
                    code_block_depth += 1;
                    self.code.push(range);
                }
                Event::End(TagEnd::CodeBlock) => {
                    code_block_depth = code_block_depth.saturating_sub(1)
                }
                Event::Code(_) => self.code.push(range),
                Event::Start(Tag::Strong) => {
                    strong_depth += 1;
                    if strong_depth == 1 {
                        top_strongs += 1;
                        self.strong(range);
                    }
                }
                Event::End(TagEnd::Strong) => strong_depth = strong_depth.saturating_sub(1),
                Event::Start(Tag::Link { link_type, .. }) => {
                    link_depth += 1;
                    if link.is_none() {
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
                Event::Text(_) if code_block_depth == 0 => self.hash_tags(range),
                _ => {}
            }
            first_event = false;
        }
        if top_strongs != 1 {
            self.whole_bold_span = None;
        }
        self.cloze_markers();
        self.finish()
    }

    /// Records a top-level bold span, widened to word boundaries.
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
        let mut ws = r.start;
        while let Some(c) = src[..ws]
            .chars()
            .next_back()
            .filter(|c| c.is_alphanumeric())
        {
            ws -= c.len_utf8();
        }
        let mut we = r.end;
        while let Some(c) = src[we..].chars().next().filter(|c| c.is_alphanumeric()) {
            we += c.len_utf8();
        }
        let open = if ws == r.start {
            self.edit(r.start + 2, r.start + 2, "")
        } else {
            let i = self.edit(ws, ws, "**");
            self.edit(r.start, r.start + 2, "");
            i
        };
        let close = if we == r.end {
            self.edit(r.end - 2, r.end - 2, "")
        } else {
            self.edit(r.end - 2, r.end, "");
            self.edit(we, we, "**")
        };
        self.bolds.push(PendingBold { open, close });
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

    /// Removes a `#card` marker and one space beside it.
    fn card_marker(&mut self, start: usize, end: usize) {
        self.card_tag = true;
        let bytes = self.src.as_bytes();
        let (start, end) = if start > 0 && bytes[start - 1] == b' ' {
            (start - 1, end)
        } else if bytes.get(end) == Some(&b' ') {
            (start, end + 1)
        } else {
            (start, end)
        };
        self.edit(start, end, "");
    }

    /// Finds Logseq `{{cloze text}}` and Anki `{{c1::text}}` / `{{c1::text::hint}}` outside code.
    fn cloze_markers(&mut self) {
        let src = self.src;
        let mut from = 0;
        while let Some(open) = super::outline::find_pair(src, from, b'{') {
            from = open + 2;
            if in_code(self.code, open) {
                continue;
            }
            let rest = &src[open + 2..];
            let inner_start = if let Some(r) = rest.strip_prefix("cloze") {
                if !r.starts_with([' ', ':']) {
                    continue;
                }
                open + 2 + 6
            } else if let Some(numbered) = rest.strip_prefix('c') {
                let digits = numbered.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 || !numbered[digits..].starts_with("::") {
                    continue;
                }
                open + 2 + 1 + digits + 2
            } else {
                continue;
            };
            let Some(close) = super::outline::find_pair(src, inner_start, b'}') else {
                break; // no `}}` after this one: no later `{{` can close either
            };
            // Anki's `::hint` suffix is not part of the answer.
            let inner_end = src[inner_start..close]
                .find("::")
                .map_or(close, |h| inner_start + h);
            if src[inner_start..inner_end].trim().is_empty() {
                continue;
            }
            let a = self.edit(open, inner_start, "");
            let b = self.edit(inner_end, close + 2, "");
            self.clozes.push((a, b));
            from = close + 2;
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
                    });
                }
            }
        }
        let clozes = self
            .clozes
            .iter()
            .filter_map(|&(a, b)| span(landing[a], landing[b]))
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
        }
    }
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
    fn bold_ending_mid_word_is_widened() {
        let i = render("the **cat**s sat");
        assert_eq!(i.text, "the **cats** sat");
        assert_eq!(bold_words(&i), ["cats"]);
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
        let c: Vec<&str> = i.clozes.iter().map(|r| &i.text[r.clone()]).collect();
        assert_eq!(c, ["GIL", "one thread"]);
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
        assert_eq!(bold_words(&i), ["étude", "cafés"]);
    }
}
