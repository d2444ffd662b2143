//! The renderer's walk: pulldown-cmark's events over a block's source, each turned into edits
//! of the text (bold markers kept, links and tags rendered) and facts about it.

use super::*;

impl<'a, 's> Renderer<'a, 's> {
    pub(super) fn new(src: &'a str, scratch: &'s mut Scratch) -> Self {
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

    pub(super) fn edit(&mut self, start: usize, end: usize, insert: &'static str) -> usize {
        self.edits.push(Edit { start, end, insert });
        self.edits.len() - 1
    }

    pub(super) fn run(mut self) -> Inline<'a> {
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
