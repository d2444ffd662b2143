//! Explicit cards: what the author marked as a card, as pure functions on a block's text.
//! `question :: answer` lines (and `question ::: answer`, both ways) and cloze spans
//! (`{{cloze …}}`, Anki `{{c1::…}}`); `#card` blocks are assembled by the extractor.

use crate::notes::inline::Cloze;
use crate::notes::outline::{is_card_field, property_line};

/// A `question :: answer` line: (question, answer, both ways, its line in the block's text).
pub(super) type LineCard<'a> = (&'a str, &'a str, bool, usize);

/// The `question :: answer` cards of a block's source text, one per line: never inside fenced
/// code, code spans, quotes or brackets (`[:code "a-b :: false"]`), never a property line.
pub(super) fn line_cards(text: &str) -> Vec<LineCard<'_>> {
    let mut out = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    for (k, line) in text.lines().enumerate() {
        let t = line.trim_start();
        let ticks = t.bytes().take_while(|&b| b == b'`' || b == b'~').count();
        if ticks >= 3 && t.bytes().take(ticks).all(|b| b == t.as_bytes()[0]) {
            let marker = t.as_bytes()[0];
            match fence {
                None => fence = Some((marker, ticks)),
                Some((m, n)) if m == marker && ticks >= n && t.trim_end().len() == ticks => {
                    fence = None
                }
                Some(_) => {}
            }
            continue;
        }
        if fence.is_some() {
            continue;
        }
        if let Some((q, a, both)) = line_card(line) {
            out.push((q, a, both, k));
        }
    }
    out
}

/// `question :: answer` on one line (see [`line_cards`]). The `::` must have a space on at least
/// one side, so `std::io` is not a card.
fn line_card(line: &str) -> Option<(&str, &str, bool)> {
    // A property line the parser left in the text is a `Term:: definition` card.
    if property_line(line.trim()).is_some_and(|(k, v)| !is_card_field(k, v)) {
        return None;
    }
    let b = line.as_bytes();
    let (mut depth, mut quoted, mut code) = (0usize, false, false);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'`' => code = !code,
            _ if code => {}
            b'"' => quoted = !quoted,
            _ if quoted => {}
            b'[' | b'(' | b'{' => depth += 1,
            b']' | b')' | b'}' => depth = depth.saturating_sub(1),
            b':' if depth == 0 && b.get(i + 1) == Some(&b':') => {
                let run = b[i..].iter().take_while(|&&c| c == b':').count();
                let (q, a) = (&line[..i], &line[i + run..]);
                let spaced = q.ends_with([' ', '\t']) || a.starts_with([' ', '\t']);
                if run <= 3 && spaced {
                    let (q, a) = (q.trim(), a.trim());
                    if q.is_empty() || a.is_empty() {
                        return None;
                    }
                    return Some((q, a, run == 3));
                }
                i += run;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A childless `#card` line written as `term — meaning` (or `–`, ` - `, ` = `, `: `): the
/// question before the first such separator, the answer after it; `None` when there is none or
/// either side is empty.
pub(super) fn split_on_dash(text: &str) -> Option<(&str, &str)> {
    let line = text.lines().next()?;
    // The first separator: each starts with a space or a colon, so only those are looked at.
    let at = memchr::memchr2_iter(b' ', b':', line.as_bytes()).find_map(|k| {
        [" — ", " – ", " - ", " = ", ": "]
            .iter()
            .find(|sep| line[k..].starts_with(*sep))
            .map(|sep| (k, sep.len()))
    })?;
    let (q, a) = (line[..at.0].trim(), line[at.0 + at.1..].trim());
    (!q.is_empty() && !a.is_empty()).then_some((q, a))
}

/// One cloze card: (question, answer, rank among the block's clozes).
pub(super) struct ClozeCard {
    pub question: String,
    pub answer: String,
    pub rank: usize,
}

/// The cards of a block's cloze spans: each Logseq cloze its own card; Anki clozes one card per
/// number, hiding every span of that number. The other spans show their text; a hint shows in
/// its blank (`[… color]`). At most `max` cards.
/// How many cards `clozes` ask: one per cloze number, one per unnumbered cloze.
pub(super) fn cloze_groups(clozes: &[Cloze]) -> usize {
    let numbers: std::collections::HashSet<u32> = clozes.iter().filter_map(|c| c.number).collect();
    numbers.len() + clozes.iter().filter(|c| c.number.is_none()).count()
}

pub(super) fn cloze_cards(text: &str, clozes: &[Cloze], max: usize) -> Vec<ClozeCard> {
    let mut out = Vec::new();
    let mut done_numbers = std::collections::HashSet::new();
    for (k, c) in clozes.iter().enumerate() {
        if out.len() >= max {
            break;
        }
        let group: Vec<&Cloze> = match c.number {
            Some(n) if done_numbers.contains(&n) => continue,
            Some(n) => {
                done_numbers.insert(n);
                clozes.iter().filter(|o| o.number == Some(n)).collect()
            }
            None => vec![c],
        };
        let mut question = String::with_capacity(text.len() + 8);
        let mut answers: Vec<&str> = Vec::new();
        let mut cursor = 0;
        for g in &group {
            if g.span.start < cursor {
                continue;
            }
            question.push_str(&text[cursor..g.span.start]);
            question.push_str("[…");
            if let Some(h) = &g.hint {
                question.push(' ');
                question.push_str(h);
            }
            question.push(']');
            answers.push(text[g.span.clone()].trim());
            cursor = g.span.end;
        }
        question.push_str(&text[cursor..]);
        out.push(ClozeCard {
            question,
            answer: answers.join(", "),
            rank: c.number.map_or(k + 1, |n| n as usize),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notes::inline::render;

    #[test]
    fn line_cards_skip_code_quotes_brackets_and_properties() {
        let text = "pH :: minus log\nuse [:code \"a-b :: false\"] here\nin R `stats::sd(x)` :: no\n```js\n// kit:: runpage\n```\ndraft?:: true\n-icon:: f021\nstd::io::Read is a trait\ncapital ::: Paris";
        let got = line_cards(text);
        assert_eq!(
            got,
            [
                ("pH", "minus log", false, 0),
                ("in R `stats::sd(x)`", "no", false, 2),
                ("capital", "Paris", true, 9)
            ]
        );
    }

    #[test]
    fn anki_clozes_of_one_number_make_one_card() {
        let i = render("{{c1::Pearson's r}} measures a {{c1::linear}} fit, {{c2::−1::low}} to 1");
        let cards = cloze_cards(&i.text, &i.clozes, 64);
        let got: Vec<(&str, &str, usize)> = cards
            .iter()
            .map(|c| (c.question.as_str(), c.answer.as_str(), c.rank))
            .collect();
        assert_eq!(
            got,
            [
                ("[…] measures a […] fit, −1 to 1", "Pearson's r, linear", 1),
                ("Pearson's r measures a linear fit, [… low] to 1", "−1", 2),
            ]
        );
    }
}
