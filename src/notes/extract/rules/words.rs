//! Words and answers: stress words, examples, open questions, and whether a cloze's answer shows
//! next to it.

use super::sentences::{starts_with_article, OBJECT_WORDS};

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
pub(super) const STRESS_WORDS: &[&str] = &[
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
pub(super) const EXAMPLE_MARKERS: &[&str] = &[
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
pub(super) fn ascii_brackets_hold(text: &[u8], needle: &[u8]) -> bool {
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
pub(super) fn brackets_hold(text: &str, needle: &str) -> bool {
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
pub(super) const MAX_GLOSSED_BYTES: usize = 24;

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

/// Do the `texts` hold every word of `hidden`, in some form (`sentence` in `sentences are …`,
/// `Range.methods` in `` `Range` `` and `Class.methods`)? Words of at least [`FORM_LETTERS`]
/// letters on both sides (`str` is no form of `String`, nor `not` of `note`), one form the other
/// with an ending changed (`-s`, `-es`, `-ed`, `-ing`, `-er`, `-ly`); ASCII only. False when
/// `hidden` has no such word.
pub fn says_word_forms<'a>(texts: impl Iterator<Item = &'a str> + Clone, hidden: &str) -> bool {
    // Bytes, not chars: a letter here is ASCII, and any other byte ends a word.
    let words = |s: &'a str| {
        s.as_bytes()
            .split(|b| !b.is_ascii_alphabetic())
            .filter(|w| w.len() >= FORM_LETTERS)
    };
    let mut wanted = hidden
        .as_bytes()
        .split(|b| !b.is_ascii_alphabetic())
        .filter(|w| w.len() >= FORM_LETTERS)
        .peekable();
    wanted.peek().is_some()
        && wanted.all(|h| texts.clone().any(|t| words(t).any(|w| same_stem(h, w))))
}

/// A word of a cloze looked for in other forms has at least this many letters.
pub(super) const FORM_LETTERS: usize = 4;

/// Are `a` and `b` forms of one word: a shared head of at least three letters, and what
/// follows it in each an ending (see [`says_word_forms`])? ASCII letters, case aside.
fn same_stem(a: &[u8], b: &[u8]) -> bool {
    const ENDINGS: [&[u8]; 10] = [
        b"", b"d", b"e", b"ed", b"er", b"ers", b"es", b"ing", b"ly", b"s",
    ];
    if a.len() < 3 || b.len() < 3 || !a[..3].eq_ignore_ascii_case(&b[..3]) {
        return false;
    }
    let head = a
        .iter()
        .zip(b)
        .take_while(|(x, y)| x.eq_ignore_ascii_case(y))
        .count();
    let ending = |rest: &[u8]| ENDINGS.iter().any(|e| e.eq_ignore_ascii_case(rest));
    ending(&a[head..]) && ending(&b[head..])
}

/// Ideographs and kana: scripts written without spaces, where any character starts a word.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xac00..=0xd7af)
}

/// Is the line a setting, `key: value` (`run: single run`, `timeout: 30s`): one lower-case
/// name before the colon? It states a value; it asks nothing.
pub fn is_setting(text: &str) -> bool {
    let Some((key, value)) = text.trim().split_once(": ") else {
        return false;
    };
    // A value, not a definition: a few words, no article (`serialize: the process of …`).
    let words = value.split_whitespace().count();
    is_key(key)
        && (1..=SETTING_WORDS).contains(&words)
        && !starts_with_article(value)
        && !text.contains('\n')
}

/// A setting's value has at most this many words.
const SETTING_WORDS: usize = 6;

/// Is the line a setting's key alone, `chdir:`?
pub fn is_setting_key(text: &str) -> bool {
    text.trim().strip_suffix(':').is_some_and(is_key)
}

/// A lower-case name of a setting: letters, digits, `_`, `-`, `.`.
fn is_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-.".contains(&b))
}

/// A template's prompt left unfilled: a line wholly in parentheses with spaces inside them,
/// `( main idea or question )`, `( additional context, or an answer )`.
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim();
    t.len() <= 120
        && t.starts_with("( ")
        && t.ends_with(" )")
        && !t[1..t.len() - 1].contains(['(', ')', '\n'])
}

