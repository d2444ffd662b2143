//! Putting cards together: explicit cards of a block, the ancestor path above a question (the
//! answers are `answers`'), and each draft card with its line and group.

use super::*;

impl Extractor<'_> {
    /// The explicit cards of block `i`; the reason when it has none after all.
    pub(super) fn explicit_cards(&mut self, i: usize, group: usize) -> Option<Reason> {
        let before = self.cards.len();
        if !self.ready.of(i).is_empty() {
            self.ready_cards(i);
            return (self.cards.len() == before).then_some(Reason::NoAnswer);
        }
        let tagged_alone = self.inline[i].card_tag && self.inline[i].clozes.is_empty();
        if tagged_alone {
            if let Some(r) = self.card_tag_cards(i, group) {
                return Some(r);
            }
        }
        let inl = &self.inline[i];
        let max = self.caps.clozes_per_block;
        if explicit::cloze_groups(&inl.clozes) > max {
            self.warnings.push(Warning {
                line: self.outline.blocks[i].line,
                message: format!(
                    "more than {max} clozes in one block; the rest are left out \
                     (`clozes-per-block` in [limits] allows more)"
                ),
            });
        }
        let inl = &self.inline[i];
        for c in explicit::cloze_cards(&inl.text, &inl.clozes, max) {
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
        let dropped = if self.inline[i].double_colon {
            self.double_colon_cards(i, group)
        } else {
            None
        };
        if tagged_alone && self.cards.len() == before {
            self.warnings.push(Warning {
                line: self.outline.blocks[i].line,
                message: "#card block has no answer (no children, no cloze, no `::`); add the answer as nested bullets".into(),
            });
        }
        (self.cards.len() == before).then_some(dropped.unwrap_or(Reason::NoAnswer))
    }

    /// The card of a `#card` block without clozes: its children as the answer, or its bold
    /// spans as clozes, or `term — meaning` split at the dash. `CardCategory` when its children
    /// are mostly `#card` blocks themselves.
    fn card_tag_cards(&mut self, i: usize, group: usize) -> Option<Reason> {
        let before = self.cards.len();
        let shown = self.shown_children(i);
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
        None
    }

    /// The ready-made cards block `i` asks (see `ready`): each from its own line, in a sibling
    /// group of its own.
    fn ready_cards(&mut self, i: usize) {
        for r in self.ready.of(i).to_vec() {
            self.push_line_card(i, r.question, r.answer, r.both_ways, r.line, r.line);
        }
    }

    /// An explicit card written on line `line` of block `i` (and its reverse when `both_ways`),
    /// in sibling group `group`.
    fn push_line_card(
        &mut self,
        i: usize,
        question: String,
        answer: String,
        both_ways: bool,
        line: usize,
        group: usize,
    ) {
        let from = self.cards.len();
        let reverse = both_ways.then(|| (answer.clone(), question.clone()));
        // A line card's sides carry their own images, not those of the whole block.
        let mut push_side = |q: String, a: String| {
            let (bare, images) = split_images(&q);
            let images: Vec<String> = images.iter().map(|s| s.to_string()).collect();
            let bare = bare.into_owned();
            self.push_with(
                i,
                CardKind::Basic,
                bare,
                &images,
                a,
                usize::MAX,
                Origin::Explicit,
                group,
            );
        };
        push_side(question, answer);
        if let Some((q, a)) = reverse {
            push_side(q, a);
        }
        for d in &mut self.cards[from..] {
            d.card.line = line;
        }
    }

    /// The `question :: answer` cards of block `i`, each on its own line and in a sibling group
    /// of its own; the reason of the last line dropped, if any was.
    fn double_colon_cards(&mut self, i: usize, group: usize) -> Option<Reason> {
        let mut dropped = None;
        let block = &self.outline.blocks[i];
        let cards = explicit::line_cards(&block.text);
        let lines: Vec<&str> = block.text.lines().collect();
        for (n, &(q, a, both_ways, k)) in cards.iter().enumerate() {
            // The lines after it, up to the next card's, go on with its answer (an org
            // description item that runs onto a second line).
            let next = cards.get(n + 1).map_or(lines.len(), |c| c.3);
            let more = lines.get(k + 1..next).unwrap_or(&[]);
            let joined;
            let a = if more.iter().any(|l| !l.trim().is_empty()) && !both_ways {
                joined = std::iter::once(a)
                    .chain(more.iter().map(|l| l.trim()))
                    .collect::<Vec<_>>()
                    .join(" ");
                joined.trim()
            } else {
                a
            };
            // `Thanks :: …` labels a line; `Garden :: I planted four today` is a diary; `30
            // :: guest — 192.168.30.0/24, isolated` is a row of a table. A number named
            // (`404 :: Not Found`) and a pronoun (`je suis :: I am`) are cards.
            let worded = q.chars().any(char::is_alphabetic);
            if (worded && (rules::is_generic_title(q) || rules::is_metadata_key(q)))
                || (!worded && a.split_whitespace().count() > 3)
            {
                dropped = Some(Reason::Generic);
                continue;
            }
            if rules::is_first_person(a) && a.split_whitespace().count() >= 4 {
                dropped = Some(Reason::NotSelfContained);
                continue;
            }
            let (q, a) = (shown_with_images(q), shown_with_images(a));
            // Each line is a card of its own line, with a group of its own.
            let line = self.source_line(i, k);
            let group = if group == block.line { line } else { group };
            self.push_line_card(i, q, a, both_ways, line, group);
        }
        dropped
    }

    /// The source line of line `k` of block `i`'s text: the block's line plus `k`, plus the
    /// property lines taken out of the text before it.
    pub(super) fn source_line(&self, i: usize, k: usize) -> usize {
        self.outline.blocks[i].source_line(k)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn push(
        &mut self,
        i: usize,
        kind: CardKind,
        question: String,
        answer: String,
        rank: usize,
        origin: Origin,
        group: usize,
    ) {
        // The block's images follow its text (the rules read it without them).
        let images = self.inline[i].images.clone();
        self.push_with(i, kind, question, &images, answer, rank, origin, group);
    }

    /// [`Self::push`] with the question's images given: `question` is read without them by
    /// every check, and they follow it on the card.
    #[allow(clippy::too_many_arguments)]
    fn push_with(
        &mut self,
        i: usize,
        kind: CardKind,
        question: String,
        images: &[String],
        answer: String,
        rank: usize,
        origin: Origin,
        group: usize,
    ) {
        let question = match residue::tidy_with(&question, false) {
            Cow::Owned(q) => q,
            Cow::Borrowed(_) => question,
        };
        // Images never make a card: every check reads the answer without them, and when
        // tidying changes it, its images follow the tidied text.
        let (answer, tidied_bare) = if answer.contains("](<") {
            let (bare, images) = split_images(&answer);
            let tidied = residue::tidy(&bare).into_owned();
            let full = if tidied == bare {
                answer.clone()
            } else {
                let images: Vec<String> = images.iter().map(|s| s.to_string()).collect();
                with_images(tidied.clone(), &images)
            };
            (full, Some(tidied))
        } else {
            // No image: the answer tidied in place, as it always was (no copy).
            let tidied = match residue::tidy(&answer) {
                Cow::Owned(a) => a,
                Cow::Borrowed(_) => answer,
            };
            (tidied, None)
        };
        let bare_answer: &str = tidied_bare.as_deref().unwrap_or(&answer);
        if question.trim().is_empty() || bare_answer.trim().is_empty() {
            return;
        }
        // An answer that only announces what follows (`In this lab you will:`), or says the
        // question again (`asdasd` › `asdasd`; code and its reading, `//ul/li` › `ul > li`,
        // differ), answers nothing.
        if kind == CardKind::Basic
            && ((bare_answer.trim_end().ends_with([':', '：']) && !bare_answer.contains('\n'))
                || (same_words(&question, bare_answer) && !question.contains('`')))
        {
            return;
        }
        let question = with_images(question, images);
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
                tags: self.no_tags.clone(),
                origin,
                group,
            },
            block: i,
            rank,
        });
    }

    /// Block `i`'s text as a question: a facet's label (`Usage`, `Cons:`) says whose facet it
    /// is (`Zotero: usage`), from the nearest ancestor that names a subject or the page's title.
    fn question(&self, i: usize) -> String {
        let text = &self.inline[i].text;
        if text.contains('\n') || !rules::is_facet_title(text) {
            return text.to_string();
        }
        let mut subject = String::new();
        let mut p = self.outline.blocks[i].parent;
        while let Some(b) = p {
            let label = self.inline[b].first_line();
            // A subject is a name: a sentence above (`By saving the whiteboard as blocks, we
            // reuse pages`) is passed over for what is above it, or the page's title.
            let name = label.split_whitespace().nth(rules::TERM_WORDS).is_none()
                && label.chars().count() <= rules::NAME_CHARS;
            if !label.trim().is_empty()
                && name
                && !rules::is_facet_phrase(label)
                && !rules::is_scaffold_title(label)
                && !rules::is_generic_title(label)
            {
                self.push_label(&mut subject, b);
                break;
            }
            p = self.outline.blocks[b].parent;
        }
        if subject.is_empty() {
            subject.clone_from(&self.title);
        }
        let subject = subject.trim_end_matches([':', '：', ' ']);
        if subject.is_empty() {
            return text.to_string();
        }
        let label = text
            .trim()
            .trim_matches(|c: char| c == '*' || c == '_')
            .trim_end_matches([':', '：'])
            .trim();
        let mut label_chars = label.chars();
        let lower: String = match label_chars.next() {
            // `Windows`, `iOS`: a name keeps its capital; a common word is lower-cased.
            Some(c)
                if label_chars.all(|c| c.is_lowercase())
                    && !matches!(label, "Windows" | "Linux" | "Android") =>
            {
                c.to_lowercase().chain(label.chars().skip(1)).collect()
            }
            _ => label.to_string(),
        };
        format!("{subject}: {lower}")
    }

    /// The ancestor path, e.g. `from library › asyncio › lock`.
    pub(super) fn context(&self, ancestors: &[(usize, usize, usize)]) -> String {
        let mut out = String::new();
        let n = ancestors.len();
        // The page's title comes first, unless the first ancestor is the page's own title (a
        // heading that says it again, or the top heading of a Markdown page).
        let titled = match ancestors.first() {
            Some(&(_, b, _)) => self.says_the_title(b),
            None => false,
        };
        if !titled && !self.title.is_empty() {
            out.push_str(&self.title);
            if n > 0 {
                out.push_str(" › ");
            }
        }
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

    /// Is top-level block `b` the page's own title (a heading that says it again, or the top
    /// heading of a Markdown page)? Asked once per top-level block.
    fn says_the_title(&self, b: usize) -> bool {
        if let Some((at, yes)) = self.title_block.get() {
            if at == b {
                return yes;
            }
        }
        let yes = (b == 0 && self.outline.blocks[0].kind == BlockKind::Heading(1)) || {
            let mut first = String::new();
            self.push_label(&mut first, b);
            same_words(&first, &self.title)
        };
        self.title_block.set(Some((b, yes)));
        yes
    }

    /// Appends a block's first line, without bold markers, cut to a readable length.
    pub(super) fn push_label(&self, out: &mut String, b: usize) {
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
            let part = match crate::notes::outline::find_pair(rest, 0, b'*') {
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

    /// The automatic cards of block `i` (a definition card, its clozes) with sibling group
    /// `group`; the reason when it gives none. `shown_by`: the card that shows it whole, if
    /// any; `answer` is set when its card answers with its children.
    pub(super) fn auto_cards(
        &mut self,
        i: usize,
        group: usize,
        shown_by: Option<(usize, Origin)>,
        def_skip: Option<Reason>,
        verdict: BoldVerdict,
        answer: &mut Option<Origin>,
    ) -> Option<Reason> {
        let mut def = match (def_skip, shown_by) {
            (_, Some(_)) => Some(Reason::InAnswer),
            (r, None) => r,
        };
        let outline_answer = match def {
            Some(Reason::Category | Reason::TooLong) => self.outline_answer(i),
            _ => None,
        };
        if let Some(answer) = outline_answer {
            // Its children are not shown whole: they give their own cards.
            let question = self.question(i);
            self.push(i, CardKind::Basic, question, answer, 0, Origin::Auto, group);
            def = None;
        } else if def.is_none() {
            *answer = Some(Origin::Auto);
            let answer = self.answer(i, false);
            self.push(
                i,
                CardKind::Basic,
                self.question(i),
                answer,
                0,
                Origin::Auto,
                group,
            );
        }
        let cloze = match shown_by {
            Some((_, Origin::Explicit)) => Some(Reason::InAnswer),
            Some((p, Origin::Auto)) if self.repeats_its_card(i, p) => Some(Reason::Duplicate),
            _ => self.bold_clozes(i, group, verdict, Origin::Auto),
        };
        // A plain line or a paragraph whose sentences define terms (`Spine is an MVC framework
        // for JavaScript.`) asks each: the term, then what it is.
        if matches!(def, Some(Reason::Plain | Reason::Prose))
            && shown_by.is_none()
            && self.inline[i].bold.is_empty()
            && !self.inline[i].code_block
            && !rules::is_first_person(&self.inline[i].text)
        {
            for (term, what) in rules::definition_sentences(&self.inline[i].text) {
                self.push(i, CardKind::Basic, term, what, 0, Origin::Auto, group);
                def = None;
            }
        }
        // The reason shown: the cloze's when the block had bold, else the definition's.
        match (def, cloze) {
            (None, _) | (_, None) => None,
            (Some(d), Some(c)) => Some(if self.inline[i].bold.is_empty() || is_structural(d) {
                d
            } else {
                c
            }),
        }
    }
}

/// Two labels with the same letters and digits, case aside (`git-internals`, `Git internals`).
fn same_words(a: &str, b: &str) -> bool {
    // Compared as they are read, not collected: a long answer differs within a few letters.
    fn norm(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
    }
    norm(a).eq(norm(b))
}

/// Writes one list item (or a paragraph) of an answer; returns the lines written.
pub(super) fn write_item(out: &mut String, text: &str, level: usize, paragraph: bool) -> usize {
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

/// A side of a line card as it reads, with the images written in it after its text (none when
/// it is nothing but images: `push` makes no card of that).
pub(super) fn shown_with_images(side: &str) -> String {
    let r = inline::render(side);
    let text = r.text.trim().to_string();
    if text.is_empty() {
        return text;
    }
    with_images(text, &r.images)
}

/// `text` with `images` (Markdown) after it: on its line when it is one line, else on a line
/// of their own.
pub(super) fn with_images(mut text: String, images: &[String]) -> String {
    if images.is_empty() {
        return text;
    }
    text.push(if text.contains('\n') { '\n' } else { ' ' });
    text.push_str(&images.join(" "));
    text
}

/// `text` without the images [`with_images`] put in it (`![alt](<path>)`), and those images.
pub(super) fn split_images(text: &str) -> (Cow<'_, str>, Vec<&str>) {
    if !text.contains("](<") {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut images = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("![") {
        let after = &rest[at + 2..];
        let end = after
            .find("](<")
            .filter(|&m| !after[..m].contains(['[', ']', '\n']))
            .and_then(|m| after[m + 3..].find('>').map(|e| m + 3 + e))
            .filter(|&e| after[e + 1..].starts_with(')'));
        match end {
            Some(e) => {
                out.push_str(rest[..at].trim_end());
                images.push(&rest[at..at + 2 + e + 2]);
                rest = &after[e + 2..];
            }
            None => {
                out.push_str(&rest[..at + 2]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    (Cow::Owned(out), images)
}
