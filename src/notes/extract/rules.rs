//! The judgements the extractor makes on one piece of text, as pure functions: is a bold span
//! a label, does a title name a date, does a child give an example, is a cloze's answer visible
//! next to it. The thresholds the extractor applies to whole blocks live here too, each with the
//! measurement that chose it (see `tests/corpus/README.md`).

/// An answer of more than this many items (top-level list items, paragraphs or table rows) is a
/// list to read, not one thing to recall (a vocabulary list, a table of values). Six keeps a
/// verb's six persons; the longer lists in a blind-graded sample were all noise.
pub const MAX_ANSWER_ITEMS: usize = 6;
/// A heading's section answers it with at most this many items (a short definition section);
/// more, and it is a chapter to read.
pub const MAX_SECTION_ITEMS: usize = 3;
/// A table of at most this many rows counts as one item of an answer.
pub const SMALL_TABLE_ROWS: usize = 4;
/// An answer longer than this many characters is not recallable at a glance.
pub const MAX_ANSWER_CHARS: usize = 600;
/// ... nor one of more than this many (non-blank) lines.
pub const MAX_ANSWER_LINES: usize = 10;
/// A block of more than this many characters is prose: its bold is emphasis, not a term, and a
/// paragraph that long is not an answer. (The longest block with a wanted cloze in the corpus
/// and the user's deck has 207 characters; the shortest prose paragraph with bold, 290.)
pub const PROSE_CHARS: usize = 250;
/// A dated title keeps at most this many words besides the date (`2026-02-03 weekly sync`,
/// `v2.3.0 [[Mar 3rd, 2026]]`); more, and the date is part of a fact.
pub const DATED_TITLE_WORDS: usize = 4;

