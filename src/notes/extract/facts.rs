//! What the extractor knows of each block before deciding: the page's settings and tags, each
//! block's rendered text, sizes and marks, and what its subtree holds (see [`Facts`]).

use super::*;

impl<'a> Extractor<'a> {
    pub(super) fn new(
        outline: &'a Outline,
        resolved: &'a [Option<String>],
        note: NoteRef<'a>,
        settings: &Settings,
    ) -> Self {
        let caps = settings.caps;
        let (mode, bold_cloze, highlight, mut warnings) = page_settings(outline, note, settings);
        let (inline, too_large) = render_blocks(outline, resolved, &caps, highlight);
        for line in too_large {
            warnings.push(Warning {
                line,
                message: format!(
                    "a block of over {}; it is not read (no note a person keeps has one; \
                     [limits] block-bytes sets the size)",
                    caps.block_size_text()
                ),
            });
        }
        let mut facts = block_facts(&outline.blocks, &inline);
        let ready = ready::find(outline);
        for (f, role) in facts.iter_mut().zip(&ready.role) {
            match role {
                // A `<details>` block's own text may read as nothing: its cards still count.
                ready::Role::Asks => (f.explicit, f.content) = (true, true),
                ready::Role::Taken => f.shown = false,
                ready::Role::None => {}
            }
        }
        let title = page_title(outline, note);
        let mut explicit_reason = Reason::ExplicitOnly;
        let (mut mode, mut bold_cloze) = (mode, bold_cloze);
        let set = outline.page_property("recall-cards").is_some();
        if mode == Mode::Auto && !set {
            if let Some(r) = page_judgement(outline, note, &title, &inline) {
                (mode, explicit_reason) = (Mode::Explicit, r);
                bold_cloze = false;
            }
        }
        Extractor {
            outline,
            deck: note.deck.into(),
            source: note.source.into(),
            no_context: "".into(),
            no_tags: Tags::default(),
            inline,
            facts,
            mode,
            bold_cloze,
            caps,
            cards: Vec::new(),
            warnings,
            skipped: Vec::new(),
            ready,
            title,
            explicit_reason,
            title_block: std::cell::Cell::new(None),
            hidden_terms: Default::default(),
        }
    }
}

