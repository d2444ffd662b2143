//! The renderer's walk: pulldown-cmark's events over a block's source, each turned into edits
//! of the text (bold markers kept, links and tags rendered) and facts about it.

use super::*;
use std::ops::Range;

/// Where the walk over pulldown-cmark's events stands: the tags open and whether this is the
/// first event.
#[derive(Default)]
struct Walk {
    strong_depth: usize,
    code_block_depth: usize,
    heading_start: Option<usize>,
    link: Option<OpenLink>,
    link_depth: usize,
    image_depth: usize,
    first_event: bool,
    top_strongs: usize,
}

impl<'a, 's> Renderer<'a, 's> {
    pub(super) fn new(src: &'a str, scratch: &'s mut Scratch, caps: &Caps) -> Self {
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
            max_tags: caps.tags_per_block,
            max_bolds: caps.bold_spans(),
            too_many_tags: false,
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
            images: Vec::new(),
            macros: 0,
            highlight_bold: false,
        }
    }

    pub(super) fn edit(&mut self, start: usize, end: usize, insert: &'static str) -> usize {
        self.edits.push(Edit { start, end, insert });
        self.edits.len() - 1
    }

    pub(super) fn run(mut self) -> Inline<'a> {
        let mut walk = Walk {
            first_event: true,
            ..Walk::default()
        };
        let events = Parser::new_ext(self.src, Options::ENABLE_WIKILINKS).into_offset_iter();
        for (event, range) in events {
            self.extend_open_spans(&mut walk, &event, &range);
            match event {
                Event::Start(Tag::Heading { .. })
                | Event::End(TagEnd::Heading(_))
                | Event::Start(Tag::BlockQuote(_))
                | Event::Start(Tag::CodeBlock(_))
                | Event::End(TagEnd::CodeBlock) => self.block_event(&mut walk, event, range),
                _ => self.inline_event(&mut walk, event, range),
            }
            walk.first_event = false;
        }
        self.after_walk(walk.top_strongs)
    }

    /// A heading's marker ends where its text starts; a link's text grows with each event
    /// inside it.
    fn extend_open_spans(&mut self, walk: &mut Walk, event: &Event<'_>, range: &Range<usize>) {
        if let Some(h) = walk.heading_start {
            if !matches!(event, Event::End(TagEnd::Heading(_))) {
                self.edit(h, range.start, "");
                self.content_start = range.start;
                walk.heading_start = None;
            }
        }
        if let Some(l) = &mut walk.link {
            if walk.link_depth == l.depth && !matches!(event, Event::End(TagEnd::Link)) {
                let r = l.inner.get_or_insert(range.clone());
                r.end = r.end.max(range.end);
            }
        }
    }

    /// Headings, quotes and code blocks: what kind of block this is.
    fn block_event(&mut self, walk: &mut Walk, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                self.heading |= walk.first_event;
                walk.heading_start = Some(range.start);
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = walk.heading_start.take() {
                    self.edit(h, range.end, "");
                    self.content_start = range.end;
                }
            }
            Event::Start(Tag::BlockQuote(_)) => self.quote |= walk.first_event,
            Event::Start(Tag::CodeBlock(kind)) => {
                if walk.first_event {
                    if let CodeBlockKind::Fenced(info) = &kind {
                        self.code_block = true;
                        self.query = super::is_query_language(info);
                    }
                }
                walk.code_block_depth += 1;
                self.code.push(range);
            }
            Event::End(TagEnd::CodeBlock) => {
                walk.code_block_depth = walk.code_block_depth.saturating_sub(1)
            }
            _ => {}
        }
    }

    /// Code spans, bold, images, links, text and HTML.
    fn inline_event(&mut self, walk: &mut Walk, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Code(_) => {
                if walk.link_depth == 0 && walk.image_depth == 0 {
                    self.words += 1;
                }
                self.code.push(range);
            }
            Event::Start(Tag::Strong) => {
                walk.strong_depth += 1;
                if walk.strong_depth == 1 {
                    walk.top_strongs += 1;
                    self.strong(range);
                }
            }
            Event::End(TagEnd::Strong) => walk.strong_depth = walk.strong_depth.saturating_sub(1),
            Event::Start(Tag::Image { dest_url, .. }) => {
                walk.image_depth += 1;
                if walk.image_depth == 1 && walk.link_depth == 0 {
                    self.media += 1;
                    self.edit(range.start, range.end, "");
                    let shown = crate::display::html::image_type(&dest_url).is_some();
                    if shown && self.images.len() < MAX_IMAGES {
                        let alt = image_alt(&self.src[range.clone()]);
                        self.images.push(image_markdown(alt, &dest_url));
                    }
                }
            }
            Event::End(TagEnd::Image) => walk.image_depth = walk.image_depth.saturating_sub(1),
            Event::Start(Tag::Link { link_type, .. }) => {
                walk.link_depth += 1;
                if walk.link.is_none() {
                    self.links += 1;
                    walk.link = Some(OpenLink {
                        outer: range,
                        inner: None,
                        kind: link_type,
                        depth: walk.link_depth,
                    });
                }
            }
            Event::End(TagEnd::Link) => {
                match walk.link.take() {
                    Some(l) if l.depth == walk.link_depth => self.link(l.outer, l.inner, l.kind),
                    other => walk.link = other,
                }
                walk.link_depth = walk.link_depth.saturating_sub(1);
            }
            Event::Text(_) if walk.code_block_depth == 0 && walk.image_depth == 0 => {
                self.hash_tags(range.clone());
                if walk.link_depth == 0 {
                    self.texts.push(range);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => self.html(range),
            _ => {}
        }
    }

    /// What is found over the whole text once the events are read.
    fn after_walk(mut self, top_strongs: usize) -> Inline<'a> {
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
    pub(super) fn count_text_words(&mut self) {
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
    pub(super) fn strong(&mut self, r: Range<usize>) {
        let src = self.src;
        let bytes = src.as_bytes();
        if r.end < r.start + 4 || self.bolds.len() >= self.max_bolds {
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
    pub(super) fn link(
        &mut self,
        outer: Range<usize>,
        inner: Option<Range<usize>>,
        kind: LinkType,
    ) {
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
    pub(super) fn hash_tags(&mut self, r: Range<usize>) {
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

    pub(super) fn add_tag(&mut self, name: &str) {
        if self.tags.len() >= self.max_tags {
            self.too_many_tags = true;
            return;
        }
        let tag = name.trim().to_lowercase();
        if !tag.is_empty() && !self.tags.contains(&tag) {
            self.tags.push(tag);
        }
    }

    /// Removes a `#card` marker and one space beside it (the space before it when there is
    /// one, so the words around it stay apart).
    pub(super) fn card_marker(&mut self, start: usize, end: usize) {
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
    pub(super) fn html(&mut self, r: Range<usize>) {
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
}

/// Images kept per block: a block of hundreds of images is a gallery, not a card.
const MAX_IMAGES: usize = 8;

/// The alt text of a Markdown image's source (`![a cat](cat.png)` → `a cat`); none for
/// Obsidian's `![[cell.png|400]]`, whose text after `|` is a size.
fn image_alt(source: &str) -> &str {
    if source.starts_with("![[") {
        return "";
    }
    source
        .strip_prefix("![")
        .and_then(|rest| rest.rfind("](").map(|end| &rest[..end]))
        .unwrap_or("")
}

/// An image as Markdown the browser's renderer reads back: `![alt](<path>)`, the path as
/// written (Obsidian's `![[cell.png|400]]` gives `cell.png`), without characters that would
/// end either part.
fn image_markdown(alt: &str, dest: &str) -> String {
    let keep = |text: &str, drop: &[char]| -> String {
        text.chars()
            .filter(|c| !drop.contains(c) && !c.is_control())
            .collect()
    };
    format!(
        "![{}](<{}>)",
        keep(alt, &['[', ']', '\\']),
        keep(dest.trim(), &['<', '>', '\\'])
    )
}
