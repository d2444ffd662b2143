//! Sentences and what they do: state a fact, ask, define the term above them, go on from the
//! line before, or stop mid-way.

/// Verbs that make a line a statement (`asyncio has its own lock`, `X is used for Y`), not a
/// term or a question.
pub(super) const STATING_VERBS: &[&str] = &[
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
pub(super) const ASKING_WORDS: &[&str] = &[
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
pub(super) const GLOSSED_TERM_WORDS: usize = 4;

/// A line of more than this many words that neither asks (`?`) nor leads in (`:`) states.
pub(super) const STATEMENT_WORDS: usize = 15;

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
    for list in [
        &CLAUSE_WORDS[..],
        &NEEDS_MORE_WORDS[..],
        &CONTINUING_WORDS[..],
        &OBJECT_WORDS[..],
        &PRONOUNS[..],
        &JUDGING_WORDS[..],
        &VERDICT_WORDS[..],
    ] {
        assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
    }
}

/// A word without the punctuation around it.
pub(super) fn statement_word(w: &str) -> &str {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
}

/// Does the line say what something is for, with a verb (`` `getStaticPaths` to get the list of
/// files``, `use logging module to log to …`)? A line of at least [`PURPOSE_WORDS`] words with
/// `to` before a lower-case word, that neither asks (`how to …`, `?`) nor leads in (`:`), and is
/// no title (`Introduction to Algorithms and Data Structures`: most words capitalised).
pub fn states_a_purpose(title: &str) -> bool {
    let t = title.trim();
    if t.contains('\n') || t.ends_with(['?', '？', ':', '：']) {
        return false;
    }
    let (mut words, mut capitalised, mut to_verb) = (0usize, 0usize, false);
    let mut last = "";
    for w in t.split_whitespace() {
        if words == 0
            && ASKING_WORDS
                .iter()
                .any(|a| a.eq_ignore_ascii_case(statement_word(w)))
        {
            return false;
        }
        words += 1;
        capitalised += w.starts_with(char::is_uppercase) as usize;
        to_verb |= last == "to" && w.starts_with(|c: char| c.is_ascii_lowercase());
        last = w;
    }
    words >= PURPOSE_WORDS && capitalised * 2 < words && to_verb
}

/// Is this line a loose phrase rather than a term or a question: at least
/// [`LOOSE_PHRASE_WORDS`] words, fewer than three in four of them capitalised (`get as much sleep as you need`,
/// `challenges to reverse engineering`), neither asking (`?`, `how …`, `A vs B`) nor leading in
/// (`:`) nor opening with an article? A term is a short noun phrase (or one with its article, `the nine
/// two-way prepositions`), a name is capitalised (`Trust Region Policy Optimization`); a
/// longer phrase in lower case is part of a sentence, and what is under it says more about it
/// rather than answering it. (Of the automatic cards with such a question graded blind on the
/// tuning half, 1 of 59 was kept as it was.) CJK text is not read here: its words are not spaced.
pub fn is_loose_phrase(title: &str) -> bool {
    let t = title.trim();
    // Most questions are terms of a word or two: done before anything else is looked at.
    if t.split_whitespace().nth(LOOSE_PHRASE_WORDS - 1).is_none()
        || t.contains('\n')
        || t.ends_with(['?', '？', ':', '：'])
        || t.chars().any(super::is_cjk)
    {
        return false;
    }
    // A question word asks; an article opens a noun phrase (`the six common strong acids`); a
    // comparison (`unless-stopped vs always`) and a pattern (`tengo que + infinitive`) ask too.
    let first = statement_word(t.split_whitespace().next().unwrap_or(""));
    if ASKING_WORDS.iter().any(|a| a.eq_ignore_ascii_case(first))
        || ["a", "an", "the"]
            .iter()
            .any(|a| a.eq_ignore_ascii_case(first))
        || t.split_whitespace()
            .any(|w| matches!(w, "vs" | "vs." | "versus" | "+"))
    {
        return false;
    }
    let (mut all, mut content, mut capitalised) = (0usize, 0usize, 0usize);
    // Tags and handles (`#python`, `@ana`) are not words of the phrase, nor is what is said
    // in brackets (`Passive transport (no ATP)`).
    let mut depth = 0usize;
    let outside = t.split_whitespace().filter(|w| {
        let was = depth;
        depth = (depth + w.matches('(').count()).saturating_sub(w.matches(')').count());
        was == 0 && !w.starts_with('(')
    });
    for w in outside.filter(|w| !w.starts_with(['#', '@'])) {
        all += 1;
        let w = statement_word(w);
        if w.is_empty()
            || (w.len() <= 5 && TITLE_SMALL_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w)))
        {
            continue;
        }
        content += 1;
        capitalised += w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) as usize;
    }
    all >= LOOSE_PHRASE_WORDS && capitalised * 4 < content * 3
}

