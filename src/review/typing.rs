//! `--type`: compare what the person typed with the expected answer, character by character,
//! and propose a grade. Pure functions; the UIs show the result.

use crate::schedule::Rating;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use similar::{ChangeTag, TextDiff};

/// A typed answer at least this similar (normalised Levenshtein) to the expected one, but not
/// equal, proposes Hard; below it, Again.
pub const NEAR_MISS: f64 = 0.8;

/// One run of the comparison.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Typed as expected.
    Same(String),
    /// Expected, but not typed.
    Missing(String),
    /// Typed, but not expected.
    Extra(String),
}

/// The answer's words without Markdown markup, on one line (list items joined by `; `).
pub fn plain(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            // Between blocks and list items (a nested list starts inside its parent item).
            Event::Start(Tag::Item)
            | Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::CodeBlock,
            ) if !out.is_empty() && !out.ends_with("; ") => out.push_str("; "),
            _ => {}
        }
    }
    out.trim_end_matches("; ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn normalize(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The character diff of `typed` against `expected` (case and spacing count as typed).
pub fn compare(expected: &str, typed: &str) -> Vec<Piece> {
    let diff = TextDiff::from_chars(expected, typed);
    let mut pieces: Vec<Piece> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        let same_kind = matches!(
            (pieces.last(), change.tag()),
            (Some(Piece::Same(_)), ChangeTag::Equal)
                | (Some(Piece::Missing(_)), ChangeTag::Delete)
                | (Some(Piece::Extra(_)), ChangeTag::Insert)
        );
        if same_kind {
            if let Some(Piece::Same(s) | Piece::Missing(s) | Piece::Extra(s)) = pieces.last_mut() {
                s.push_str(text);
            }
        } else {
            pieces.push(match change.tag() {
                ChangeTag::Equal => Piece::Same(text.to_string()),
                ChangeTag::Delete => Piece::Missing(text.to_string()),
                ChangeTag::Insert => Piece::Extra(text.to_string()),
            });
        }
    }
    pieces
}

/// The grade a typed answer suggests: Good when it matches (case and spacing aside), Hard when
/// it is close, Again otherwise.
pub fn proposed_grade(expected: &str, typed: &str) -> Rating {
    let (e, t) = (normalize(expected), normalize(typed));
    if e == t {
        Rating::Good
    } else if strsim::normalized_levenshtein(&e, &t) >= NEAR_MISS {
        Rating::Hard
    } else {
        Rating::Again
    }
}

/// The diff as text without colour: `[-missing-]` and `{+extra+}`.
pub fn marked(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Same(s) => s.clone(),
            Piece::Missing(s) => format!("[-{s}-]"),
            Piece::Extra(s) => format!("{{+{s}+}}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_of_an_answer() {
        assert_eq!(
            plain("forward the **source** `name`"),
            "forward the source name"
        );
        assert_eq!(plain("- a\n- b\n  - c"), "a; b; c");
    }

    #[test]
    fn diff_marks_what_was_missed_and_added() {
        let p = compare("forward the source name", "forward the name!");
        assert_eq!(marked(&p), "forward the [-source -]name{+!+}");
    }

    #[test]
    fn grades_from_typed_answers() {
        assert_eq!(
            proposed_grade("Sync Shared State", "sync  shared state"),
            Rating::Good
        );
        assert_eq!(
            proposed_grade(
                "sync shared state between threads",
                "sync shared state betwen threads"
            ),
            Rating::Hard
        );
        assert_eq!(
            proposed_grade("sync shared state", "no idea"),
            Rating::Again
        );
    }
}
