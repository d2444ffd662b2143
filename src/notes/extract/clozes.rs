//! Cloze cards from bold spans: which blocks and which spans can be clozes (the module doc's
//! *Cloze cards*), and the cards they make.

use super::*;

/// A line of at most this many words ending in a colon labels what follows (`Pros:`,
/// `Then:`); a cloze followed by at most this many words before a lead-in's colon hides what
/// the lead-in introduces.
const LABEL_LINE_WORDS: usize = 3;

impl Extractor<'_> {
    /// Why no bold span of block `i` can be a cloze, whatever the span.
    pub(super) fn cloze_block_skip(&self, i: usize) -> Option<Reason> {
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
        if rules::is_first_person(&inl.text)
            || (self.outline.blocks[i].parent.is_some() && rules::continues_a_sentence(&inl.text))
        {
            return Some(Reason::NotSelfContained);
        }
        None
    }

    /// What block `i` is that is never a card, whatever its words: part of a log, a task, a
    /// query, code, a quote, a footnote.
    pub(super) fn structure_skip(&self, i: usize) -> Option<Reason> {
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
    pub(super) fn bold_skip(
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
        // A lead-in announces what follows, which the card does not show: a cloze of it asks
        // only inside a clause that goes on after the span (`one line per commit, **oldest
        // first** — the opposite order to git log:`), not the term it introduces (`the notion
        // of **I-equivalence**:`), a label heading it, nor above a label line (`Pros:`).
        let whole = text.trim_end();
        if whole.ends_with([':', '：']) {
            let last_line = whole.rsplit('\n').next().unwrap_or("");
            if text[..b.outer.start].trim().is_empty()
                || last_line.split_whitespace().count() <= LABEL_LINE_WORDS
                || text[b.outer.end..].split_whitespace().count() <= LABEL_LINE_WORDS
            {
                return Some(Reason::LeadIn);
            }
        }
        // A question (`**What is the input?** In our example, …`): hiding it asks nothing.
        if hidden.ends_with(['?', '？']) {
            return Some(Reason::BoldLabel);
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
        // `**Expected output**: 0.3668`: a label of what follows, which says no words.
        if text[..b.outer.start].trim().is_empty() {
            if let Some(rest) = after.strip_prefix([':', '：']) {
                let rest = rest.lines().next().unwrap_or("");
                if !rest.chars().any(char::is_alphabetic) {
                    return Some(Reason::BoldLabel);
                }
            }
        }
        // A name in the code of the same block gives it away (`**Tasks**` … `create_task()`).
        if rules::in_code_spans(hidden, text, b.outer.clone()) {
            return Some(Reason::AnswerVisible);
        }
        // Most of its line hidden, or one of many bold spans of one line, or a line too long
        // to read as one question.
        let line = line_of(text, b.outer.clone());
        if sentence_of(text, line.clone(), b.outer.clone())
            .chars()
            .count()
            > rules::CLOZE_LINE_CHARS
        {
            return Some(Reason::Prose);
        }
        let weight = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
        let bold_here = self.inline[i]
            .bold
            .iter()
            .filter(|o| o.outer.start >= line.start && o.outer.end <= line.end)
            .count();
        // (A term heading its definition, `**Term**: what it is`, is asked from the definition.)
        let defines = text[line.start..b.outer.start].trim().is_empty()
            && after.trim_start().starts_with([':', '：', '—', '–', '=']);
        // (One word hidden in a short line, `yo **tengo**`, is a form drilled on its own.)
        let phrase = hidden.split_whitespace().nth(2).is_some()
            || hidden.chars().filter(|&c| rules::is_cjk(c)).count() >= 6;
        // A list hidden (`other **coroutine, task or awaitable**`): a set is not recalled as
        // one answer.
        let list = hidden.matches([',', '、', '，']).count() >= 2
            || (hidden.contains([',', '、', '，'])
                && [" or ", " and "].iter().any(|w| hidden.contains(w)));
        if list
            || (!defines
                && phrase
                && weight(hidden) * 100 > rules::MAX_CLOZE_SHARE * weight(&text[line.clone()]))
            || bold_here > rules::MAX_BOLD_PER_LINE
        {
            return Some(Reason::ClozeSpan);
        }
        // A gloss in another script right after it gives it away (`**うたって** (utatte)`).
        if let Some(gloss) = after.trim_start().strip_prefix(['(', '（']) {
            let gloss = gloss.split([')', '）']).next().unwrap_or("");
            let cjk = |s: &str| s.chars().any(rules::is_cjk);
            if !gloss.trim().is_empty()
                && cjk(hidden) != cjk(gloss)
                && gloss.chars().any(char::is_alphabetic)
            {
                return Some(Reason::AnswerVisible);
            }
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
        // Its words said again in another form, in its line or in a title above it, give
        // it away (`**sentence** (s): sentences are …`; `Paging` › `fixed-sized **pages**`).
        if hidden.split_whitespace().nth(3).is_none() && !hidden.chars().any(rules::is_cjk) {
            let titles = std::iter::successors(self.outline.blocks[i].parent, |&p| {
                self.outline.blocks[p].parent
            })
            .map(|p| self.inline[p].first_line())
            .chain([self.title.as_str()]);
            let around = [
                &text[line.start..b.outer.start],
                &text[b.outer.end..line.end],
            ];
            // A title gives it away when it names just that (`Paging`, `` `Range` ``), not
            // when it names it among others (`Aqueducts & cisterns`).
            // (A title naming a span is short: a longer one is not read for each span.)
            let titles = titles.filter(|t| {
                t.len() <= TITLE_NAMING_BYTES && rules::says_word_forms([hidden].into_iter(), t)
            });
            if rules::says_word_forms(around.into_iter().chain(titles), hidden) {
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
    pub(super) fn bold_verdict(&self, i: usize) -> BoldVerdict {
        if let Some(r) = self.cloze_block_skip(i) {
            return BoldVerdict {
                ok: 0,
                reason: Some(r),
            };
        }
        self.span_verdict(i)
    }

    /// Which of the first [`Caps::clozes_per_block`] bold spans of block `i` can be clozes, by
    /// the rules of each span (the block's own are [`Self::cloze_block_skip`]'s).
    pub(super) fn span_verdict(&self, i: usize) -> BoldVerdict {
        let mut v = BoldVerdict::default();
        let money = std::cell::OnceCell::new();
        for (n, b) in self.inline[i].bold.iter().enumerate() {
            if n >= self.caps.clozes_per_block {
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
    pub(super) fn bold_clozes(
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
        let (mut made, mut asked_before) = (0, false);
        for (n, b) in spans.iter().enumerate().take(self.caps.clozes_per_block) {
            if verdict.ok & (1 << n) == 0 {
                continue;
            }
            let text = &self.inline[i].text;
            let answer = text[b.inner.clone()].trim().to_string();
            // (A particle or a short form, `は`, `が`, `de`, is drilled in sentence after
            // sentence: each asks it anew. A cloze the notes mark, `#card`, is always made.)
            let key = term_key(&answer);
            let once = origin == Origin::Auto && key.chars().count() >= rules::DRILLED_FORM_CHARS;
            if once && self.hidden_terms.contains(&key) {
                asked_before = true;
                continue;
            }
            let question = format!("{}[…]{}", &text[..b.outer.start], &text[b.outer.end..]);
            let before = self.cards.len();
            self.push(i, CardKind::Cloze, question, answer, n + 1, origin, group);
            if self.cards.len() > before {
                made += 1;
                if once {
                    self.hidden_terms.insert(key);
                }
            }
        }
        self.inline[i].bold = spans;
        (made == 0 && asked_before).then_some(Reason::TermAsked)
    }
}

/// A hidden term as compared with the page's others: its letters and digits, lower-cased.
fn term_key(term: &str) -> String {
    term.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The byte range of the line of `text` that holds `span`.
pub(super) fn line_of(text: &str, span: Range<usize>) -> Range<usize> {
    let start = text[..span.start].rfind('\n').map_or(0, |k| k + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |k| span.end + k);
    start..end
}

/// The sentence of line `line` of `text` that holds `span`: from the end of the sentence before
/// it (`. `, `! `, `? `, `。`, `；`) to the end of its own.
pub(super) fn sentence_of(text: &str, line: Range<usize>, span: Range<usize>) -> &str {
    let (before, after) = (&text[line.start..span.start], &text[span.end..line.end]);
    let start = ascii_ends(before)
        .next_back()
        .max(cjk_ends(before).next_back())
        .map_or(line.start, |k| line.start + k);
    let end = match (ascii_ends(after).next(), cjk_ends(after).next()) {
        (Some(a), Some(c)) => Some(a.min(c)),
        (a, c) => a.or(c),
    }
    .map_or(line.end, |k| span.end + k);
    &text[start..end]
}

/// Where each sentence of `s` ends at `. `, `! ` or `? `, just past the mark, in order. Only the
/// marks' bytes are looked at (`memchr`): this runs for every bold span.
fn ascii_ends(s: &str) -> impl DoubleEndedIterator<Item = usize> + '_ {
    let b = s.as_bytes();
    memchr::memchr3_iter(b'.', b'!', b'?', b)
        .filter(move |&k| b.get(k + 1) == Some(&b' '))
        .map(|k| k + 2)
}

/// Where each sentence of `s` ends at `。` or `；`, just past the mark, in order.
fn cjk_ends(s: &str) -> impl DoubleEndedIterator<Item = usize> + '_ {
    const MARKS: [&str; 2] = ["。", "；"];
    let b = s.as_bytes();
    memchr::memchr2_iter(0xE3, 0xEF, b)
        .filter(move |&k| MARKS.iter().any(|m| b[k..].starts_with(m.as_bytes())))
        .map(|k| k + 3)
}

/// The first word of `s`, or "".
pub(super) fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or("")
}

/// The last word of `s` when it has two or more, or "".
pub(super) fn last_word(s: &str) -> &str {
    let mut w = s.split_whitespace();
    w.next().and(w.next_back()).unwrap_or("")
}

/// Are two words the same, case aside?
pub(super) fn same_word(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b) || (!a.is_ascii() && a.to_lowercase() == b.to_lowercase())
}

/// A title longer than this (bytes) names more than one cloze's span.
const TITLE_NAMING_BYTES: usize = 120;

/// Does a cloze text keep some words outside its hidden span?
pub(super) fn has_words_outside(text: &str, hidden: Range<usize>) -> bool {
    let words = |s: &str| s.chars().any(char::is_alphanumeric);
    words(&text[..hidden.start]) || words(&text[hidden.end..])
}

/// `[^1]: …`: a footnote definition.
pub(super) fn is_footnote(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("[^")
        && t.find("]:")
            .is_some_and(|at| !t[2..at].contains([' ', ']']))
}
