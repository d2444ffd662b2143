//! What an automatic card and its page look like, as numbers: the features a learned card
//! scorer would read (the card's shape as shown, its question form, its markup, and signals of
//! its page). `recall cards --json --features` prints them; `tests/judged/fit` fits a logistic
//! model on the graded cards of the tuning half and measures, one collection left out at a time,
//! whether it ranks the cards of a collection it has not seen. So far it does not do that well
//! enough to leave cards out (see tests/judged/README.md), so the extractor does not use it.

use super::super::outline::{BlockKind, Outline};
use crate::model::{Card, CardKind, Origin};

/// What each feature measures, in the order of the feature vector.
pub const FEATURES: [&str; 32] = [
    "cloze",
    "question_chars_ln",
    "answer_chars_ln",
    "answer_lines_ln",
    "question_short",
    "question_mark",
    "question_colon",
    "context_depth",
    "bare_label",
    "answer_fence",
    "inline_code",
    "links_ln",
    "first_person",
    "digit_share",
    "markup_chars_ln",
    "cjk_share",
    "answer_items_ln",
    "question_lowercase",
    "cloze_share",
    "answer_colon",
    "question_bold",
    "heading",
    "answer_period",
    "answer_one_word",
    "page_first_person_ln",
    "page_links_ln",
    "page_words_ln",
    "page_cards_ln",
    "page_cards_per_block",
    "page_tasks",
    "page_headings",
    "page_questions",
];

/// A card's feature vector.
pub type Features = [f32; FEATURES.len()];

/// What the features read of a page, worked out once per page.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct PageSignals {
    /// Words of the page's text.
    pub words: u32,
    /// First-person words (`I`, `my`, `we`, …).
    pub first_person: u32,
    /// Links and URLs.
    pub links: u32,
    /// Blocks with text.
    pub blocks: u32,
    /// Of those: tasks, headings, and lines ending in a question mark.
    pub tasks: u32,
    pub headings: u32,
    pub questions: u32,
    /// Automatic cards the page gives before scoring.
    pub auto_cards: u32,
}

impl PageSignals {
    /// The signals of a parsed page that gives `auto_cards` automatic cards.
    pub fn of(outline: &Outline, auto_cards: usize) -> PageSignals {
        let mut s = PageSignals {
            auto_cards: auto_cards as u32,
            ..PageSignals::default()
        };
        for b in &outline.blocks {
            let text = b.text.trim();
            if text.is_empty() {
                continue;
            }
            s.blocks += 1;
            s.tasks += b.task as u32;
            s.headings += (matches!(b.kind, BlockKind::Heading(_)) || text.starts_with('#')) as u32;
            s.questions += ends_with_question(text.lines().next().unwrap_or("")) as u32;
            let w = count_words(text);
            s.words += w.words;
            s.first_person += w.first_person;
            s.links += count_links(text);
        }
        s
    }
}

