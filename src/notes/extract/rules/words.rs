//! Words and answers: stress words, examples, open questions, and whether a cloze's answer shows
//! next to it.

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

/// Ideographs and kana: scripts written without spaces, where any character starts a word.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xac00..=0xd7af)
}

/// Verbs that make a line a statement (`asyncio has its own lock`, `X is used for Y`), not a
/// term or a question.
const STATING_VERBS: &[&str] = &[
    "allow",
    "allows",
    "are",
    "become",
    "becomes",
    "calls",
    "can",
    "cannot",
    "contain",
    "contains",
    "could",
    "creates",
    "depends",
    "did",
    "does",
    "doesn't",
    "don't",
    "gets",
    "gives",
    "had",
    "has",
    "have",
    "helps",
    "holds",
    "is",
    "isn't",
    "lets",
    "makes",
    "may",
    "means",
    "might",
    "must",
    "needs",
    "propagates",
    "provides",
    "requires",
    "returns",
    "runs",
    "should",
    "supports",
    "takes",
    "tells",
    "uses",
    "was",
    "were",
    "will",
    "won't",
    "works",
    "would",
];

/// Words that open a question (`how to …`, `why …`) or name a difference: a title that asks.
const ASKING_WORDS: &[&str] = &[
    "difference",
    "differences",
    "how",
    "what",
    "when",
    "where",
    "which",
    "who",
    "why",
];

/// A term and what it is, on one line: `Sampling frame: list of sampling units …`, `` `alias`: a
/// shortcut to … ``, `を (wo): Direct object` (an ASCII colon and a space). Its fact is stated;
/// a card of it asks nothing.
/// The term is at most [`GLOSSED_TERM_WORDS`] words (no code or math cut in two), the gloss at
/// least two words and no question.
pub fn is_glossed_term(title: &str) -> bool {
    let t = title.trim();
    if t.contains('\n') || t.ends_with(['?', '？', ':', '：']) {
        return false;
    }
    let Some((term, gloss)) = t.split_once(": ") else {
        return false;
    };
    let balanced = |c: char| term.matches(c).count() % 2 == 0;
    let term_words = term.split_whitespace().count();
    (1..=GLOSSED_TERM_WORDS).contains(&term_words)
        && balanced('`')
        && balanced('$')
        && gloss.split_whitespace().nth(1).is_some()
}

/// The term of a glossed line has at most this many words.
const GLOSSED_TERM_WORDS: usize = 4;

/// A line of more than this many words that neither asks (`?`) nor leads in (`:`) states.
const STATEMENT_WORDS: usize = 15;

/// Does this title (a block's first line) state a fact rather than ask or name one? A question
/// (`?`), a lead-in (`:`) or a term asks; a line of at least three words with a stating verb
/// after its first word, or a sentence ending in a full stop, states.
pub fn is_statement(title: &str) -> bool {
    let t = title.trim();
    if t.ends_with(['?', '？', ':', '：']) || t.contains('\n') {
        return false;
    }
    // Lower-cased on the stack and looked up in a sorted list: most words are not verbs.
    let is_in = |w: &str, list: &[&str]| {
        let mut buf = [0u8; 12];
        if w.len() < 2 || w.len() > buf.len() || !w.is_ascii() {
            return false;
        }
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        std::str::from_utf8(&buf[..w.len()]).is_ok_and(|l| list.binary_search(&l).is_ok())
    };
    let mut words = t.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if is_in(statement_word(first), ASKING_WORDS) {
        return false;
    }
    let (mut n, mut stating) = (1usize, false);
    for w in words {
        n += 1;
        stating |= is_in(statement_word(w), STATING_VERBS);
        if stating && n >= 3 {
            return true;
        }
        if n > STATEMENT_WORDS {
            return true; // a term is a short noun phrase; a line this long states
        }
    }
    n >= 3 && ((t.ends_with('.') && !t.ends_with("..") && n >= 4) || t.ends_with('。') || stating)
}

#[test]
fn word_lists_are_sorted_for_binary_search() {
    assert!(STATING_VERBS.windows(2).all(|w| w[0] < w[1]));
    assert!(ASKING_WORDS.windows(2).all(|w| w[0] < w[1]));
    assert!(INSTRUCTING_VERBS.windows(2).all(|w| w[0] < w[1]));
    for list in [
        &CLAUSE_WORDS[..],
        &NEEDS_MORE_WORDS[..],
        &CONTINUING_WORDS[..],
        &OBJECT_WORDS[..],
        &PRONOUNS[..],
    ] {
        assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
    }
}