/// Words that, bold at the start of a block and followed by a colon, label what follows
/// (`**Note**: …`, `**Decision:** …`) rather than name a term being defined. English, the
/// languages of the corpus, and the admonition types of Logseq, Obsidian and GitHub.
const LABEL_WORDS: &[&str] = &[
    "action",
    "action items",
    "actions",
    "agenda",
    "answer",
    "aside",
    "attendees",
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
const LOG_TITLES: &[&str] = &[
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

/// A schedule or an amount rather than a fact to learn: a day and month without a year
/// (`Mon 8 June`, `Mar 10`), a weekday, or money (`1.600 €`).
pub fn is_schedule_or_money(hidden: &str) -> bool {
    let t = hidden.trim();
    if t.contains(['€', '£', '¥'])
        || (t.starts_with('$') && t[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return true;
    }
    let has_year = t
        .split(|c: char| !c.is_ascii_digit())
        .any(|n| n.len() == 4 && n.starts_with(['1', '2']));
    !has_year && t.len() <= 24 && is_dated_title(t)
}

/// Two or more words, each starting with a capital letter (`Brother Osk`, `Captain Mirela`): a
/// proper name. (`P wave`, `Lewis acid`, `Systole` are not.)
pub fn is_proper_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 2
        && words.iter().all(|w| {
            w.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        })
        && words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
}

/// Does a line speak of money (`1.600 €`, `~4.700 € ugh`, `$40`, `300/month`)? A budget or a
/// quote, not a fact to learn.
pub fn holds_money(text: &str) -> bool {
    let b = text.as_bytes();
    // `$`, `/`, and the first bytes of `€` (E2 82 AC) and `£` (C2 A3).
    memchr::memchr3_iter(b'$', b'/', 0xE2, b).any(|k| match b[k] {
        b'$' => b.get(k + 1).is_some_and(u8::is_ascii_digit) && is_amount_end(&b[k + 1..]),
        b'/' => {
            k > 0 && b[k - 1].is_ascii_digit() && {
                let unit = &b[k + 1..];
                let word = unit.iter().take_while(|c| c.is_ascii_alphabetic()).count();
                PER_PERIOD
                    .iter()
                    .any(|p| unit[..word].eq_ignore_ascii_case(p.as_bytes()))
            }
        }
        _ => b[k..].starts_with("€".as_bytes()),
    }) || memchr::memchr_iter(0xC2, b).any(|k| b.get(k + 1) == Some(&0xA3))
}

/// Does the number at the start of `b` end as an amount does (`$40`, `$4.50,`, `$40k`,
/// `$5/month`), not as inline math (`$2^{10}$`, `$2x + 1$`)?
fn is_amount_end(b: &[u8]) -> bool {
    let digits = b
        .iter()
        .take_while(|c| c.is_ascii_digit() || matches!(c, b'.' | b','))
        .count();
    let mut rest = &b[digits..];
    if let [b'k' | b'K' | b'm' | b'M' | b'b' | b'B', tail @ ..] = rest {
        rest = tail;
    }
    match rest.first() {
        None => true,
        Some(c) => c.is_ascii_whitespace() || b".,;:)!?/-".contains(c) || !c.is_ascii(),
    }
}

/// `80/month`: an amount per period, a budget line (`5 mg/day` is a dose, and not here).
const PER_PERIOD: &[&str] = &["month", "mo", "week", "wk", "year", "yr"];

/// Titles that name no topic: the sections every kind of note has.
const GENERIC_TITLES: &[&str] = &[
    "acknowledgements",
    "acknowledgments",
    "action items",
    "agenda",
    "archive",
    "attendees",
    "backlog",
    "bibliography",
    "changelog",
    "concepts",
    "credits",
    "definitions",
    "draft",
    "drafts",
    "further reading",
    "glossary",
    "ideas",
    "inbox",
    "journal",
    "key concepts",
    "key terms",
    "open questions",
    "q&a",
    "questions",
    "reading list",
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
    "thanks",
    "to do",
    "todo",
    "unreleased",
    "vocab",
    "vocabulary",
    "wip",
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
fn titles_notes(title: &str) -> bool {
    let t = title.trim_end_matches(|c: char| !c.is_alphanumeric());
    let b = t.as_bytes();
    ["notes", "bits"].iter().any(|w| {
        b.len() > w.len()
            && b[b.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
            && b[b.len() - w.len() - 1] == b' '
    }) && (2..=4).contains(&t.split_whitespace().count())
}

/// `title`, its ends trimmed of what is not a letter or digit, is one of `titles` (any case).
fn matches_title(title: &str, titles: &[&str]) -> bool {
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
fn stashed(title: &str) -> bool {
    let b = title.as_bytes();
    let has = |w: &[u8]| memchr::memmem::find(b, w).is_some();
    b.len() < 80 && (has(b"for reference") || has(b"old version") || has(b"kept for"))
}

/// Does a text speak in the first person singular, of its author (`Why I'm doing this`,
/// `Keybindings I keep forgetting`, `I planted four`)? A note to oneself, not a fact. Quoted
/// words (`How do you say "I have to study"?`) do not count.
pub fn is_first_person(question: &str) -> bool {
    // A quick look first: a word `I…` (`I`, `I'm`), `my`, `me` or `myself`.
    let b = question.as_bytes();
    let ends = |k: usize| b.get(k).is_none_or(|n| !n.is_ascii_alphanumeric());
    let maybe = memchr::memchr3_iter(b'I', b'm', b'M', b).any(|k| {
        (k == 0 || !b[k - 1].is_ascii_alphanumeric())
            && match b[k] {
                b'I' => ends(k + 1),
                _ => {
                    matches!(b.get(k + 1), Some(b'y' | b'e'))
                        && (ends(k + 2) || b[k + 1..].starts_with(b"yself"))
                }
            }
    });
    if !maybe {
        return false;
    }
    // The words outside quotes, as slices of the text.
    let mut words: Vec<&str> = Vec::new();
    let mut quoted = false;
    let mut start = None;
    for (at, c) in question.char_indices() {
        if c.is_alphanumeric() || c == '\'' || c == '’' {
            start.get_or_insert(at);
            continue;
        }
        if let Some(s) = start.take() {
            if !quoted {
                words.push(&question[s..at]);
            }
        }
        if matches!(c, '"' | '“' | '”' | '«' | '»' | '「' | '」') {
            quoted = !quoted;
        }
    }
    if let (Some(s), false) = (start, quoted) {
        words.push(&question[s..]);
    }
    let is = |w: &str, list: &[&str]| list.iter().any(|v| v.eq_ignore_ascii_case(w));
    words.iter().enumerate().any(|(k, w)| match *w {
        "I'm" | "I've" | "I'd" | "I'll" | "I’m" | "I’ve" | "I’d" | "I’ll" => true,
        "my" | "My" | "me" | "Me" | "myself" => true,
        // `I` as a pronoun, not a numeral (`Type I error`): a verb follows. After an auxiliary
        // (`When do I use …?`) it is anyone's question.
        "I" => {
            words.get(k + 1).is_some_and(|v| {
                is(v, FIRST_PERSON_VERBS) || (v.len() >= 5 && v.ends_with("ed"))
                // `I planted`, `I tried`
            }) && !(k > 0 && is(words[k - 1], AUXILIARIES))
        }
        _ => false,
    })
}

/// Verbs before `I` in a question (`do I`, `should I`): a question anyone asks.
const AUXILIARIES: &[&str] = &[
    "do", "does", "did", "can", "could", "should", "would", "will", "shall", "may", "might",
    "must", "am",
];

/// Verbs that follow a first-person `I`.
const FIRST_PERSON_VERBS: &[&str] = &[
    "am", "was", "have", "had", "keep", "kept", "use", "used", "need", "needed", "want", "wanted",
    "think", "thought", "like", "liked", "learned", "learnt", "know", "knew", "do", "did", "don't",
    "didn't", "can", "can't", "could", "should", "would", "will", "wrote", "write", "read", "got",
    "get", "tried", "try", "found", "find", "made", "make", "see", "saw", "mean", "meant", "love",
    "hate", "switched", "started", "stopped", "forget", "forgot", "remember", "always", "never",
    "still", "just", "really", "also", "finally", "now", "recently", "only", "usually",
];

/// Do at least half of this text's sentences speak in the first person? An aside (`this is
/// where my loaves go wrong`) after two facts leaves them facts.
pub fn is_mostly_first_person(text: &str) -> bool {
    if !is_first_person(text) {
        return false;
    }
    let sentences: Vec<&str> = text
        .split_inclusive(['.', '!', '?', '。', '！', '？'])
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect();
    sentences.iter().filter(|s| is_first_person(s)).count() * 2 >= sentences.len()
}

/// Does a question point at what stands around it (`why is the code above rejected?`)?
pub fn points_elsewhere(question: &str) -> bool {
    // A quick look first: `ove` (above), `low` (below, following) in any case, or `上`/`下`.
    let b = question.as_bytes();
    let at = |k: usize, w: &[u8]| {
        b.get(k..k + w.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(w))
    };
    let maybe = memchr::memchr3_iter(b'v', b'w', 0xB8, b)
        .chain(memchr::memchr2_iter(b'V', b'W', b))
        .any(|k| match b[k] {
            b'v' | b'V' => k >= 1 && at(k - 1, b"ove"),
            b'w' | b'W' => k >= 2 && at(k - 2, b"low"),
            _ => k >= 1 && b[k - 1] == 0xE4 && matches!(b.get(k + 1), Some(0x8A | 0x8B)),
        });
    if !maybe {
        return false;
    }
    let q = question.to_lowercase();
    [
        "code above",
        "example above",
        "snippet above",
        "table above",
        "the above",
        "code below",
        "example below",
        "table below",
        "the following",
        "see above",
        "see below",
        "shown above",
        "shown below",
        "上面的",
        "上記",
        "下記",
    ]
    .iter()
    .any(|p| q.contains(p))
}

/// A bold word of one or two letters (`**do**`, `*on*`, `**is**`): stress, not a term. Digits
/// (`**7**`) and non-Latin scripts (`**は**`, a particle being taught) are not.
pub fn is_stress_word(hidden: &str) -> bool {
    let t = hidden.trim().trim_end_matches(['!', '.', ',']);
    if (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_lowercase()) {
        return true;
    }
    t.len() <= 16 && STRESS_WORDS.iter().any(|w| w.eq_ignore_ascii_case(t))
}

/// Words a writer bolds to stress them, not to name a term (`**not**`, `**careful**`,
/// `**Don't**`), and verdicts (`-> **yes**`: hiding one asks a coin toss): English and the
/// other languages of the corpora.
const STRESS_WORDS: &[&str] = &[
    "all",
    "always",
    "any",
    "both",
    "careful",
    "carefully",
    "definitely",
    "do not",
    "don't",
    "each",
    "every",
    "exactly",
    "huge",
    "important",
    "less",
    "more",
    "most",
    "must",
    "never",
    "none",
    "not",
    "nothing",
    "now",
    "once",
    "only",
    "really",
    "same",
    "still",
    "super",
    "too",
    "twice",
    "very",
    "wrong",
    "yes",
    "no",
    "true",
    "false",
    "nicht",
    "nie",
    "immer",
    "nur",
    "jamais",
    "toujours",
    "nunca",
    "siempre",
    "solo",
    "mai",
    "sempre",
    "não",
    "nunca",
    "not sure",
    "maybe",
    "tbd",
    "todo",
];

/// Openers of a child that gives an example rather than an answer.
const EXAMPLE_MARKERS: &[&str] = &[
    "例",
    "×",
    "✗",
    "比如",
    "e.g.",
    "eg.",
    "eg:",
    "ex:",
    "ex.",
    "example",
    "for example",
    "for instance",
    "z.b.",
    "z. b.",
    "bsp",
    "beispiel",
    "p.ej.",
    "por ejemplo",
    "ejemplo",
    "par exemple",
    "exemple",
    "ad es.",
    "esempio",
    "예:",
    "예)",
];

/// Does this text start by giving an example (`例：…`, `e.g. …`, `Example: …`)?
pub fn is_example(text: &str) -> bool {
    let t = text.trim_start().as_bytes();
    // The first bytes the markers can start with (`e`, `f`, `z`, `b`, `p`, `a`, `例`, `比`, `×`,
    // `✗`, `예`): most texts are out at once.
    if !t.first().is_some_and(|b| {
        matches!(
            b.to_ascii_lowercase(),
            b'e' | b'f' | b'z' | b'b' | b'p' | b'a' | 0xE4 | 0xE6 | 0xC3 | 0xE2 | 0xEC
        )
    }) {
        return false;
    }
    EXAMPLE_MARKERS.iter().any(|m| {
        let m = m.as_bytes();
        t.len() >= m.len() && t[..m.len()].eq_ignore_ascii_case(m)
    })
}

/// A question without its answer (`what is rerere ???`, `ROC 曲線跟 PR 曲線差在哪？`).
/// Does this text say it is not settled yet (`also fils?? ask`, `not sure. look up`, `(?)`)?
/// An answer holding such a line is a note in progress, not knowledge to drill.
pub fn is_unsettled(text: &str) -> bool {
    // (`??` alone is stress: `should we have FilterSocketLogger??`.)
    let b = text.as_bytes();
    if memchr::memchr2_iter(b'(', b'#', b)
        .any(|k| b[k..].starts_with(b"(?)") || b[k..].starts_with(b"#followup"))
    {
        return true;
    }
    let t = text
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
        .as_bytes();
    [
        "look up",
        "look it up",
        "to check",
        "check this",
        "not sure",
        "tbd",
        " ask",
    ]
    .iter()
    .any(|m| t.len() >= m.len() && t[t.len() - m.len()..].eq_ignore_ascii_case(m.as_bytes()))
}

pub fn is_open_question(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['!', ' '])
        .ends_with(['?', '？'])
}

const MONTHS: &[&str] = &[
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

const WEEKDAYS: &[&str] = &[
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
fn is_day_number(t: &str) -> bool {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &t[digits..];
    (1..=2).contains(&digits)
        && t[..digits]
            .parse::<u32>()
            .is_ok_and(|d| (1..=31).contains(&d))
        && matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "." | "er")
}

/// `2026-02-03`, `2026/2/3`, `3.2.2026`, `02.03.26`; with `short`, also `2/3` (after a weekday).
fn is_numeric_date(t: &str, short: bool) -> bool {
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
fn is_iso_week(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && (b[5] == b'w' || b[5] == b'W')
        && b[6..].iter().all(u8::is_ascii_digit)
}

/// `3月1日`, `2026年3月`, `3월 1일`.
fn is_cjk_date(t: &str) -> bool {
    let has_digit = t.chars().any(|c| c.is_ascii_digit());
    has_digit
        && (t.contains('月') || t.contains('월'))
        && (t.contains('日') || t.contains('年') || t.contains('일'))
}

/// Does the text around a cloze (`before` and `after` its blank) give `hidden` away inside
/// brackets or quotes, as a gloss or an example does (`tener → **tuv-** stem (tuve, tuviste…)`,
/// `…「が」…**が**`)? Only short answers of two characters or more count: a one-letter particle
/// repeats by chance, a phrase is not glossed.
pub fn answer_visible(hidden: &str, before: &str, after: &str) -> bool {
    // Glosses give away short answers (a stem, a particle, a word); a phrase is not repeated.
    if hidden.len() > MAX_GLOSSED_BYTES || hidden.split_whitespace().nth(2).is_some() {
        return false;
    }
    let needle: String = if hidden.is_ascii() {
        hidden
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase() as char)
            .collect()
    } else {
        hidden
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if needle.chars().count() < 2 {
        return false;
    }
    [before, after].iter().any(|side| {
        if side.is_ascii() && needle.is_ascii() {
            ascii_brackets_hold(side.as_bytes(), needle.as_bytes())
        } else {
            brackets_hold(side, &needle)
        }
    })
}

/// ASCII text: does a `(…)`, `[…]` or `"…"` of it hold `needle` (lower-case) at a word's start?
fn ascii_brackets_hold(text: &[u8], needle: &[u8]) -> bool {
    let mut from = 0;
    while let Some(at) = memchr::memchr3(b'(', b'[', b'"', &text[from..]) {
        let open = from + at;
        let close_byte = match text[open] {
            b'(' => b')',
            b'[' => b']',
            _ => b'"',
        };
        let inside_start = open + 1;
        let close = memchr::memchr(close_byte, &text[inside_start..])
            .map_or(text.len(), |c| inside_start + c);
        let inside = &text[inside_start..close];
        let found = inside.len() >= needle.len()
            && (0..=inside.len() - needle.len()).any(|k| {
                (k == 0 || !inside[k - 1].is_ascii_alphanumeric())
                    && inside[k..k + needle.len()].eq_ignore_ascii_case(needle)
            });
        if found {
            return true;
        }
        from = (close + 1).min(text.len());
        if from >= text.len() {
            return false;
        }
    }
    false
}

/// [`ascii_brackets_hold`] for any script, with `（…）`, `「…」`, `『…』`, `“…”`, `‘…’`, `«…»`.
fn brackets_hold(text: &str, needle: &str) -> bool {
    let mut inside = String::new();
    let mut depth = 0usize;
    let mut straight_quote = false;
    for c in text.chars() {
        match c {
            '(' | '（' | '[' | '「' | '『' | '“' | '‘' | '«' => {
                depth += 1;
                inside.push(' ');
            }
            ')' | '）' | ']' | '」' | '』' | '”' | '’' | '»' => {
                depth = depth.saturating_sub(1);
                inside.push(' ');
            }
            '"' => {
                straight_quote = !straight_quote;
                inside.push(' ');
            }
            _ if depth > 0 || straight_quote => inside.extend(c.to_lowercase()),
            _ => {}
        }
        if depth == 0 && !straight_quote && !inside.ends_with(' ') {
            inside.push(' ');
        }
    }
    // At a word's start inside the brackets.
    let mut from = 0;
    while let Some(at) = inside[from..].find(needle) {
        let pos = from + at;
        let before = inside[..pos].chars().next_back();
        if before.is_none_or(|b| !b.is_alphanumeric() || is_cjk(b)) {
            return true;
        }
        from = pos + needle.len();
    }
    false
}

/// A cloze answer longer than this (or of more than two words) is not looked for in glosses.
const MAX_GLOSSED_BYTES: usize = 24;

/// Does `text` hold `word` as a whole word (ASCII case folded)?
pub fn has_word(text: &str, word: &str) -> bool {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    if w.is_empty() || t.len() < w.len() {
        return false;
    }
    let boundary = |k: Option<&u8>| k.is_none_or(|c| !c.is_ascii_alphanumeric() && *c < 0x80);
    let (lower, upper) = (w[0].to_ascii_lowercase(), w[0].to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, &t[..=t.len() - w.len()]).any(|k| {
        t[k..k + w.len()].eq_ignore_ascii_case(w)
            && boundary(k.checked_sub(1).map(|p| &t[p]))
            && boundary(t.get(k + w.len()))
    })
}

/// Ideographs and kana: scripts written without spaces, where any character starts a word.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xac00..=0xd7af)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        for w in [
            "Note",
            "Nota",
            "Important",
            "Decision:",
            "TL;DR",
            "TODO",
            "Question",
            "注意",
        ] {
            assert!(is_label_word(w), "{w}");
        }
        for w in [
            "detached HEAD",
            "S phase",
            "正規化",
            "Dropout",
            "Futures",
            "¡Ojo!",
        ] {
            assert!(!is_label_word(w), "{w}");
        }
    }

    #[test]
    fn dated_titles() {
        for t in [
            "2026-02-03 weekly sync",
            "Mon 2/2",
            "Week 6 — 2 Feb to 8 Feb",
            "v2.3.0 Mar 3rd, 2026",
            "2026-02-24 retro",
            "3月1日 日記",
            "Tue 2/3",
        ] {
            assert!(is_dated_title(t), "{t}");
        }
        for t in [
            "French Revolution 1789",
            "1/2 cup of flour",
            "room 2.14",
            "Mitosis phases",
            "ch. 10",
            "May the force be with you and others too",
            "finished the thing on 2026-02-03 after a very long week of work",
        ] {
            assert!(!is_dated_title(t), "{t}");
        }
    }

    #[test]
    fn generic_personal_and_pointing_titles() {
        for t in [
            "Notes",
            "## Misc",
            "Log",
            "see also",
            "**Agenda**",
            "Unreleased",
        ] {
            assert!(is_generic_title(t), "{t}");
        }
        for t in ["Links", "Logs", "Notes on ownership", "Hooks"] {
            assert!(!is_generic_title(t), "{t}");
        }
        assert!(is_first_person("Why I'm doing this"));
        assert!(is_first_person("Keybindings I keep forgetting"));
        assert!(is_first_person("Why I’m doing this"));
        assert!(!is_first_person(
            "How do you say \"I have to study\" in Spanish?"
        ));
        assert!(!is_first_person("Type I error"));
        assert!(!is_first_person(
            "When do I use indefinido instead of imperfecto?"
        ));
        assert!(points_elsewhere("why is the code above rejected?"));
        assert!(!points_elsewhere("pH above 7"));
        assert!(is_stress_word("do") && is_stress_word("on"));
        assert!(!is_stress_word("die") && !is_stress_word("7") && !is_stress_word("は"));
    }

    #[test]
    fn proper_names() {
        assert!(is_proper_name("Brother Osk") && is_proper_name("Harbormaster Quell"));
        for t in ["P wave", "Lewis acid", "Systole", "QRS complex", "T wave"] {
            assert!(!is_proper_name(t), "{t}");
        }
    }

    #[test]
    fn schedules_money_chapters_and_logs() {
        for t in ["Mon 8 June", "Mar 10", "1.600 €", "$40"] {
            assert!(is_schedule_or_money(t), "{t}");
        }
        for t in ["5 May 1789", "26 August 1789", "7", "1614", "carbonic acid"] {
            assert!(!is_schedule_or_money(t), "{t}");
        }
        assert!(is_chapter_title("Ch. 1 — The invisible city") && is_chapter_title("## Chapter 3"));
        assert!(!is_chapter_title("Chemistry") && !is_chapter_title("Changes"));
        assert!(is_log_title("Harvest log") && is_log_title("Training journal"));
        assert!(!is_log_title("Logs") && !is_log_title("Catalog"));
        assert!(is_dated_title("2026-W19 Weekly Review"));
        assert!(holds_money("Travel — 100/month, Japan trip") && holds_money("€5"));
        assert!(!holds_money("5 mg/day, 1/2 tablet") && !holds_money("and/or 3/4"));
        assert!(holds_money("rent $1,200/month") && holds_money("$40k, or $4.50."));
        assert!(!holds_money("so $2^{10}$ = 1024") && !holds_money("solve $2x + 1 = 5$"));
    }

    #[test]
    fn generic_and_unsettled() {
        for t in [
            "Pronunciation notes",
            "Q&A bits",
            "Reading list",
            "30",
            "2026",
        ] {
            assert!(is_generic_title(t), "{t}");
        }
        for t in ["Musical notes of the scale here", "Notes", "Lewis acids"] {
            assert_eq!(is_generic_title(t), t == "Notes", "{t}");
        }
        assert!(is_unsettled("\"fils\" (threads) -> also fils?? ask"));
        assert!(is_unsettled(
            "I think it's span links but not sure. look up"
        ));
        assert!(is_unsettled("same pattern. #followup"));
        assert!(!is_unsettled("the s is pronounced, l is silent") && !is_unsettled("Is it? Yes."));
        assert!(!is_unsettled(
            "But now should we have `FilterSocketLogger`?? We still respect it"
        ));
    }

    #[test]
    fn examples_and_open_questions() {
        assert!(is_example("例：象は鼻が長い。"));
        assert!(is_example("e.g. the Na⁺/K⁺ pump"));
        assert!(!is_example("every value has one owner"));
        assert!(is_open_question("what is `git rerere` ??? "));
        assert!(is_open_question("ROC 曲線跟 PR 曲線差在哪？"));
        assert!(!is_open_question("no, the compiler rejects it"));
    }

    #[test]
    fn visible_answers() {
        assert!(answer_visible(
            "tuv-",
            "tener → ",
            " stem (tuve, tuviste, tuvo...)"
        ));
        // One character: a particle repeats by chance.
        assert!(!answer_visible(
            "が",
            "従属節の中では主語に「が」を使う：私",
            "作った"
        ));
        assert!(answer_visible(
            "pack",
            "bundles into a ",
            "file (`.pack`) plus an index"
        ));
        assert!(!answer_visible(
            "deltas",
            "stored as ",
            " against a similar object"
        ));
        assert!(!answer_visible(
            "偏差",
            "偏差與變異的取捨（bias-variance tradeoff）：模型越複雜，",
            "越小"
        ));
        assert!(answer_visible("偏差", "見「偏差」：", "越小"));
        assert!(!answer_visible("tu", "a (stub) text", ""));
        // A long answer is not looked for.
        assert!(!answer_visible(
            "context managers and cleanup",
            "combines ",
            " (context managers and cleanup)"
        ));
    }
}