/// The features of one automatic card; `heading`: its block is a heading.
pub fn features(card: &Card, heading: bool, page: &PageSignals) -> Features {
    let q = card.question.trim();
    let a = card.answer.trim();
    let cloze = card.kind == CardKind::Cloze;
    let q_chars = q.chars().count() as f32;
    let a_chars = a.chars().count() as f32;
    let q_words = q.split_whitespace().count();
    let context_depth = if card.context.trim().is_empty() {
        0
    } else {
        card.context.split('›').count().min(6)
    };
    let question_short = !cloze && q_words <= 3;
    let answer_lines = a.lines().filter(|l| !l.trim().is_empty()).count() as f32;
    let items = a
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") || numbered(t)
        })
        .count() as f32;
    let first_person = [q, a, &card.context]
        .iter()
        .any(|t| count_words(t).first_person > 0);
    let (mut digits, mut alnum, mut cjk, mut markup) = (0f32, 0f32, 0f32, 0f32);
    for c in q.chars().chain(a.chars()) {
        if c.is_alphanumeric() {
            alnum += 1.0;
            digits += c.is_ascii_digit() as u32 as f32;
            cjk += super::rules::is_cjk(c) as u32 as f32;
        } else if matches!(
            c,
            '{' | '}' | '<' | '>' | '|' | '[' | ']' | '\\' | '=' | '#'
        ) {
            markup += 1.0;
        }
    }
    // The `[…]` of a cloze is the card's own, not residue.
    if cloze {
        markup = (markup - 2.0).max(0.0);
    }
    let share = |n: f32| if alnum > 0.0 { n / alnum } else { 0.0 };
    let fence = a.contains("```") || a.contains("~~~");
    let inline_code = !fence && (q.contains('`') || a.contains('`'));
    let words = page.words.max(1) as f32;
    let blocks = page.blocks.max(1) as f32;
    let ln = |x: f32| (1.0 + x).ln();
    let flag = |b: bool| b as u32 as f32;
    [
        flag(cloze),
        ln(q_chars),
        ln(a_chars),
        ln(answer_lines),
        flag(question_short),
        flag(!cloze && ends_with_question(q)),
        flag(!cloze && (q.ends_with(':') || q.ends_with('：'))),
        context_depth as f32,
        flag(question_short && context_depth <= 1),
        flag(fence),
        flag(inline_code),
        ln((count_links(q) + count_links(a)) as f32),
        flag(first_person),
        share(digits),
        ln(markup),
        share(cjk),
        ln(items),
        flag(q.chars().next().is_some_and(|c| c.is_lowercase())),
        if cloze && q_chars > 0.0 {
            a_chars / q_chars
        } else {
            0.0
        },
        flag(a.ends_with(':') || a.ends_with('：')),
        flag(q.contains("**") || q.contains("__")),
        flag(heading),
        flag(a.ends_with('.') || a.ends_with('。')),
        flag(!a.contains(char::is_whitespace)),
        ln(100.0 * page.first_person as f32 / words),
        ln(100.0 * page.links as f32 / words),
        ln(page.words as f32),
        ln(page.auto_cards as f32),
        page.auto_cards as f32 / blocks,
        page.tasks as f32 / blocks,
        page.headings as f32 / blocks,
        page.questions as f32 / blocks,
    ]
}

/// The features of each automatic card of a page (`None` for explicit cards).
pub fn of_page(outline: &Outline, cards: &[Card]) -> Vec<Option<Features>> {
    let auto = cards.iter().filter(|c| c.origin == Origin::Auto).count();
    if auto == 0 {
        return vec![None; cards.len()];
    }
    let page = PageSignals::of(outline, auto);
    cards
        .iter()
        .map(|c| {
            (c.origin == Origin::Auto).then(|| {
                let heading = outline
                    .blocks
                    .binary_search_by_key(&c.line, |b| b.line)
                    .ok()
                    .map(|i| &outline.blocks[i])
                    .is_some_and(|b| {
                        matches!(b.kind, BlockKind::Heading(_)) || b.text.starts_with('#')
                    });
                features(c, heading, &page)
            })
        })
        .collect()
}

#[derive(Default)]
struct WordCount {
    words: u32,
    first_person: u32,
}

/// Words (runs of letters, digits and apostrophes) and how many are first person.
fn count_words(text: &str) -> WordCount {
    let mut n = WordCount::default();
    for w in text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
    {
        n.words += 1;
        n.first_person += is_first_person(w) as u32;
    }
    n
}

fn is_first_person(w: &str) -> bool {
    // `I` only as a capital: `i` is more often a loop variable.
    if w == "I" || w.starts_with("I'") || w.starts_with("I’") {
        return true;
    }
    [
        "me",
        "my",
        "mine",
        "myself",
        "we",
        "our",
        "ours",
        "ourselves",
    ]
    .iter()
    .any(|f| w.eq_ignore_ascii_case(f))
}

/// URLs, Markdown links and wiki links.
fn count_links(text: &str) -> u32 {
    (text.matches("://").count() + text.matches("](").count() + text.matches("[[").count()) as u32
}

fn ends_with_question(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with('?') || t.ends_with('？')
}

fn numbered(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_person_words() {
        let w = count_words("I think my code is ours; i is an index, Mine.");
        assert_eq!(w.words, 11);
        assert_eq!(w.first_person, 4);
    }

    #[test]
    fn a_numbered_item_needs_a_dot_and_a_space() {
        assert!(numbered("12. twelve"));
        assert!(!numbered("12.5 apples"));
        assert!(!numbered("item"));
    }
}