/// Verbs that open a step of a procedure (`Create another target group`, `click the three
/// dots`), sorted for binary search.
const INSTRUCTING_VERBS: &[&str] = &[
    "add",
    "aim",
    "avoid",
    "capture",
    "check",
    "choose",
    "click",
    "configure",
    "consider",
    "convert",
    "copy",
    "create",
    "define",
    "delete",
    "deploy",
    "download",
    "drag",
    "edit",
    "enable",
    "ensure",
    "enter",
    "export",
    "fill",
    "go",
    "heat",
    "identify",
    "insert",
    "install",
    "launch",
    "log",
    "make",
    "navigate",
    "open",
    "paste",
    "press",
    "reboot",
    "remember",
    "remove",
    "replace",
    "restart",
    "run",
    "save",
    "scroll",
    "select",
    "sign",
    "stop",
    "tap",
    "try",
    "type",
    "upload",
    "visit",
    "wait",
    "write",
];

/// Verbs that are nouns as well (`use cases`, `set theory`, `build tools`): a step only when
/// what they act on follows (`Turn on the flag`, `change \`name\` in …`), sorted.
const NOUN_VERBS: &[&str] = &[
    "build", "change", "follow", "keep", "pick", "put", "set", "turn", "update", "use",
];

/// Is the line a step to carry out, not a question: an instructing verb, then at least two more
/// words, no question mark (`Create another target group for the third instance`)?
pub fn is_instruction(text: &str) -> bool {
    let t = text.trim();
    let mut words = t.split_whitespace();
    let (Some(verb), Some(object)) = (words.next(), words.next()) else {
        return false;
    };
    if words.next().is_none() || t.ends_with(['?', '？']) {
        return false;
    }
    let noun_too = in_sorted_caseless(verb, NOUN_VERBS);
    if !noun_too && !in_sorted_caseless(verb, INSTRUCTING_VERBS) {
        return false;
    }
    // A verb, then what it acts on: an article or a pronoun next (`Create another target
    // group`, `Run a container`), code (`change \`name\``), or, for a verb that is no noun,
    // a line in lower case (`export pages as a website`). A title naming a thing (`Type
    // classes in Haskell`, `Set theory`) is no step.
    let object_next = object.starts_with('`') || in_sorted_caseless(object, &OBJECT_WORDS);
    object_next || (!noun_too && t.starts_with(char::is_lowercase))
}

/// Is `word`, lower-cased (ASCII, on the stack), in the sorted `list`? Most words are not, and
/// no word of these lists is long.
fn in_sorted_caseless(word: &str, list: &[&str]) -> bool {
    let mut buf = [0u8; 12];
    if word.len() > buf.len() || !word.is_ascii() {
        return false;
    }
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..word.len()]).is_ok_and(|w| list.binary_search(&w).is_ok())
}

/// Metadata keys of a description item or field (`author :: …`, `tags :: …`): a record of
/// the note, not a fact to learn.
pub fn is_metadata_key(key: &str) -> bool {
    matches!(
        key.trim().trim_matches('*').to_lowercase().as_str(),
        "alias"
            | "aliases"
            | "author"
            | "authors"
            | "category"
            | "categories"
            | "created"
            | "date"
            | "id"
            | "isbn"
            | "link"
            | "links"
            | "publisher"
            | "rating"
            | "related"
            | "source"
            | "sources"
            | "status"
            | "tags"
            | "title"
            | "type"
            | "updated"
            | "url"
            | "year"
            | "modified"
            | "cite"
            | "ref"
            | "refs"
    )
}

/// Does `hidden` (a cloze's words) show in a code span of `text` outside `span`, as (part of)
/// an identifier (`Tasks` in `asyncio.create_task()`, `Futures` in `asyncio.Future`)?
pub fn in_code_spans(hidden: &str, text: &str, span: std::ops::Range<usize>) -> bool {
    let stem = hidden.trim().to_lowercase();
    let stem = stem.strip_suffix('s').unwrap_or(&stem);
    if stem.chars().count() < 4
        || stem.contains(' ')
        || !stem.chars().all(|c| c.is_alphanumeric() || c == '_')
    {
        return false;
    }
    let mut rest = text;
    let mut at = 0;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        let (from, to) = (at + open + 1, at + open + 1 + len);
        if (to <= span.start || from >= span.end) && text[from..to].to_lowercase().contains(stem) {
            return true;
        }
        rest = &rest[open + 1 + len + 1..];
        at = to + 1;
    }
    false
}

#[test]
fn instructing_verbs_are_sorted_for_binary_search() {
    assert!(INSTRUCTING_VERBS.windows(2).all(|w| w[0] < w[1]));
    assert!(NOUN_VERBS.windows(2).all(|w| w[0] < w[1]));
}
