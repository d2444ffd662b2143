//! The answers of definition cards: a block's children as a nested list (long subtrees by their
//! first line, bare topic names left to their own cards), or, for a term whose children cannot
//! all be its answer, the short names or the definition among them.

use super::assemble::{with_images, write_item};
use super::*;

impl Extractor<'_> {
    /// The answer of a definition card: the block's children as Markdown, tasks and queries left
    /// out. `full` shows every descendant (explicit cards); otherwise long child subtrees show
    /// their first line.
    pub(super) fn answer(&self, b: usize, full: bool) -> String {
        let kids = self.answer_children(b, full);
        if let [only] = kids[..] {
            if self.facts[only].desc_blocks == 0 {
                let text = self.inline[only].text.to_string();
                return with_images(text, &self.inline[only].images);
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
            let inl = &self.inline[c];
            let text: Cow<'_, str> = if !expand {
                Cow::Borrowed(inl.first_line())
            } else if inl.images.is_empty() {
                Cow::Borrowed(&inl.text)
            } else {
                Cow::Owned(with_images(inl.text.to_string(), &inl.images))
            };
            let paragraph = level == 0 && self.outline.blocks[c].kind == BlockKind::Paragraph;
            if !out.is_empty() {
                out.push('\n');
                if paragraph || prev_paragraph {
                    out.push('\n');
                }
            }
            prev_paragraph = paragraph;
            lines += write_item(&mut out, &text, level, paragraph);
            if expand && self.facts[c].desc_blocks > 0 {
                let at = todo.len();
                todo.extend(self.shown_children(c).into_iter().map(|k| (k, level + 1)));
                todo[at..].reverse();
            }
        }
        out
    }

    /// The children the answer of `b`'s definition card lists: those shown, but (unless `full`)
    /// a topic of its own shown by a bare name (`hydra`), which reads as a label with nothing
    /// after it, is left to its own card when there is more.
    pub(super) fn answer_children(&self, b: usize, full: bool) -> Vec<usize> {
        let mut kids = self.shown_children(b);
        if !full && kids.len() > 1 {
            kids.retain(|&c| {
                self.is_short(c)
                    || self.inline[c]
                        .first_line()
                        .split_whitespace()
                        .nth(3)
                        .is_some()
            });
        }
        kids
    }

    /// The answer of a term whose children cannot all be its answer (a category, or too much to
    /// recall), when they still answer it in one of two shapes: a few short names with more
    /// below them (`start methods` → `spawn`, `fork`, `forkserver`), or a definition as the
    /// first child (`uv` → `package and project manager`, then its topics).
    pub(super) fn outline_answer(&self, i: usize) -> Option<String> {
        let inl = &self.inline[i];
        let q = inl.text.trim();
        let words = q.split_whitespace().count();
        if self.facts[i].heading != Heading::No || self.outline.blocks[i].depth == 0 {
            return None; // a heading's section, or a top-level part of the page, is read as it is
        }
        if q.contains('\n')
            || words > rules::TERM_WORDS
            || q.ends_with([':', '：', '.'])
            || rules::is_statement(q)
            || inl.code_block
            || self.question_skip(i).is_some()
        {
            return None;
        }
        let kids = self.shown_children(i);
        // The name an item gives: its line, or the term heading it (`**Futures**: objects …`).
        let name = |k: usize| -> Option<&str> {
            if self.inline[k].code_block {
                return None;
            }
            let line = self.inline[k].first_line().trim();
            let is_name = |t: &str| {
                t.chars().count() <= rules::NAME_CHARS
                    && t.split_whitespace().count() <= rules::NAME_WORDS
                    && !t.ends_with([':', '：'])
                    && !rules::is_statement(t)
            };
            // A bold head, its markers left out.
            let text = &self.inline[k].text;
            let head = self.inline[k]
                .bold
                .first()
                .filter(|b| text[..b.outer.start].trim().is_empty())
                .map(|b| (text[b.outer.clone()].trim(), text[b.inner.clone()].trim()));
            if is_name(line) {
                return Some(
                    head.filter(|&(outer, _)| outer == line)
                        .map_or(line, |h| h.1),
                );
            }
            let (term, _) = explicit::split_on_dash(line)?;
            head.filter(|&(outer, inner)| outer == term && is_name(inner))
                .map(|(_, inner)| inner)
        };
        let &first = kids.first()?;
        let f = &self.facts[first];
        let text = self.inline[first].text.trim();
        // The first child defines the term when it reads as a definition and the other
        // children are topics of their own (each with more below it).
        let defines = rules::is_definition_line(text)
            && !self.is_reference_line(first)
            && text.split_whitespace().nth(1).is_some()
            && (f.desc_blocks == 0 || rules::starts_with_article(text))
            && f.chars as usize + f.desc_chars as usize <= rules::DEFINITION_CHARS
            && self.is_short(first)
            && !self.inline[first].code_block
            && kids.len() > 1
            && kids[1..].iter().all(|&k| self.facts[k].desc_blocks > 0);
        if defines {
            let mut out = text.to_string();
            for k in self.shown_children(first) {
                out.push_str("\n- ");
                out.push_str(self.inline[k].first_line().trim());
            }
            return Some(out);
        }
        // A plural that the children name (`start methods`, `types of awaitables`), with more
        // below them or beside them (`**Futures**: objects representing …`).
        if !rules::names_a_plural(q) || !(2..=rules::MAX_ANSWER_ITEMS).contains(&kids.len()) {
            return None;
        }
        let names: Vec<&str> = kids.iter().map(|&k| name(k)).collect::<Option<_>>()?;
        let says_more = |(&k, n): (&usize, &&str)| {
            self.facts[k].desc_blocks > 0
                || self.inline[k].first_line().trim().trim_matches('*') != *n
        };
        kids.iter()
            .zip(&names)
            .any(says_more)
            .then(|| format!("- {}", names.join("\n- ")))
    }
}