/// A page that is not study notes, judged from its file and its blocks: an exercise or its
/// solution by its file's name or folder, a repository's own file (`CONTRIBUTING.md`), a plan
/// or a record of one's own by its title (`Trip planning for Yosemite`), a lab or
/// an assignment when its first heading says so, a heading says what to do (`Objectives`,
/// `Instructions`) or [`rules::EXERCISE_PAGE_HEADINGS`] headings are numbered exercises, notes
/// to oneself when at least [`rules::PERSONAL_PAGE_SHARE`] percent of its blocks speak in the
/// first person, a task list when [`rules::TASK_PAGE_SHARE`] percent are tasks. Such a page
/// gives its explicit cards only (a `recall-cards::` property says otherwise).
fn page_judgement(
    outline: &Outline,
    note: NoteRef<'_>,
    title: &str,
    inline: &[Inline<'_>],
) -> Option<Reason> {
    if rules::is_exercise_file(note.source) {
        return Some(Reason::ExercisePage);
    }
    if rules::is_repository_file(note.source) {
        return Some(Reason::RepositoryFile);
    }
    if rules::is_personal_title(title) {
        return Some(Reason::PersonalPage);
    }
    let (mut n, mut personal, mut tasks) = (0usize, 0usize, 0usize);
    // The first blocks with text tell: at most this many are read.
    const READ: usize = 100;
    // A lab or an assignment: titled so, or with exercises for headings (`Exercise 2`).
    let mut exercises = 0;
    let mut first_heading = true;
    for (b, inl) in outline.blocks.iter().zip(inline) {
        if matches!(b.kind, BlockKind::Heading(_)) {
            let t = inl.text.trim();
            if (first_heading && rules::is_lab_title(t)) || rules::is_assignment_heading(t) {
                return Some(Reason::ExercisePage);
            }
            first_heading = false;
            exercises += rules::is_exercise_title(t) as usize;
            if exercises >= rules::EXERCISE_PAGE_HEADINGS {
                return Some(Reason::ExercisePage);
            }
        }
    }
    for (b, inl) in outline.blocks.iter().zip(inline) {
        if inl.text.trim().is_empty() || inl.code_block {
            continue;
        }
        if n == READ {
            break;
        }
        n += 1;
        tasks += b.task as usize;
        personal += rules::is_first_person(&inl.text) as usize;
    }
    if n < rules::JUDGED_PAGE_BLOCKS {
        return None;
    }
    if personal * 100 >= rules::PERSONAL_PAGE_SHARE * n {
        Some(Reason::PersonalPage)
    } else if tasks * 100 >= rules::TASK_PAGE_SHARE * n {
        Some(Reason::TaskPage)
    } else {
        None
    }
}

/// The page's title as a learner knows it: its `title` property (Logseq `title::`, front
/// matter `title:`), else its file name without the extension (Logseq namespaces `a___b` read
/// `a/b`; a folder's `README` or `index` is the folder's name).
fn page_title(outline: &Outline, note: NoteRef<'_>) -> String {
    if let Some(t) = outline.page_property("title") {
        let t = t.trim().trim_matches(['"', '\'']).trim();
        if !t.is_empty() {
            return inline::render(t).text.trim().to_string();
        }
    }
    let stem = rules::file_stem(note.source);
    let stem = if matches!(
        stem.to_ascii_lowercase().as_str(),
        "readme" | "index" | "_index" | "main"
    ) {
        rules::folders(note.source)
            .find(|p| !p.is_empty() && *p != ".")
            .unwrap_or(stem)
    } else {
        stem
    };
    crate::notes::source::page_name(stem)
}

/// What the extractor knows of each block before deciding (see [`Extractor::new`]).
pub(super) struct Facts {
    /// The block has text of its own.
    pub(super) content: bool,
    /// Shown in answers: has text, is no task and no query.
    pub(super) shown: bool,
    /// Non-empty shown blocks below it.
    pub(super) desc_blocks: u32,
    /// Characters of shown text below it.
    pub(super) desc_chars: u64,
    /// Characters of its own text.
    pub(super) chars: u64,
    /// Non-blank lines of its own text.
    pub(super) lines: u32,
    /// Characters of its first line.
    pub(super) first_chars: u32,
    /// It has `question :: answer` lines.
    pub(super) line_cards: bool,
    /// It has explicit cards of its own (`#card`, clozes, `::` lines).
    pub(super) explicit: bool,
    /// It or an ancestor is a dated title: a log.
    pub(super) in_log: bool,
    /// Logseq heading block (`- ## …`) or Markdown heading.
    pub(super) heading: Heading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Heading {
    No,
    Markdown,
    Logseq,
}

/// A text's size: (characters, non-blank lines, characters of the first line). Characters,
/// not bytes: CJK notes are measured like any other. `memchr` and an ASCII check do the work.
pub(super) fn measure(text: &str) -> (u64, u32, u32) {
    let b = text.as_bytes();
    let chars = |s: &[u8]| -> u64 {
        if s.is_ascii() {
            s.len() as u64
        } else {
            s.iter().filter(|&&c| (c & 0xC0) != 0x80).count() as u64
        }
    };
    let Some(first_nl) = memchr::memchr(b'\n', b) else {
        let n = chars(b);
        return (n, (!text.trim().is_empty()) as u32, n as u32);
    };
    let mut lines = 0u32;
    for line in text.split('\n') {
        lines += !line.trim().is_empty() as u32;
    }
    (chars(b), lines, chars(&b[..first_nl]) as u32)
}

/// A `tags::` value: `a, b`, `[[a b]], #c`, `[a, b]`.
pub(super) fn tag_list(value: &str) -> Vec<String> {
    value
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|t| {
            t.trim()
                .trim_start_matches('#')
                .trim_start_matches("[[")
                .trim_end_matches("]]")
                .trim()
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect()
}

pub(super) fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" => Some(true),
        "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// Each block's text rendered (block references resolved: `resolved[i]`, where given), with
/// the tags of its `tags::` property; `card` among them marks a `#card` block. Also the lines
/// of blocks too large to render (over [`Caps::block_bytes`]).
fn render_blocks<'a>(
    outline: &'a Outline,
    resolved: &'a [Option<String>],
    caps: &Caps,
    highlight_bold: bool,
) -> (Vec<Inline<'a>>, Vec<usize>) {
    let blocks = &outline.blocks;
    let mut scratch = inline::Scratch::default();
    let mut too_large = Vec::new();
    let mut inline: Vec<Inline> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let text = resolved
                .get(i)
                .and_then(|r| r.as_deref())
                .unwrap_or(&b.text);
            if text.len() > caps.block_bytes {
                too_large.push(b.line);
                return inline::render_with("", &mut scratch, caps);
            }
            inline::render_marked(text, &mut scratch, caps, highlight_bold)
        })
        .collect();
    for (inl, b) in inline.iter_mut().zip(blocks) {
        if let Some(tags) = b.property("tags") {
            for t in tag_list(tags) {
                if t == "card" {
                    inl.card_tag = true;
                } else if inl.tags.len() >= caps.tags_per_block {
                    inl.too_many_tags = true;
                } else if !inl.tags.contains(&t) {
                    inl.tags.push(t);
                }
            }
        }
    }
    (inline, too_large)
}

