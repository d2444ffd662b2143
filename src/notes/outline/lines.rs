//! One line at a time: what a line opens or closes (a bullet, a heading, a fence, an org block,
//! a thematic break), its indentation, a task marker, a property line, a bold pair.

/// Columns a tab advances to (the next multiple of this). Only relative indentation matters,
/// so any fixed width works for tab-indented Logseq files and 2/4-space Markdown lists alike.
pub(super) const TAB_WIDTH: usize = 4;

/// What a `#+BEGIN_x` line opens.
pub(super) enum Begin<'a> {
    /// Code (`SRC lang`, `EXAMPLE`, `QUERY`): a fence with this info string.
    Code {
        end: &'static str,
        info: &'a str,
    },
    Quote {
        end: &'static str,
        label: Option<&'static str>,
    },
    Comment,
    /// Any other kind (`CENTER`, `VERSE`, ...): its lines are plain text.
    Plain,
}

/// Reads a `#+BEGIN_x ...` line.
pub(super) fn begin_line(t: &str) -> Option<Begin<'_>> {
    if t.len() < 9 || !t.as_bytes()[..8].eq_ignore_ascii_case(b"#+BEGIN_") {
        return None;
    }
    let rest = &t[8..];
    let (kind, args) = rest.split_once([' ', '\t']).unwrap_or((rest, ""));
    let kind = kind.to_ascii_uppercase();
    Some(match kind.as_str() {
        "SRC" => Begin::Code {
            end: "SRC",
            info: args.split_whitespace().next().unwrap_or(""),
        },
        "EXAMPLE" => Begin::Code {
            end: "EXAMPLE",
            info: "",
        },
        "EXPORT" => Begin::Code {
            end: "EXPORT",
            info: "",
        },
        "QUERY" => Begin::Code {
            end: "QUERY",
            info: "query",
        },
        "QUOTE" => Begin::Quote {
            end: "QUOTE",
            label: None,
        },
        "VERSE" => Begin::Quote {
            end: "VERSE",
            label: None,
        },
        "NOTE" => Begin::Quote {
            end: "NOTE",
            label: Some("Note"),
        },
        "TIP" => Begin::Quote {
            end: "TIP",
            label: Some("Tip"),
        },
        "IMPORTANT" => Begin::Quote {
            end: "IMPORTANT",
            label: Some("Important"),
        },
        "WARNING" => Begin::Quote {
            end: "WARNING",
            label: Some("Warning"),
        },
        "CAUTION" => Begin::Quote {
            end: "CAUTION",
            label: Some("Caution"),
        },
        "PINNED" => Begin::Quote {
            end: "PINNED",
            label: Some("Pinned"),
        },
        "COMMENT" => Begin::Comment,
        _ => Begin::Plain,
    })
}

/// `#+END_<kind>` (any case).
pub(super) fn is_end_line(t: &str, kind: &str) -> bool {
    t.len() == 6 + kind.len()
        && t.as_bytes()[..6].eq_ignore_ascii_case(b"#+END_")
        && t[6..].eq_ignore_ascii_case(kind)
}

pub(super) fn is_end_line_any(t: &str) -> bool {
    t.len() > 6
        && t.as_bytes()[..6].eq_ignore_ascii_case(b"#+END_")
        && t[6..].bytes().all(|b| b.is_ascii_alphabetic())
}

/// Task keywords of Logseq and org (upper-case, as both write them).
pub(super) const TASK_MARKERS: [&str; 12] = [
    "TODO",
    "DOING",
    "DONE",
    "LATER",
    "NOW",
    "WAITING",
    "WAIT",
    "CANCELED",
    "CANCELLED",
    "IN-PROGRESS",
    "STARTED",
    "DELEGATED",
];

/// `TODO rest`, `DONE: rest`, `LATER [#A] rest` → `rest` (the block is a task).
pub(crate) fn task_marker(text: &str) -> Option<&str> {
    let word_len = text
        .bytes()
        .take_while(|b| b.is_ascii_uppercase() || *b == b'-')
        .count();
    if word_len == 0 || !TASK_MARKERS.contains(&&text[..word_len]) {
        return None;
    }
    let rest = &text[word_len..];
    let rest = match rest.as_bytes().first() {
        None => rest,
        Some(b' ' | b'\t') => rest,
        Some(b':') => &rest[1..],
        _ => return None,
    };
    let rest = rest.trim_start();
    // A priority cookie: `[#A]`.
    let rest = match rest.strip_prefix("[#") {
        Some(r) if r.len() >= 2 && r.as_bytes()[1] == b']' => r[2..].trim_start(),
        _ => rest,
    };
    Some(rest)
}

/// A Markdown task list checkbox (`[ ] rest`, `[x] rest`) → `rest`.
pub(super) fn checkbox(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    if b.len() >= 3
        && b[0] == b'['
        && b[2] == b']'
        && matches!(b[1], b' ' | b'x' | b'X' | b'-' | b'/')
        && matches!(b.get(3), None | Some(b' ' | b'\t'))
    {
        Some(text[3..].trim_start())
    } else {
        None
    }
}

