//! Titles and labels: a bold label word, a log or chapter title, a generic title that names no
//! topic, a title that is a date.

use super::*;

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

pub(super) const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december", // es, fr, de, pt, it (the common forms)
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
];

pub(super) const WEEKDAYS: &[&str] = &[
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
];

/// Does this title carry a date and little else, like a log entry's (`2026-02-03 weekly sync`,
/// `Mon 2/2`, `Week 6 — 2 Feb to 8 Feb`, `v2.3.0 [[Mar 3rd, 2026]]`, `3月1日`)? A year alone
/// (`1789`) or a fraction (`1/2 cup`) is no date.
pub fn is_dated_title(title: &str) -> bool {
    if !title.bytes().any(|b| b.is_ascii_digit()) {
        return false; // every date has a digit
    }
    let tokens: Vec<String> = title
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '(' | ')' | '[' | ']' | '—' | '–' | '·')
        })
        .filter(|t| !t.is_empty())
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|t| !t.is_empty())
        .collect();
    let mut dated = false;
    let mut other_words = 0;
    for (k, t) in tokens.iter().enumerate() {
        let day_next = tokens.get(k + 1).is_some_and(|n| is_day_number(n));
        let day_before = k > 0 && is_day_number(&tokens[k - 1]);
        if MONTHS.contains(&t.as_str()) {
            dated |= day_next || day_before;
            continue;
        }
        if WEEKDAYS.contains(&t.as_str()) {
            dated |= tokens.get(k + 1).is_some_and(|n| is_numeric_date(n, true));
            continue;
        }
        if is_numeric_date(t, false) || is_cjk_date(t) || is_iso_week(t) {
            dated = true;
            continue;
        }
        if is_day_number(t) {
            continue;
        }
        if t.chars().any(char::is_alphabetic) {
            other_words += 1;
        }
    }
    dated && other_words <= DATED_TITLE_WORDS
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

/// Headings of a tutorial's or an exercise's scaffolding, navigation and front matter
/// (`Objectives`, `Requirements`, `Solution`, `Next`, `Final note`): what is under them is a
/// step to follow or a page to visit, not a fact.
const SCAFFOLD_TITLES: &[&str] = &[
    "about",
    "about me",
    "additional links",
    "additional resources",
    "answer",
    "answers",
    "challenge",
    "conclusion",
    "contents",
    "contribute",
    "contributing",
    "demo",
    "exercise",
    "exercises",
    "expected output",
    "external links",
    "final note",
    "final notes",
    "getting started",
    "install",
    "installation",
    "installing",
    "instructions",
    "intro",
    "introduction",
    "learn more",
    "licence",
    "license",
    "more info",
    "more information",
    "next",
    "next step",
    "objective",
    "objectives",
    "output",
    "pre-requisites",
    "prerequisites",
    "previous",
    "quick start",
    "quickstart",
    "read more",
    "requirements",
    "screenshot",
    "screenshots",
    "set up",
    "setup",
    "solution",
    "solutions",
    "steps",
    "support",
    "table of contents",
    "task",
    "tasks",
    "toc",
    "useful links",
    "verify",
];