/// A word without the punctuation around it.
fn statement_word(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
}

/// Does this line read as a definition of the term above it: a noun phrase (`package and
/// project manager`, `an object that implements __await__()`) rather than a remark, a step or
/// a label?
pub fn is_definition_line(text: &str) -> bool {
    let first_line = text.lines().next().unwrap_or("").trim();
    if first_line.ends_with([':', '：', '?', '？']) || first_line.starts_with("**") {
        return false;
    }
    if starts_with_article(first_line) {
        return true;
    }
    // Six words at most, none of them a stating verb, the first in lower case.
    let words: Vec<&str> = first_line.split_whitespace().take(7).collect();
    !words.is_empty()
        && words.len() <= 6
        && !words.iter().any(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            STATING_VERBS.binary_search(&w.as_str()).is_ok()
        })
        && first_line.chars().next().is_some_and(char::is_lowercase)
}

/// Does the line go on from the one above it (`which the event loop uses to …`, `and then …`)?
/// A lower-case relative pronoun or conjunction opens it: on its own it has no subject.
pub fn continues_a_sentence(text: &str) -> bool {
    let t = text.trim_start();
    // The first word as written (`or-patterns` is a word of its own).
    let first = t
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', ';', ':']);
    !t.trim_end().ends_with(['?', '？']) && CONTINUING_WORDS.binary_search(&first).is_ok()
}

/// Words that open a line going on from the one above (see [`continues_a_sentence`]), sorted.
const CONTINUING_WORDS: [&str; 12] = [
    "and", "because", "but", "hence", "or", "so", "that", "thus", "where", "whereas", "which",
    "whose",
];

/// Does the text stop in the middle of a sentence, on a word that needs more after it (`So I
/// suppose if I can`, `the reason is that`)?
pub fn ends_mid_sentence(text: &str) -> bool {
    // The last word, written in lower case (`vitamin A`, `LAN, WAN, CAN` end on names); only
    // the end of the text is read.
    let b = text.as_bytes();
    let Some(k) = b.iter().rev().take(8).position(u8::is_ascii_whitespace) else {
        return false;
    };
    let last = &text[b.len() - k..];
    !last.is_empty()
        && last.bytes().all(|c| c.is_ascii_lowercase())
        && NEEDS_MORE_WORDS.binary_search(&last).is_ok()
}

/// Words a sentence cannot end on (see [`ends_mid_sentence`]), sorted.
const NEEDS_MORE_WORDS: [&str; 29] = [
    "a", "an", "and", "are", "as", "be", "by", "can", "could", "for", "from", "if", "in", "into",
    "is", "must", "of", "on", "or", "should", "so", "than", "that", "the", "to", "which", "will",
    "with", "would",
];

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
    "check",
    "choose",
    "click",
    "configure",
    "copy",
    "create",
    "delete",
    "deploy",
    "download",
    "drag",
    "edit",
    "enable",
    "enter",
    "export",
    "fill",
    "go",
    "heat",
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
    "remove",
    "restart",
    "run",
    "save",
    "scroll",
    "select",
    "sign",
    "stop",
    "tap",
    "type",
    "upload",
    "visit",
    "wait",
    "write",
];

/// Is the line a step to carry out, not a question: an instructing verb, then at least two more
/// words, no question mark (`Create another target group for the third instance`)?
pub fn is_instruction(text: &str) -> bool {
    let t = text.trim();
    let mut words = t.split_whitespace();
    let verb = words.next().unwrap_or("");
    let object = words.next().unwrap_or("").to_lowercase();
    // A verb, then what it acts on: written in lower case (`export pages as a website`), or an
    // article or a pronoun next (`Create another target group`, `Run a container`); a title
    // naming a thing (`Type classes in Haskell`, `Log rotation in Linux`) is no step.
    let acts_on = verb.starts_with(char::is_lowercase)
        || OBJECT_WORDS.binary_search(&object.as_str()).is_ok();
    !t.ends_with(['?', '？'])
        && words.next().is_some()
        && acts_on
        && INSTRUCTING_VERBS
            .binary_search(&verb.to_lowercase().as_str())
            .is_ok()
}

/// Words that show an instructing verb acts on something (see [`is_instruction`]), sorted.
const OBJECT_WORDS: [&str; 18] = [
    "a", "all", "another", "back", "each", "in", "into", "it", "new", "on", "some", "that", "the",
    "them", "these", "this", "to", "your",
];