/// A loose phrase has at least this many words (see [`is_loose_phrase`]); a term has fewer.
pub(super) const LOOSE_PHRASE_WORDS: usize = 4;

/// Words a title leaves in lower case (`Introduction to Algorithms and Data Structures`).
const TITLE_SMALL_WORDS: [&str; 18] = [
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "per",
    "the", "to", "via", "vs",
];

/// A line saying what something is for has at least this many words (see [`states_a_purpose`]).
pub(super) const PURPOSE_WORDS: usize = 5;

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
pub(super) const CONTINUING_WORDS: [&str; 12] = [
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
pub(super) const NEEDS_MORE_WORDS: [&str; 29] = [
    "a", "an", "and", "are", "as", "be", "by", "can", "could", "for", "from", "if", "in", "into",
    "is", "must", "of", "on", "or", "should", "so", "than", "that", "the", "to", "which", "will",
    "with", "would",
];

/// Words that show an instructing verb acts on something (see [`is_instruction`]), sorted.
pub(super) const OBJECT_WORDS: [&str; 18] = [
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
    // (Nor a preposition: `Of particular interest is …`, `In practice, …`.)
    let named = first.starts_with(|c: char| c.is_uppercase() || c == '`')
        && PRONOUNS.binary_search(&lower.as_str()).is_err()
        && !["at", "by", "from", "in", "of", "on", "with"].contains(&lower.as_str());
    // No word of it a pronoun or a conjunction (`If $a$ is a symbol`, `QA Engineer - This is
    // a tricky one`, `To show why MEU is a rational choice`).
    let clause = words.iter().any(|w| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        CLAUSE_WORDS.binary_search(&w.as_str()).is_ok()
            || (w != lower && w != "the" && PRONOUNS.binary_search(&w.as_str()).is_ok())
    });
    if words.len() > 4
        || !named
        || clause
        || term.contains([',', '‘', '’', '“', '”', '"'])
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

/// Every sentence of a paragraph that defines a named term (see [`definition_sentence`]):
/// `Hadoop has evolved. YARN is a cluster resource management system.` → (`YARN`, `a cluster
/// resource management system`). Lines of prose wrapped at a width (each but the last at least
/// [`WRAPPED_LINE_CHARS`] long) are joined first, as a sentence runs over them; shorter lines
/// are read one by one. At most [`DEFINITIONS_PER_BLOCK`], in order.
pub fn definition_sentences(text: &str) -> Vec<(String, String)> {
    // Most blocks define nothing: no `is`/`are` between words, nothing to read.
    let b = text.as_bytes();
    if (memchr::memmem::find(b, b"is").is_none() && memchr::memmem::find(b, b"are").is_none())
        || !text.split_whitespace().any(|w| w == "is" || w == "are")
    {
        return Vec::new();
    }
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let wrapped = lines.len() > 1
        && lines[..lines.len() - 1]
            .iter()
            .all(|l| l.chars().count() >= WRAPPED_LINE_CHARS);
    let joined;
    let parts: Vec<&str> = if wrapped {
        joined = lines.join(" ");
        vec![joined.as_str()]
    } else {
        lines
    };
    let mut out: Vec<(String, String)> = Vec::new();
    for part in parts {
        let mut start = 0;
        while start < part.len() && out.len() < DEFINITIONS_PER_BLOCK {
            // One sentence at a time, cut at its full stop: the rest of a long paragraph is
            // not searched again for each of its sentences.
            let end = part[start..]
                .find(". ")
                .map_or(part.len(), |k| start + k + 1);
            if let Some((term, what)) = definition_sentence(&part[start..end]) {
                // A term said twice is asked once; a link the notes broke over two lines
                // (`[[id:…][cyber threat`) is no text to show.
                let article = ["A ", "An "].iter().find_map(|a| term.strip_prefix(a));
                // `A key challenge is …`, `A simple decomposition is …`: a remark, no term.
                let judged = article.is_some_and(|t| {
                    let first = t
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .to_ascii_lowercase();
                    JUDGING_WORDS.binary_search(&first.as_str()).is_ok()
                });
                // `Heap memory is a lot trickier`: a comparison, not what it is; `… is a
                // powerful way to …`, `… is a prime example`: a verdict, not what it is.
                let measure = ["a lot", "a bit", "a little", "a great deal", "a must"]
                    .iter()
                    .any(|m| what == *m || what.starts_with(&format!("{m} ")))
                    || what.split_whitespace().nth(1).is_some_and(|w| {
                        VERDICT_WORDS
                            .binary_search(&w.to_ascii_lowercase().as_str())
                            .is_ok()
                    });

                let residue =
                    |s: &str| ["[[", "]]", "][", "{{", "}}"].iter().any(|r| s.contains(r));
                if !term.is_empty()
                    && !judged
                    && !measure
                    && !residue(term)
                    && !residue(what)
                    && !out.iter().any(|(t, _)| t.eq_ignore_ascii_case(term))
                {
                    out.push((term.to_string(), what.to_string()));
                }
            }
            start = end + 1;
        }
    }
    out
}

/// A line of prose wrapped at a width is at least this long (see [`definition_sentences`]).
pub(super) const WRAPPED_LINE_CHARS: usize = 50;

/// Adjectives that judge rather than name (`A key challenge`, `A simple decomposition`, `A
/// rather convenient formulation`): after an article they open a remark, not a term. Sorted.
pub(super) const JUDGING_WORDS: [&str; 34] = [
    "basic",
    "best",
    "better",
    "big",
    "common",
    "convenient",
    "cool",
    "decent",
    "excellent",
    "fine",
    "general",
    "good",
    "great",
    "huge",
    "important",
    "key",
    "main",
    "major",
    "neat",
    "nice",
    "perfect",
    "powerful",
    "prime",
    "quick",
    "rather",
    "really",
    "simple",
    "small",
    "strong",
    "typical",
    "useful",
    "very",
    "whole",
    "wonderful",
];

/// Words of a verdict (`a powerful way to …`, `a prime example`, `a good place to …`): after an
/// article, what follows is an opinion of the term, not what it is. Sorted.
pub(super) const VERDICT_WORDS: [&str; 16] = [
    "best",
    "better",
    "cool",
    "decent",
    "excellent",
    "good",
    "great",
    "important",
    "nice",
    "perfect",
    "powerful",
    "prime",
    "really",
    "useful",
    "very",
    "wonderful",
];

/// A paragraph gives at most this many cards of the terms its sentences define.
pub const DEFINITIONS_PER_BLOCK: usize = 3;

/// Pronouns and determiners: a line opening with one (`My birthday is …`, `The audience is …`)
/// names no term (see [`definition_sentence`]), sorted. (`This`, `It`, `There` are
/// [`CLAUSE_WORDS`].)
pub(super) const PRONOUNS: [&str; 28] = [
    "all", "another", "any", "each", "every", "he", "her", "his", "how", "i", "its", "my", "no",
    "one", "our", "she", "some", "the", "their", "these", "they", "those", "we", "what", "who",
    "why", "you", "your",
];

/// Words that make a line's head a clause, not a term (see [`definition_sentence`]), sorted.
pub(super) const CLAUSE_WORDS: [&str; 33] = [
    "above",
    "also",
    "as",
    "assume",
    "because",
    "below",
    "but",
    "for",
    "hence",
    "here",
    "however",
    "if",
    "it",
    "let",
    "note",
    "once",
    "since",
    "so",
    "such",
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
    "whose",
];

/// What a defining sentence says of its term has at most this many words ...
pub(super) const DEFINITION_WORDS: usize = 25;

/// ... and characters.
pub(super) const DEFINITION_SENTENCE_CHARS: usize = 160;

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