/// Numbered steps and parts: `Step 3`, `4. Verify`, `Part II`.
fn numbered_step(title: &str) -> bool {
    // A step's title is short and holds a digit or a Roman numeral's letters.
    if title.len() > 40 || title.split_whitespace().nth(2).is_some() {
        return false;
    }
    let t = title
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    let mut words = t.split(|c: char| c.is_whitespace() || c == '.' || c == ':' || c == ')');
    let first = words.next().unwrap_or("");
    let rest: Vec<&str> = words.filter(|w| !w.is_empty()).collect();
    let numeral = |w: &str| {
        !w.is_empty()
            && (w.bytes().all(|b| b.is_ascii_digit())
                || w.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')))
    };
    let step_word = |w: &str| {
        matches!(
            w,
            "step" | "part" | "stage" | "lab" | "exercise" | "task" | "lesson"
        )
    };
    // `Step 3`, `Lab 2` (the title is the step itself)
    (step_word(first) && rest.first().is_some_and(|w| numeral(w)) && rest.len() <= 1)
        // `4. Verify`
        || (first.bytes().all(|b| b.is_ascii_digit()) && !first.is_empty() && rest.len() == 1
            && matches_title(rest[0], SCAFFOLD_TITLES))
}

/// Is this title a heading of scaffolding or navigation (see [`SCAFFOLD_TITLES`]), or a
/// numbered step?
pub fn is_scaffold_title(title: &str) -> bool {
    matches_title(title, SCAFFOLD_TITLES) || numbered_step(title)
}

/// Labels of one facet of a subject (`Usage`, `Pros`, `Definition`, `Windows`): a question
/// only with the subject they belong to.
const FACET_TITLES: &[&str] = &[
    "advantages",
    "android",
    "applications",
    "arguments",
    "background",
    "basics",
    "benefits",
    "caveats",
    "characteristics",
    "commands",
    "complexity",
    "components",
    "concepts",
    "config",
    "configuration",
    "cons",
    "definition",
    "description",
    "disadvantages",
    "drawbacks",
    "example",
    "examples",
    "features",
    "formula",
    "functionality",
    "functions",
    "fundamentals",
    "goal",
    "goals",
    "gotchas",
    "history",
    "how it works",
    "idea",
    "implementation",
    "intuition",
    "ios",
    "key idea",
    "key points",
    "limitations",
    "linux",
    "mac",
    "macos",
    "main idea",
    "methods",
    "motivation",
    "options",
    "parameters",
    "problem",
    "properties",
    "pros",
    "purpose",
    "return value",
    "returns",
    "role",
    "rules",
    "space complexity",
    "structure",
    "summary",
    "syntax",
    "time complexity",
    "tips",
    "types",
    "usage",
    "use",
    "use cases",
    "uses",
    "when to use",
    "windows",
];

/// A numbered exercise's title: `Exercise 2`, `Task 3:`, `Lab 1`, `Homework 4`.
pub fn is_exercise_title(title: &str) -> bool {
    let t = title.trim_matches(|c: char| !c.is_alphanumeric());
    let mut words = t.split_whitespace();
    let (Some(word), Some(number)) = (words.next(), words.next()) else {
        return false;
    };
    ["exercise", "task", "lab", "homework"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
        && number
            .trim_end_matches([':', '.', ')'])
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.')
        && number.starts_with(|c: char| c.is_ascii_digit())
        && words.next().is_none()
}

/// A heading an assignment's statement has: `Objectives`, `Objective`, `Instructions` (what to
/// do, not what to remember).
pub fn is_assignment_heading(title: &str) -> bool {
    matches_title(title, &["objective", "objectives", "instructions"])
}

/// A title that says the page is a lab or an assignment: `Practice Lab: Decision Trees`,
/// `Optional Lab: Cost Function`, `Homework 3`.
pub fn is_lab_title(title: &str) -> bool {
    let lower = title.trim().to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    // `Homework 3`, `Assignment: trees`, not `Assignment operators in C`.
    let numbered = |word: &str| {
        lower.strip_prefix(word).is_some_and(|rest| {
            rest.starts_with(':') || rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
        })
    };
    [
        "practice lab",
        "optional lab",
        "ungraded lab",
        "graded lab",
        "lab:",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        || numbered("homework")
        || numbered("assignment")
}

/// A short title whose last word is a facet (`Config Concepts`, `Advanced usage`): a part of a
/// subject, not the subject.
pub fn is_facet_phrase(title: &str) -> bool {
    let words = title.split_whitespace().count();
    (1..=3).contains(&words)
        && title
            .split_whitespace()
            .next_back()
            .is_some_and(|w| matches_title(w, FACET_TITLES))
}

/// Is this title the label of one facet of a subject (see [`FACET_TITLES`])?
pub fn is_facet_title(title: &str) -> bool {
    matches_title(title, FACET_TITLES)
}

/// A file name that is a date: `2026-03-01`, `2026_03_01`, `20260301`, `2026-03-01 Mon`.
pub fn is_date_name(stem: &str) -> bool {
    let b = stem.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let year = digits(0..4) && (b[0] == b'1' || b[0] == b'2');
    let sep = |k: usize| b.get(k).is_some_and(|c| matches!(c, b'-' | b'_' | b'.'));
    let end = |k: usize| b.len() == k || b.get(k).is_some_and(|c| matches!(c, b' ' | b'-' | b'_'));
    year && ((sep(4) && digits(5..7) && sep(7) && digits(8..10) && end(10))
        || (digits(4..8) && end(8)))
}
