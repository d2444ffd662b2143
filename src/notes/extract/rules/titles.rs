//! Titles and labels: a bold label word, a log or chapter title, a generic title that names no
//! topic (dates are `dates`', a page's scaffolding `scaffold`'s).

/// Words that, bold at the start of a block and followed by a colon, label what follows
/// (`**Note**: …`, `**Decision:** …`) rather than name a term being defined. English, the
/// languages of the corpus, and the admonition types of Logseq, Obsidian and GitHub.
pub(super) const LABEL_WORDS: &[&str] = &[
    "action",
    "action items",
    "actions",
    "agenda",
    "answer",
    "aside",
    "attendees",
    "author",
    "authors",
    "attention",
    "background",
    "breaking",
    "bug",
    "careful",
    "caution",
    "caveat",
    "cause",
    "causes",
    "conclusion",
    "cons",
    "contraindication",
    "contraindications",
    "context",
    "danger",
    "date",
    "decision",
    "definition",
    "dosage",
    "dose",
    "deprecated",
    "due",
    "edit",
    "effect",
    "effects",
    "energy",
    "example",
    "examples",
    "fix",
    "fixme",
    "goal",
    "hint",
    "idea",
    "important",
    "indication",
    "indications",
    "info",
    "issue",
    "key takeaway",
    "location",
    "mechanism",
    "mnemonic",
    "mood",
    "n.b.",
    "nb",
    "next",
    "note",
    "notes",
    "observation",
    "owner",
    "p.s.",
    "problem",
    "pros",
    "ps",
    "purpose",
    "q",
    "question",
    "reminder",
    "remember",
    "result",
    "side effects",
    "solution",
    "source",
    "status",
    "summary",
    "symptoms",
    "takeaway",
    "thoughts",
    "time",
    "tip",
    "tl;dr",
    "tldr",
    "todo",
    "treatment",
    "usage",
    "use",
    "uses",
    "update",
    "warning",
    "why",
    "caveat",
    "emphasis mine",
    "gotcha",
    "key idea",
    "key point",
    "lesson",
    "main idea",
    "my take",
    "not sure",
    "open question",
    "personal note",
    "quote",
    "side note",
    "total",
    "total est",
    "total est.",
    "verdict",
    // es, pt, it, fr, de
    "attenzione",
    "nota bene",
    "atención",
    "atencion",
    "achtung",
    "beispiel",
    "bemerkung",
    "ejemplo",
    "hinweis",
    "importante",
    "nota",
    "notas",
    "remarque",
    "wichtig",
    // zh, ja, ko
    "例",
    "例子",
    "注",
    "注意",
    "提示",
    "備註",
    "备注",
    "重點",
    "重点",
    "總結",
    "总结",
    "小結",
    "小结",
    "メモ",
    "ポイント",
    "注意点",
    "참고",
    "주의",
];

/// Is `bold` (a bold span's words) a label when a colon follows it at the start of a block?
pub fn is_label_word(bold: &str) -> bool {
    if bold.len() > 40 {
        return false;
    }
    let w = bold
        .trim()
        .trim_end_matches([':', '：', '!', '¡', '.'])
        .trim_start_matches(['¡', '¿'])
        .trim()
        .to_lowercase();
    LABEL_WORDS.contains(&w.as_str())
}

/// Titles of the places where notes are dumped or logged, not learnt from: what is under them
/// is a log (explicit cards only).
pub(super) const LOG_TITLES: &[&str] = &[
    "backlog",
    "diary",
    "inbox",
    "journal",
    "log",
    "scratch",
    "scratchpad",
    "someday",
    "todo",
    "to do",
];

/// Is this title (a block's first line) the name of a log or a dump (`Inbox`, `Log`)?
pub fn is_log_title(title: &str) -> bool {
    if matches_title(title, LOG_TITLES) {
        return true;
    }
    // `Harvest log`, `Training journal`: a log of something.
    let t = title
        .trim()
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    t.len() <= 40
        && t.rsplit(' ').next().is_some_and(|w| {
            ["log", "journal", "diary", "logbook"]
                .iter()
                .any(|l| l.eq_ignore_ascii_case(w))
        })
        && t.contains(' ')
}