/// Leading whitespace as (columns, bytes).
pub(super) fn indentation(line: &str) -> (usize, usize) {
    let mut col = 0;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b' ' => col += 1,
            b'\t' => col = (col / TAB_WIDTH + 1) * TAB_WIDTH,
            _ => return (col, i),
        }
    }
    (col, line.len())
}

/// Removes up to `cols` columns of indentation, keeping what a tab covers beyond them.
pub(super) fn strip_columns(line: &str, cols: usize) -> std::borrow::Cow<'_, str> {
    let mut col = 0;
    for (i, b) in line.bytes().enumerate() {
        if col >= cols {
            return std::borrow::Cow::Borrowed(&line[i..]);
        }
        match b {
            b' ' => col += 1,
            b'\t' => {
                col = (col / TAB_WIDTH + 1) * TAB_WIDTH;
                if col > cols {
                    let mut s = " ".repeat(col - cols);
                    s.push_str(&line[i + 1..]);
                    return std::borrow::Cow::Owned(s);
                }
            }
            _ => return std::borrow::Cow::Borrowed(&line[i..]),
        }
    }
    std::borrow::Cow::Borrowed("")
}

/// Length of a list marker and the space after it (`- `, `* `, `+ `, `12. `, `3) `), or `None`.
/// A marker alone on its line (an empty Logseq bullet) counts too.
pub(super) fn bullet_marker(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let marker = match b.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    match b.get(marker) {
        None => Some(marker),
        Some(b' ' | b'\t') => Some(marker + 1),
        _ => None,
    }
}

/// `#`..`######` followed by a space (or nothing): an ATX heading.
pub(super) fn heading_level(rest: &str) -> Option<u8> {
    let hashes = rest.bytes().take_while(|&c| c == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    match rest.as_bytes().get(hashes) {
        None | Some(b' ' | b'\t') => Some(hashes as u8),
        _ => None,
    }
}

pub(super) fn is_thematic_break(rest: &str) -> bool {
    let t = rest.trim_end();
    let Some(c) = t.bytes().next() else {
        return false;
    };
    matches!(c, b'-' | b'*' | b'_')
        && t.bytes().filter(|&b| b == c).count() >= 3
        && t.bytes().all(|b| b == c || b == b' ' || b == b'\t')
}

/// In a Markdown note, is this `key:: value` line a card in the `Term:: what it means` syntax of
/// Obsidian's flashcard plugins rather than a Dataview field? A field has a lower-case key
/// (`rating:: 5`, `source:: [[Book]] ch. 2`) or a value of one or two words (`Status:: done`);
/// a card's term is capitalised (`TER::`, `Tiebreak::`) and its answer says something.
pub(crate) fn is_card_field(key: &str, value: &str) -> bool {
    key.chars().next().is_some_and(char::is_uppercase) && value.split_whitespace().nth(2).is_some()
}

/// `key:: value`: a key of any characters but white space and `:` (Logseq accepts `-icon`,
/// `draft?`, `+hide`, `a.b/c`) directly followed by `::` and then white space or the end.
pub(crate) fn property_line(text: &str) -> Option<(&str, &str)> {
    let b = text.as_bytes();
    // The key ends at the first colon: most lines have none, and are out at once.
    let key_len = memchr::memchr(b':', b)?;
    if key_len == 0
        || b.get(key_len + 1) != Some(&b':')
        || b[..key_len].iter().any(u8::is_ascii_whitespace)
    {
        return None;
    }
    let key = &text[..key_len];
    let after = &text[key_len + 2..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some((key, after.trim()))
}

/// Byte offset of the first `pair` (two equal ASCII bytes, like `::` or `{{`) at or after
/// `from`. A `memchr` search: the two-way `str::find` setup costs more than these short lines.
pub(crate) fn find_pair(text: &str, from: usize, byte: u8) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = from;
    while i + 1 < b.len() {
        let at = i + memchr::memchr(byte, &b[i..])?;
        if b.get(at + 1) == Some(&byte) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// A fence opener (```` ``` ```` or `~~~`, three or more, up to 3 spaces in) as (marker, length).
pub(super) fn fence_opener(text: &str) -> Option<(u8, usize)> {
    let t = text.trim_start_matches(' ');
    if text.len() - t.len() > 3 {
        return None;
    }
    let marker = *t.as_bytes().first()?;
    if marker != b'`' && marker != b'~' {
        return None;
    }
    let len = t.bytes().take_while(|&c| c == marker).count();
    if len < 3 || (marker == b'`' && t[len..].contains('`')) {
        return None;
    }
    Some((marker, len))
}

pub(super) fn closes_fence(text: &str, marker: u8, len: usize) -> bool {
    let t = text.trim();
    let n = t.bytes().take_while(|&c| c == marker).count();
    n >= len && n == t.len()
}
