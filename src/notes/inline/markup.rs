//! What pulldown-cmark does not read: callouts, Logseq macros and clozes in braces, `==highlights==`,
//! footnote references; and the end of a render.

use super::*;

impl<'a, 's> Renderer<'a, 's> {
    /// An Obsidian callout's `[!type]` (with `+`/`-`) becomes its label (`Tip:`), or goes.
    pub(super) fn callout(&mut self) {
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
    pub(super) fn braces(&mut self) {
        let src = self.src;
        if crate::notes::outline::find_pair(src, 0, b'{').is_none() {
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
    pub(super) fn macro_pair(&mut self, open: usize, close: usize) {
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
        } else if let Some(c) = crate::cloze::numbered(inner) {
            // Where the answer stands in the note: its offset inside the braces.
            let body_start = open + 2 + (c.answer.as_ptr() as usize - inner.as_ptr() as usize);
            Some((
                body_start,
                body_start + c.answer.len(),
                c.hint.map(|h| h.trim().to_string()),
                c.number,
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

    /// Obsidian highlights (`==text==`, on one line, outside code) show their text; read as
    /// bold (`highlight_bold`), they show as bold and are bold spans.
    pub(super) fn highlights(&mut self) {
        let src = self.src;
        let b = src.as_bytes();
        let mut from = 0;
        while let Some(open) = crate::notes::outline::find_pair(src, from, b'=') {
            from = open + 2;
            let starts_text = b
                .get(open + 2)
                .is_some_and(|c| !c.is_ascii_whitespace() && *c != b'=');
            if !starts_text || in_code(self.code, open) {
                continue;
            }
            let line_end = memchr::memchr(b'\n', &b[open..]).map_or(b.len(), |e| open + e);
            let Some(close) = crate::notes::outline::find_pair(&src[..line_end], open + 2, b'=')
            else {
                continue;
            };
            if b[close - 1].is_ascii_whitespace() {
                continue;
            }
            if self.highlight_bold && self.bolds.len() < self.max_bolds {
                // `**` for each `==`, and the hidden span's ends marked between them.
                self.edit(open, open + 2, "**");
                let inner_open = self.edit(open + 2, open + 2, "");
                let inner_close = self.edit(close, close, "");
                self.edit(close, close + 2, "**");
                self.bolds.push(PendingBold {
                    open: inner_open,
                    close: inner_close,
                    partial: !word_boundary(src, close, close + 2),
                });
            } else {
                self.edit(open, open + 2, "");
                self.edit(close, close + 2, "");
            }
            from = close + 2;
        }
    }

    /// Footnote references (`[^1]`, `[^note]`) go; a definition (`[^1]: …`) stays.
    pub(super) fn footnote_refs(&mut self) {
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
    pub(super) fn finish(self) -> Inline<'a> {
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
        // Highlights read as bold are found after the walk's bold: in the text's order.
        bold.sort_by_key(|b| b.outer.start);
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
            too_many_tags: self.too_many_tags,
            card_tag: self.card_tag,
            code_block: self.code_block,
            double_colon: false,
            heading: self.heading,
            quote: self.quote,
            words: Cell::new(self.words),
            capitalized: Cell::new(self.capitalized),
            links: Cell::new(self.links),
            media: self.media,
            images: self.images,
            macros: self.macros,
            query: self.query,
        }
    }
}

/// Characters looked at on each side of a position to decide a word boundary: more than any
/// real word, and a bound on the work for a hostile one.
pub(super) const WORD_WINDOW: usize = 48;

/// The letters and digits right before `at`, at most [`WORD_WINDOW`] of them.
pub(super) fn run_before(src: &str, at: usize) -> &str {
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
pub(super) fn run_after(src: &str, at: usize) -> &str {
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
pub(super) fn word_boundary(src: &str, left_end: usize, right_start: usize) -> bool {
    let (l, r) = (run_before(src, left_end), run_after(src, right_start));
    if l.is_empty() || r.is_empty() {
        return true;
    }
    let joined = format!("{l}{r}");
    joined.split_word_bound_indices().any(|(i, _)| i == l.len())
}

/// Where the word that the text after `right_start` continues begins: `marker` itself when a
/// word boundary is there, else the start of that word in the text before `marker`.
pub(super) fn word_start(src: &str, marker: usize, right_start: usize) -> usize {
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