/// A chapter heading (`Ch. 1 — The invisible city`, `Chapter 3`): reading notes under it.
pub fn is_chapter_title(title: &str) -> bool {
    let t = title.trim_start_matches(['#', ' ']).as_bytes();
    ["ch.", "chapter", "kapitel", "chapitre", "capítulo"]
        .iter()
        .find(|p| t.len() >= p.len() && t[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
        .is_some_and(|p| {
            let rest = t[p.len()..].trim_ascii_start();
            rest.first().is_some_and(u8::is_ascii_digit)
        })
}

/// Titles that name no topic: the sections every kind of note has.
pub(super) const GENERIC_TITLES: &[&str] = &[
    "acknowledgements",
    "acknowledgments",
    "also see",
    "action items",
    "agenda",
    "archive",
    "attendees",
    "author",
    "authors",
    "backlog",
    "bookmarks",
    "bibliography",
    "changelog",
    "concepts",
    "credits",
    "definitions",
    "date",
    "draft",
    "drafts",
    "footnotes",
    "further reading",
    "glossary",
    "id",
    "ideas",
    "inbox",
    "journal",
    "key concepts",
    "key terms",
    "open questions",
    "q&a",
    "questions",
    "reading list",
    "readings",
    "later",
    "log",
    "meeting notes",
    "meta",
    "misc",
    "miscellaneous",
    "next steps",
    "notes",
    "other",
    "overview",
    "papers",
    "random",
    "references",
    "related",
    "related pages",
    "resources",
    "scratch",
    "see also",
    "someday",
    "sources",
    "stuff",
    "template",
    "templates",
    "terms",
    "title",
    "thanks",
    "to do",
    "todo",
    "unreleased",
    "vocab",
    "vocabulary",
    "wip",
    // Levels: what follows is sorted by difficulty, not named.
    "advanced",
    "beginner",
    "expert",
    "intermediate",
    "初级",
    "中级",
    "高级",
    "入门",
    "进阶",
    "初級",
    "中級",
    "上級",
    // es, fr, de, pt, it; zh, ja
    "notas",
    "varios",
    "divers",
    "sonstiges",
    "notizen",
    "referencias",
    "références",
    "quellen",
    "wortschatz",
    "vocabulario",
    "vocabulaire",
    "雜項",
    "杂项",
    "筆記",
    "笔记",
    "參考",
    "参考",
    "参考文献",
    "メモ",
    "その他",
];

/// Is this title (a block's first line) a generic section name? Also a title that says it is
/// kept for reference (`old version, kept for reference`).
pub fn is_generic_title(title: &str) -> bool {
    matches_title(title, GENERIC_TITLES)
        || stashed(title)
        || titles_notes(title)
        // No letter at all (`30 :: guest network`): a key of a table, not a question.
        || !title.chars().any(char::is_alphabetic)
}

/// A short title ending in `notes` or `bits` (`Pronunciation notes`, `Q&A bits`): a heap of
/// remarks, not a question.
pub(super) fn titles_notes(title: &str) -> bool {
    let t = title.trim_end_matches(|c: char| !c.is_alphanumeric());
    let b = t.as_bytes();
    ["notes", "bits"].iter().any(|w| {
        b.len() > w.len()
            && b[b.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
            && b[b.len() - w.len() - 1] == b' '
    }) && (2..=4).contains(&t.split_whitespace().count())
}

/// `title`, its ends trimmed of what is not a letter or digit, is one of `titles` (any case).
pub(super) fn matches_title(title: &str, titles: &[&str]) -> bool {
    if title.len() > 40 {
        return false;
    }
    let t = title.trim_matches(|c: char| !c.is_alphanumeric());
    let Some(&first) = t.as_bytes().first() else {
        return false;
    };
    let first = first.to_ascii_lowercase();
    t.len() <= 24
        && titles
            .iter()
            .any(|g| g.len() == t.len() && g.as_bytes()[0] == first && g.eq_ignore_ascii_case(t))
}

/// A title that says its content is kept, not learnt: `… for reference`, `old version …`.
pub(super) fn stashed(title: &str) -> bool {
    let b = title.as_bytes();
    let has = |w: &[u8]| memchr::memmem::find(b, w).is_some();
    b.len() < 80 && (has(b"for reference") || has(b"old version") || has(b"kept for"))
}

/// `3`, `03`, `3rd`, `21st`: a day of the month.
pub(super) fn is_day_number(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &t[digits..];
    (1..=2).contains(&digits)
        && t[..digits]
            .parse::<u32>()
            .is_ok_and(|d| (1..=31).contains(&d))
        && matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "." | "er")
}

/// `2026-02-03`, `2026/2/3`, `3.2.2026`, `02.03.26`; with `short`, also `2/3` (after a weekday).
pub(super) fn is_numeric_date(t: &str, short: bool) -> bool {
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    let n: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    match n.as_slice() {
        [4, 1..=2, 1..=2] => true,
        [1..=2, 1..=2, 2 | 4] => true,
        [1..=2, 1..=2] => short,
        _ => false,
    }
}

/// `2026-W19`: an ISO week.
pub(super) fn is_iso_week(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && (b[5] == b'w' || b[5] == b'W')
        && b[6..].iter().all(u8::is_ascii_digit)
}

/// `3月1日`, `2026年3月`, `3월 1일`.
pub(super) fn is_cjk_date(t: &str) -> bool {
    let has_digit = t.chars().any(|c| c.is_ascii_digit());
    has_digit
        && (t.contains('月') || t.contains('월'))
        && (t.contains('日') || t.contains('年') || t.contains('일'))
}
