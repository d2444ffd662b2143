//! Definition cards: when a block with children asks a question, and how big its answer is.
//! The rules of the module doc's *Definition cards*, block by block.

use super::*;

impl Extractor<'_> {
    /// Why block `i` cannot be a definition card on its own (see the module comment), or None.
    /// `gives` is known for every block after `i`.
    pub(super) fn definition_skip(
        &self,
        i: usize,
        gives: &[Gives],
        scratch: &mut Scratch,
    ) -> Option<Reason> {
        let inl = &self.inline[i];
        let block = &self.outline.blocks[i];
        if block.end == i + 1 {
            // A leaf (most blocks): nothing to answer with.
            return Some(if (inl.macros > 0 || inl.media > 0) && inl.no_words() {
                Reason::Media
            } else {
                Reason::Plain
            });
        }
        if self.is_reference(i) {
            return Some(Reason::Reference);
        }
        if let Some(r) = self.structure_skip(i) {
            return Some(r);
        }
        // The children with text, then (in place) those an answer shows.
        let shown = &mut scratch.kids;
        self.content_children_into(i, shown);
        let task_child = shown.iter().any(|&k| self.outline.blocks[k].task);
        let query_child = shown.iter().any(|&k| self.inline[k].query);
        shown.retain(|&k| self.facts[k].shown);
        let shown = &scratch.kids[..];
        if shown.is_empty() {
            return Some(self.empty_answer(i, task_child, query_child));
        }
        let parents = shown
            .iter()
            .filter(|&&k| self.facts[k].desc_blocks > 0)
            .count();
        if parents * 2 > shown.len() {
            return Some(Reason::Category);
        }
        if let Some(r) = self.question_skip(i) {
            return Some(r);
        }
        if task_child {
            return Some(Reason::Task);
        }
        if query_child {
            return Some(Reason::Query);
        }
        // Children that only name sections (`Beginner`, `Intermediate`; `Notes`): a table
        // of contents, no answer.
        if self.is_section(i, shown, gives)
            || shown.iter().all(|&k| {
                let line = self.inline[k].first_line();
                line.chars().any(char::is_alphabetic) && rules::is_generic_title(line)
            })
        {
            return Some(Reason::Section);
        }
        self.answer_skip(i, shown, &mut scratch.todo)
    }

    /// Why block `i`, whose children show nothing in an answer, asks nothing: they are a task,
    /// a query, a macro or an image alone (`task_child`, `query_child`: one of its children
    /// is).
    fn empty_answer(&self, i: usize, task_child: bool, query_child: bool) -> Reason {
        let inl = &self.inline[i];
        // Children that read as nothing: a task, a query, a macro or an image alone.
        let direct = || {
            self.outline
                .children(i)
                .map(|k| (&self.outline.blocks[k], &self.inline[k]))
        };
        if task_child || direct().any(|(b, _)| b.task) {
            return Reason::Task;
        }
        if query_child || direct().any(|(_, c)| c.query) {
            return Reason::Query;
        }
        if direct().any(|(_, c)| c.macros > 0 || c.media > 0) {
            return Reason::Media;
        }
        if (inl.macros > 0 || inl.media > 0) && inl.no_words() {
            Reason::Media
        } else {
            Reason::Plain
        }
    }

    /// What rules block `i`'s own text out as a question: no words, an icon, a generic or
    /// chapter title, the first person, only a reference, a statement about a bold term.
    pub(super) fn question_skip(&self, i: usize) -> Option<Reason> {
        let (f, inl) = (&self.facts[i], &self.inline[i]);
        let question = inl.first_line();
        if inl.no_words() && !(f.heading != Heading::No && inl.links() > 0) {
            return Some(if inl.macros > 0 || inl.media > 0 {
                Reason::Media
            } else {
                Reason::NoWords
            });
        }
        if inl.macros > 0 && inl.words() <= 1 {
            return Some(Reason::Media); // an icon and a word: `{{i f021}} usage`
        }
        if rules::is_generic_title(question)
            || rules::is_scaffold_title(question)
            || rules::is_chapter_title(question)
            || (f.heading != Heading::No && rules::is_example(question))
        {
            return Some(Reason::Generic);
        }
        if rules::is_first_person(question)
            || rules::points_elsewhere(question)
            || self.finishes_parent(i)
        {
            return Some(Reason::NotSelfContained);
        }
        if refs::only_refers(&self.outline.blocks[i].text)
            || rules::is_pointer(&self.outline.blocks[i].text)
        {
            return Some(Reason::Reference);
        }
        // A line that states a fact about a bold term (`**Expenditure approach**: Y = C + I + G`)
        // is a fact, asked by its cloze; what is under it is a remark, not the answer.
        if self.states_a_term(i) {
            return Some(Reason::Statement);
        }
        // A line that states something asks nothing; its children say more about it. So does a
        // term with its gloss: of those graded blind on the tuning half, none was kept.
        if rules::is_statement(question)
            || (f.heading == Heading::No
                && rules::is_glossed_term(question)
                && !rules::is_setting(question))
        {
            return Some(Reason::StatesFact);
        }
        // A lead-in announces its children: of those graded blind on the tuning half, none of
        // 18 was kept as it was.
        if question.trim_end().ends_with([':', '：']) && f.heading == Heading::No {
            return Some(Reason::LeadIn);
        }
        None
    }

    /// Does block `i` finish its parent's sentence (`So I suppose if I can` › `drive it with an
    /// automation tool`)? Then it has no subject of its own. (A heading or a short title,
    /// `## What it is`, names its section.)
    fn finishes_parent(&self, i: usize) -> bool {
        self.outline.blocks[i].parent.is_some_and(|p| {
            let text = self.inline[p].text.trim_end();
            self.facts[p].heading == Heading::No
                && text.split_whitespace().nth(4).is_some()
                && rules::ends_mid_sentence(text)
        })
    }

    /// Block `i` as an item of a list of terms: `term — meaning` (or `–`, ` - `, ` = `, `: `)
    /// on one line without children, the term a short name, the meaning a few words.
    pub(super) fn term_item(&self, i: usize) -> Option<(String, String)> {
        let text = &self.inline[i].text;
        if self.outline.blocks[i].end != i + 1 || text.contains('\n') || self.inline[i].code_block {
            return None;
        }
        let (term, meaning) = explicit::split_on_dash(text)?;
        // Not a split inside math or code (`$T(n) = …$`), nor a value (`c = ([1, 2, 3])`).
        let odd = |c: char| term.matches(c).count() % 2 == 1;
        if odd('$') || odd('`') || meaning.starts_with(['(', '{', '\'', '"']) {
            return None;
        }
        let words = meaning.split_whitespace().count();
        let fits = term.chars().count() <= rules::NAME_CHARS
            && term.split_whitespace().count() <= rules::TERM_WORDS
            && term.chars().any(char::is_alphabetic)
            && !rules::is_label_word(term)
            && !rules::is_example(term)
            && !rules::is_dated_title(term)
            && !rules::is_schedule_or_money(term)
            && !term.chars().next().is_some_and(|c| c.is_ascii_digit())
            && words >= 2
            && meaning.chars().count() <= MAX_ANSWER_CHARS
            && !rules::is_first_person(meaning);
        fits.then(|| (term.to_string(), meaning.to_string()))
    }

    /// Are most of block `p`'s children `term — meaning` items (at least
    /// [`rules::TERM_LIST_ITEMS`] of them)? Remembered in `memo`.
    pub(super) fn is_term_list(&self, p: usize, memo: &mut [Option<bool>]) -> bool {
        if let Some(known) = memo[p] {
            return known;
        }
        let kids = self.shown_children(p);
        let terms = kids
            .iter()
            .filter(|&&k| self.term_item(k).is_some())
            .count();
        let yes =
            terms >= rules::TERM_LIST_ITEMS && terms * 100 >= rules::TERM_LIST_SHARE * kids.len();
        memo[p] = Some(yes);
        yes
    }

    /// Is block `i` a section title: its children (`shown`) give cards of their own?
    fn is_section(&self, i: usize, shown: &[usize], gives: &[Gives]) -> bool {
        let f = &self.facts[i];
        // A heading is a section title when its section gives cards of its own. In a Logseq
        // outline a heading block groups its children; in a Markdown document a short section
        // under a heading answers it (its paragraphs' clozes are siblings of that card), unless
        // it holds questions of its own or is mostly items that are cards themselves.
        let section = match f.heading {
            Heading::No => false,
            // One short statement under a heading answers it (its clozes are its siblings).
            // A heading over code names the code (a script, an example).
            Heading::Logseq => {
                shown.iter().any(|&k| gives[k].basic || gives[k].line)
                    || (shown.len() > 1 && shown.iter().any(|&k| gives[k].cloze))
                    || shown.iter().any(|&k| self.inline[k].code_block)
            }
            Heading::Markdown => {
                let items = shown.iter().filter(|&&k| {
                    self.outline.blocks[k].kind != BlockKind::Paragraph && gives[k].any()
                });
                shown.iter().any(|&k| gives[k].basic) || items.count() * 2 > shown.len()
            }
        };
        // An answer holding explicit cards (a `#card`, a `question :: answer` line) would ask
        // what they ask.
        section
            || shown
                .iter()
                .any(|&k| (gives[k].basic && self.facts[k].explicit) || self.facts[k].line_cards)
    }

    /// What rules block `i`'s children (`shown`) out as its answer: notes to oneself, open
    /// questions, examples, links, media, prose, or too much to recall.
    fn answer_skip(
        &self,
        i: usize,
        shown: &[usize],
        todo: &mut Vec<(usize, bool)>,
    ) -> Option<Reason> {
        let f = &self.facts[i];
        let count = |pred: &dyn Fn(usize) -> bool| shown.iter().filter(|&&k| pred(k)).count();
        if count(&|k| rules::is_mostly_first_person(&self.inline[k].text)) * 2 > shown.len() {
            return Some(Reason::NotSelfContained);
        }
        if count(&|k| {
            self.facts[k].desc_blocks == 0 && rules::is_open_question(&self.inline[k].text)
        }) * 2
            >= shown.len()
            || shown
                .iter()
                .any(|&k| rules::is_unsettled(&self.inline[k].text))
        {
            return Some(Reason::OpenQuestions);
        }
        if shown
            .iter()
            .all(|&k| rules::is_example(&self.inline[k].text))
        {
            return Some(Reason::Examples);
        }
        let line = |k: usize| self.inline[k].first_line().trim();
        let label = line(i);
        let code = shown.iter().any(|&k| self.inline[k].code_block);
        // A step of a procedure with its details under it (`export pages as a static website`
        // › `click the three dots …`), or a line saying what a thing is for (`` `getStaticPaths`
        // to get the files``): a recipe or a statement, not a question. (A step answered by
        // its code, `Answer yes in a script` › `yes | cmd`, is a cheat sheet's entry.)
        if (rules::is_instruction(label) || rules::states_a_purpose(label)) && !code {
            return Some(Reason::Instruction);
        }
        // Settings under a setting (`run: single run` › `dir: output directory`), or with a key
        // left empty (`chdir:`): a configuration to look up. (`shared: many`, `mutable: one`
        // under `Borrowing` are facts.)
        if shown
            .iter()
            .all(|&k| rules::is_setting(line(k)) || rules::is_setting_key(line(k)))
            && (rules::is_setting(label) || shown.iter().any(|&k| rules::is_setting_key(line(k))))
        {
            return Some(Reason::Settings);
        }
        if count(&|k| self.is_reference_line(k)) * 2 > shown.len()
            || count(&|k| self.starts_with_link(k)) * 2 > shown.len()
        {
            return Some(Reason::LinkList);
        }
        if shown.iter().all(|&k| {
            let c = &self.inline[k];
            (c.macros > 0 || c.media > 0 || c.links() > 0)
                && self.facts[k].desc_blocks == 0
                && c.no_words()
        }) {
            return Some(Reason::Media);
        }
        if shown.iter().any(|&k| {
            self.outline.blocks[k].kind == BlockKind::Paragraph
                && self.facts[k].chars as usize > PROSE_CHARS
                && !self.inline[k].text.starts_with('|') // a table is no prose
        }) {
            return Some(Reason::Prose);
        }
        let (chars, lines) = self.answer_size(shown, todo);
        let max_items = match f.heading {
            Heading::No => MAX_ANSWER_ITEMS,
            _ => rules::MAX_SECTION_ITEMS,
        };
        // A table is read, not recalled: of the automatic cards answered by one that were graded
        // blind on the tuning half, 1 of 26 was kept as it was. (A two-column table of terms
        // gives a card per row instead, see `ready`.)
        if shown.iter().any(|&k| self.inline[k].text.starts_with('|')) {
            return Some(Reason::Table);
        }
        // A one-word label over code (`Order` › `scope :recent, -> { order … }`) names an
        // example; it asks nothing. Of those graded blind on the tuning half, 1 in 13 was kept.
        if label.split_whitespace().nth(1).is_none() && code {
            return Some(Reason::Examples);
        }
        if chars > MAX_ANSWER_CHARS
            || lines > MAX_ANSWER_LINES
            || self.answer_items(shown) > max_items
            || (chars > rules::MAX_CODE_ANSWER_CHARS && code)
            || (shown.len() > 1
                && shown
                    .iter()
                    .any(|&k| self.facts[k].first_chars as usize > rules::MAX_ITEM_CHARS))
        {
            return Some(Reason::TooLong);
        }
        // A phrase in lower case is part of a sentence, not a term; under it, more about it.
        // (A cheat sheet's `Answer yes in a script` › `yes | cmd` is answered by its code.)
        if rules::is_loose_phrase(label) && !code {
            return Some(Reason::Phrase);
        }
        None
    }

    /// A title and names rather than a question: a link followed by a few capitalised words
    /// (`[[Piranesi]] — Susanna Clarke ⭐⭐⭐`, `[[Middlemarch]] by George Eliot #fiction`).
    pub(super) fn is_reference(&self, i: usize) -> bool {
        is_reference(&self.outline.blocks[i].text, &self.inline[i])
    }

    /// A line that names rather than states: only links, URLs, tags or `@handles`, or a link
    /// with a few capitalised words (`[[Thinking in Systems]] — Donella Meadows`).
    pub(super) fn is_reference_line(&self, k: usize) -> bool {
        let c = &self.inline[k];
        self.is_reference(k)
            || (self.facts[k].desc_blocks == 0
                && c.links() > 0
                && !c.code_block
                && (c.no_words() || (c.words() <= 3 && c.capitalized() == c.words())))
    }

    /// Would a cloze of block `i` ask what the definition card of `p` already asks? It does when
    /// `i` is that card's whole answer and the cloze leaves little else of it (`Declaration of
    /// the Rights of Man` → `adopted **26 August 1789**`), or the line is short enough to recall
    /// whole (`duck type` → `if a cat can **quack**, it's a duck`).
    pub(super) fn repeats_its_card(&self, i: usize, p: usize) -> bool {
        let only_child = self.answer_children(p, false) == [i];
        if !only_child {
            return false;
        }
        // Letters and digits, an ideograph or kana worth a word (three).
        let weight = |s: &str| -> usize {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .map(|c| if rules::is_cjk(c) { 3 } else { 1 })
                .sum()
        };
        let inl = &self.inline[i];
        let hidden: usize = inl
            .bold
            .iter()
            .map(|b| weight(&inl.text[b.outer.clone()]))
            .sum();
        // The head of the answer hidden (`**a directory** contains config files` under `Config
        // group`), or much of it: the cloze asks what the card asks.
        let head = inl
            .bold
            .first()
            .is_some_and(|b| weight(&inl.text[..b.outer.start]) <= rules::HEAD_CHARS);
        weight(&inl.text).saturating_sub(hidden) <= SOLE_ANSWER_CUE_CHARS
            || weight(&inl.text) <= rules::SHORT_LINE_CHARS
            || head
            || hidden * 100 >= rules::SOLE_ANSWER_SHARE * weight(&inl.text)
    }

    /// Items of an answer: its top-level children, a table counting its rows.
    pub(super) fn answer_items(&self, shown: &[usize]) -> usize {
        shown
            .iter()
            .map(|&k| {
                let t = &self.inline[k].text;
                if t.starts_with('|') {
                    // Header and separator rows are not items; a small table is one.
                    let rows = t
                        .lines()
                        .filter(|l| l.starts_with('|'))
                        .count()
                        .saturating_sub(2);
                    if rows <= rules::SMALL_TABLE_ROWS {
                        1
                    } else {
                        rows
                    }
                } else {
                    1
                }
            })
            .sum()
    }

    /// Does block `i` open with a bold term followed by what it is (`**Term**: …`, `**Term** =
    /// …`, `**Term** — …`)?
    pub(super) fn states_a_term(&self, i: usize) -> bool {
        let inl = &self.inline[i];
        let Some(b) = inl.bold.first() else {
            return false;
        };
        if b.outer.start != 0 || inl.whole_bold {
            return false;
        }
        let after = inl
            .first_line()
            .get(b.outer.end..)
            .unwrap_or("")
            .trim_start();
        let rest = after
            .strip_prefix([':', '=', '—', '–', '：'])
            .or_else(|| after.strip_prefix(" - "))
            // `**Quality factor** $Q = ω/γ$ — the number of …`
            .or_else(|| after.split_once(" — ").map(|(_, r)| r));
        rest.is_some_and(|r| r.trim().chars().filter(|c| c.is_alphanumeric()).count() >= 3)
    }

    /// A line led by a page link (`[[Title]] — …`): an entry of a list of pages.
    pub(super) fn starts_with_link(&self, k: usize) -> bool {
        rules::starts_with_link(&self.outline.blocks[k].text)
    }

    /// The size of block `i`'s automatic answer: (characters, non-blank lines), as
    /// [`Extractor::answer`] would write it.
    pub(super) fn answer_size(
        &self,
        shown: &[usize],
        todo: &mut Vec<(usize, bool)>,
    ) -> (usize, usize) {
        let (mut chars, mut lines) = (0usize, 0usize);
        todo.clear();
        todo.extend(shown.iter().rev().map(|&k| (k, false)));
        while let Some((c, deep)) = todo.pop() {
            let f = &self.facts[c];
            let expand = deep || self.is_short(c);
            if expand {
                chars += f.chars as usize;
                lines += f.lines.max(1) as usize;
            } else {
                chars += f.first_chars as usize;
                lines += 1;
            }
            if chars > MAX_ANSWER_CHARS || lines > MAX_ANSWER_LINES {
                break;
            }
            if expand && f.desc_blocks > 0 {
                let at = todo.len();
                let blocks = &self.outline.blocks;
                let mut k = c + 1;
                while k < blocks[c].end {
                    if self.facts[k].content {
                        if self.facts[k].shown {
                            todo.push((k, true));
                        }
                        k = blocks[k].end;
                    } else {
                        k += 1;
                    }
                }
                todo[at..].reverse();
            }
        }
        (chars, lines)
    }

    pub(super) fn is_short(&self, b: usize) -> bool {
        let f = &self.facts[b];
        f.desc_blocks <= SHORT_SUBTREE_BLOCKS && f.desc_chars <= SHORT_SUBTREE_CHARS
    }

    /// Children with text, looking through empty blocks to their children.
    pub(super) fn content_children(&self, b: usize) -> Vec<usize> {
        let mut out = Vec::new();
        self.content_children_into(b, &mut out);
        out
    }

    /// The children of block `b` an answer shows: with text, no task, no query.
    pub(super) fn shown_children(&self, b: usize) -> Vec<usize> {
        let mut out = self.content_children(b);
        out.retain(|&k| self.facts[k].shown);
        out
    }

    /// [`Extractor::content_children`] into a buffer.
    pub(super) fn content_children_into(&self, b: usize, out: &mut Vec<usize>) {
        out.clear();
        let blocks = &self.outline.blocks;
        let mut c = b + 1;
        while c < blocks[b].end {
            if self.facts[c].content {
                out.push(c);
                c = blocks[c].end;
            } else {
                c += 1; // an empty block: its children belong to `b`
            }
        }
    }
}

/// A title and names: a link followed by a few capitalised words (`[[Piranesi]] — Susanna
/// Clarke ⭐⭐⭐`, `[[Middlemarch]] by George Eliot #fiction`).
pub(super) fn is_reference(src: &str, c: &Inline<'_>) -> bool {
    let src = src.trim_start();
    (src.starts_with('[') || src.starts_with("#[[")) && c.links() > 0 && {
        let (words, caps) = (c.words(), c.capitalized());
        words <= 5 && caps >= 1 && words - caps <= 1
    }
}