/// The page's mode, bold-cloze and highlight-cloze settings (`recall-cards::`,
/// `recall-cloze::`, `recall-highlight-cloze::` over the configuration), and the parser's
/// warnings with any about those properties.
fn page_settings(
    outline: &Outline,
    note: NoteRef<'_>,
    settings: &Settings,
) -> (Mode, bool, bool, Vec<Warning>) {
    let mut warnings = outline.warnings.clone();
    let page_line = |key: &str| {
        outline
            .page_properties
            .iter()
            .find(|p| p.key == key)
            .map_or(1, |p| p.line)
    };
    let mut mode = if note.is_journal() {
        settings.journal_mode
    } else {
        settings.mode
    };
    if let Some(v) = outline.page_property("recall-cards") {
        match v.parse() {
            Ok(m) => mode = m,
            Err(e) => warnings.push(Warning {
                line: page_line("recall-cards"),
                message: format!("recall-cards:: {e}; using {}", mode.as_str()),
            }),
        }
    }
    // A switch the page may set over the configuration (`recall-cloze:: false`).
    let mut switch = |key: &str, configured: bool| match outline.page_property(key) {
        None => configured,
        Some(v) => parse_bool(v).unwrap_or_else(|| {
            warnings.push(Warning {
                line: page_line(key),
                message: format!("{key}:: `{v}` is not true or false; using {configured}"),
            });
            configured
        }),
    };
    let bold_cloze = switch("recall-cloze", settings.bold_cloze);
    let highlight = switch("recall-highlight-cloze", settings.highlight_cloze);
    (mode, bold_cloze, highlight, warnings)
}

/// What each block is before anything is decided: sizes, marks, what is below it, and whether
/// it is part of a log.
fn block_facts(blocks: &[crate::notes::outline::Block], inline: &[Inline<'_>]) -> Vec<Facts> {
    let mut facts: Vec<Facts> = blocks
        .iter()
        .zip(inline)
        .map(|(b, inl)| {
            // A template's prompt left unfilled, `( main idea or question )`, says nothing.
            let content = !inl.text.is_empty() && !rules::is_placeholder(&inl.text);
            let line_cards = inl.double_colon && !explicit::line_cards(&b.text).is_empty();
            let (chars, lines, first_chars) = measure(&inl.text);
            Facts {
                content,
                shown: content && !b.task && !inl.query,
                desc_blocks: 0,
                desc_chars: 0,
                chars,
                lines,
                first_chars,
                line_cards,
                explicit: inl.card_tag || !inl.clozes.is_empty() || line_cards,
                in_log: false,
                heading: match (b.kind, inl.heading) {
                    (BlockKind::Heading(_), _) => Heading::Markdown,
                    (BlockKind::Bullet, true) => Heading::Logseq,
                    _ => Heading::No,
                },
            }
        })
        .collect();
    for i in (0..blocks.len()).rev() {
        if let Some(p) = blocks[i].parent {
            let f = &facts[i];
            let (own, chars) = if f.shown { (1, f.chars) } else { (0, 0) };
            let (blocks_below, chars_below) = (f.desc_blocks, f.desc_chars);
            let pf = &mut facts[p];
            pf.desc_blocks = pf
                .desc_blocks
                .saturating_add(blocks_below.saturating_add(own));
            pf.desc_chars = pf
                .desc_chars
                .saturating_add(chars_below.saturating_add(chars));
        }
    }
    // Logs: a block titled by a date, the name of a dump (`Inbox`, `Log`), or a reference
    // (`[[Piranesi]] — Susanna Clarke`: what is under it is about the book, the reader's own
    // remarks); everything below it too.
    for i in 0..blocks.len() {
        let inherited = blocks[i].parent.is_some_and(|p| facts[p].in_log);
        facts[i].in_log = inherited
            || (facts[i].content
                && (facts[i].desc_blocks > 0 || facts[i].heading != Heading::No)
                && {
                    let title = inline[i].first_line();
                    rules::is_dated_title(title)
                        || rules::is_log_title(title)
                        || definitions::is_reference(&blocks[i].text, &inline[i])
                });
    }
    facts
}
