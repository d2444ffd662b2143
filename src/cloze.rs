//! Clozes as text: the `{{c1::answer::hint}}` grammar that notes and Anki fields share (read
//! here once, for both), and a cloze card's question with its blanks filled in, as the answer
//! side shows it (the whole sentence with the hidden spans marked, as Anki shows it). Pure text.

/// A numbered cloze read from the inside of its braces: `c2::the answer::a hint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbered<'a> {
    /// None when it is too large to be a number (`c99999999999`).
    pub number: Option<u32>,
    /// The hidden text (clozes nested in it included).
    pub answer: &'a str,
    /// What follows the first `::` after the answer outside nested braces.
    pub hint: Option<&'a str>,
}

/// The cloze that `inner`, the text between `{{` and its matching `}}`, writes: `c`, a
/// number, `::`, the answer, then optionally `::` and a hint (a `::` inside a nested `{{…}}`
/// belongs to it). None for anything else (`c::x`, `cx::y`, another macro).
pub fn numbered(inner: &str) -> Option<Numbered<'_>> {
    let (number, at) = head(inner)?;
    let body = &inner[at..];
    Some(match outside_nested(body, b"::") {
        Some(h) => Numbered {
            number,
            answer: &body[..h],
            hint: Some(&body[h + 2..]),
        },
        None => Numbered {
            number,
            answer: body,
            hint: None,
        },
    })
}

/// Does a numbered cloze open `text`, the text just after a `{{` (`c2::…`)?
pub fn opens_numbered(text: &str) -> bool {
    head(text).is_some()
}

/// A numbered cloze's head at the start of `text`: `c`, a number, `::`. Its number (None when
/// too large to be one) and where its body starts.
fn head(text: &str) -> Option<(Option<u32>, usize)> {
    let rest = text.strip_prefix(['c', 'C'])?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || !rest[digits..].starts_with("::") {
        return None;
    }
    Some((rest[..digits].parse().ok(), 1 + digits + 2))
}

/// Where the first `target` (`}}`, `::`) stands in `text` outside the `{{…}}` nested in it.
pub fn outside_nested(text: &str, target: &[u8; 2]) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut at) = (0usize, 0);
    while at + 1 < bytes.len() {
        let pair = &bytes[at..at + 2];
        if depth == 0 && pair == target {
            return Some(at);
        }
        match pair {
            b"{{" => {
                depth += 1;
                at += 2;
            }
            b"}}" => {
                depth = depth.saturating_sub(1);
                at += 2;
            }
            _ => at += 1,
        }
    }
    None
}

/// The question with each blank (`[…]`, or `[… hint]`) replaced by its answer between `open`
/// and `close`. A card with several blanks has its answers joined by ", "; when they cannot be
/// told apart that way (an answer holding ", " itself), or the question has no blank, `None`:
/// show the answer alone.
pub fn fill(question: &str, answer: &str, open: &str, close: &str) -> Option<String> {
    let blanks = blanks(question);
    let parts: Vec<&str> = match blanks.len() {
        0 => return None,
        1 => vec![answer],
        n => {
            let parts: Vec<&str> = answer.split(", ").collect();
            if parts.len() != n {
                return None;
            }
            parts
        }
    };
    let mut out = String::with_capacity(question.len() + answer.len() + 8);
    let mut at = 0;
    for (blank, part) in blanks.iter().zip(parts) {
        out.push_str(&question[at..blank.start]);
        out.push_str(open);
        out.push_str(part);
        out.push_str(close);
        at = blank.end;
    }
    out.push_str(&question[at..]);
    Some(out)
}

/// Where the blanks of a question are: `[…]` and `[… hint]` (no `]` or line break in the hint).
fn blanks(question: &str) -> Vec<std::ops::Range<usize>> {
    const OPEN: &str = "[…";
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = question[from..].find(OPEN) {
        let start = from + i;
        let rest = &question[start + OPEN.len()..];
        let end = match rest.chars().next() {
            Some(']') => Some(start + OPEN.len() + 1),
            Some(' ') => rest
                .find([']', '\n'])
                .filter(|&j| rest.as_bytes()[j] == b']')
                .map(|j| start + OPEN.len() + j + 1),
            _ => None,
        };
        match end {
            Some(end) => {
                found.push(start..end);
                from = end;
            }
            None => from = start + OPEN.len(),
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cloze_grammar_reads_number_answer_and_hint() {
        let n = numbered("c2::a lock::what kind").unwrap();
        assert_eq!(
            (n.number, n.answer, n.hint),
            (Some(2), "a lock", Some("what kind"))
        );
        let n = numbered("C10::GIL").unwrap();
        assert_eq!((n.number, n.answer, n.hint), (Some(10), "GIL", None));
        // Too large a number is still a cloze, of no number.
        assert_eq!(numbered("c99999999999::x").unwrap().number, None);
        // A `::` inside a nested cloze is its own, not this one's hint.
        let n = numbered("c1::outer {{c2::inner::h}} end::hint").unwrap();
        assert_eq!(n.answer, "outer {{c2::inner::h}} end");
        assert_eq!(n.hint, Some("hint"));
        for not in ["c::x", "cx::y", "embed [[page]]", "c1:x", ""] {
            assert_eq!(numbered(not), None, "{not}");
            assert!(!opens_numbered(not), "{not}");
        }
        // The matching `}}` and the hint's `::` are found past nested braces.
        assert_eq!(outside_nested("c1::a {{c2::b}} c}} d", b"}}"), Some(17));
        assert_eq!(outside_nested("a {{c2::b::h}} c", b"::"), None);
    }

    #[test]
    fn one_blank_is_filled_with_the_answer() {
        assert_eq!(
            fill("the […] guards the interpreter", "GIL", "[", "]").as_deref(),
            Some("the [GIL] guards the interpreter")
        );
        assert_eq!(
            fill("[… a colour] is the sky", "blue, mostly", "*", "*").as_deref(),
            Some("*blue, mostly* is the sky"),
            "one blank: the answer whole, commas and all"
        );
    }

    #[test]
    fn several_blanks_take_the_answers_in_turn_or_give_up() {
        assert_eq!(
            fill("[…] measures a […] fit", "Pearson's r, linear", "<", ">").as_deref(),
            Some("<Pearson's r> measures a <linear> fit")
        );
        assert_eq!(fill("[…] and […]", "a, b, c", "<", ">"), None);
        assert_eq!(fill("no blank here", "x", "<", ">"), None);
        assert_eq!(
            fill("not a blank: [… unclosed", "x", "<", ">"),
            None,
            "a hint that never closes is no blank"
        );
    }
}