/// The term and what it is, when the text opens with a sentence defining a named term:
/// `Spine is an MVC framework for JavaScript.` → (`Spine`, `an MVC framework for JavaScript`).
/// The term is one to four words starting with a capital or a code span, and no pronoun or
/// determiner (`This is a …`, `The audience is the hero …`, `My birthday is …`); what it is
/// starts with an article and is one short sentence.
pub fn definition_sentence(text: &str) -> Option<(&str, &str)> {
    const LINKS: [&str; 2] = [" is ", " are "];
    let line = text.lines().next()?.trim();
    let (at, link) = LINKS
        .iter()
        .filter_map(|l| line.find(l).map(|k| (k, l.len())))
        .min()?;
    let term = line[..at].trim();
    let rest = &line[at + link..];
    let words: Vec<&str> = term.split_whitespace().collect();
    let first = words.first()?;
    let lower = first.to_lowercase();
    let named = first.starts_with(|c: char| c.is_uppercase() || c == '`')
        && PRONOUNS.binary_search(&lower.as_str()).is_err();
    // No word of it a pronoun or a conjunction (`If $a$ is a symbol`, `QA Engineer - This is
    // a tricky one`, `To show why MEU is a rational choice`).
    let clause = words.iter().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        CLAUSE_WORDS.binary_search(&w.as_str()).is_ok()
    });
    if words.len() > 4
        || !named
        || clause
        || term.ends_with([',', ':'])
        || term.contains(" - ")
        || !starts_with_article(rest)
    {
        return None;
    }
    // One sentence: up to its full stop, which ends the line or is followed by a space.
    let end = rest.find(". ").map_or(rest.len(), |k| k + 1);
    let what = rest[..end].trim().trim_end_matches('.');
    let n = what.split_whitespace().count();
    // A full stop of an abbreviation is no sentence's end (`i.e.`, `Glenn W. Brier`).
    let last = what.rsplit(' ').next().unwrap_or("");
    if last.chars().count() <= 1
        || (last.contains('.') && last.len() <= 4)
        || ["etc", "al", "vs", "Dr", "Mr", "Ms", "St"].contains(&last)
    {
        return None;
    }
    ((3..=DEFINITION_WORDS).contains(&n)
        && what.chars().count() <= DEFINITION_SENTENCE_CHARS
        && rest[..end].trim_end().ends_with('.')
        && !what.contains(['?', '!']))
    .then_some((term, what))
}

/// Pronouns and determiners: a line opening with one (`My birthday is …`, `The audience is …`)
/// names no term (see [`definition_sentence`]), sorted. (`This`, `It`, `There` are
/// [`CLAUSE_WORDS`].)
const PRONOUNS: [&str; 28] = [
    "all", "another", "any", "each", "every", "he", "her", "his", "how", "i", "its", "my", "no",
    "one", "our", "she", "some", "the", "their", "these", "they", "those", "we", "what", "who",
    "why", "you", "your",
];

/// Words that make a line's head a clause, not a term (see [`definition_sentence`]), sorted.
const CLAUSE_WORDS: [&str; 28] = [
    "also",
    "as",
    "assume",
    "because",
    "but",
    "for",
    "hence",
    "here",
    "however",
    "if",
    "it",
    "let",
    "note",
    "since",
    "so",
    "suppose",
    "that",
    "then",
    "there",
    "therefore",
    "this",
    "thus",
    "to",
    "when",
    "where",
    "whereas",
    "which",
    "while",
];

/// What a defining sentence says of its term has at most this many words ...
const DEFINITION_WORDS: usize = 25;
/// ... and characters.
const DEFINITION_SENTENCE_CHARS: usize = 160;

/// Does the line open with an article (`a`, `an`, `the`)?
pub fn starts_with_article(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    ["a", "an", "the"]
        .iter()
        .any(|a| a.eq_ignore_ascii_case(first))
}

/// Does this term name a plural whose members its children can list: `start methods`, `types
/// of awaitables`, `kinds of joins`?
pub fn names_a_plural(term: &str) -> bool {
    let words: Vec<String> = term
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let Some(last) = words.last() else {
        return false;
    };
    let first = words[0].as_str();
    matches!(
        first,
        "types" | "kinds" | "forms" | "phases" | "stages" | "steps" | "parts" | "levels" | "modes"
    ) || (words.len() >= 2
        && last.len() >= 4
        && last.ends_with('s')
        && !last.ends_with("ss")
        && !last.ends_with("us")
        && !last.ends_with("is"))
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
