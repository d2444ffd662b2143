//! Text from notes and file names made safe to show: control characters (an escape sequence
//! that clears the screen or retitles the terminal, a carriage return that overwrites a line)
//! become visible symbols, so nothing a note holds reaches a terminal raw; and bytes as hex.

use std::borrow::Cow;

/// `bytes` as lower-case hex digits, two a byte.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(2 * bytes.len());
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// `s` with every control character but tab and line feed (and a carriage return ending a
/// line) shown as a visible symbol: C0 controls and DEL as their Unicode control pictures
/// (`ESC` → `␛`), C1 controls as `\u{9b}`.
pub fn visible_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden_control) && !has_lone_cr(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            '\r' => out.push('\u{240d}'),
            c if is_hidden_control(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// [`visible_controls`] of an owned string, reusing it when it is already safe.
pub fn visible(s: String) -> String {
    match visible_controls(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(safe) => safe,
    }
}

/// A control character a terminal acts on rather than shows (tab, line feed and carriage
/// return are looked at apart).
fn is_hidden_control(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b' | '\x0c' | '\x0e'..='\x1f' | '\x7f' | '\u{80}'..='\u{9f}')
}

fn has_lone_cr(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(b'\r', b).any(|at| b.get(at + 1) != Some(&b'\n'))
}

fn push_visible(out: &mut String, c: char) {
    match c {
        '\0'..='\x1f' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\x7f' => out.push('\u{2421}'),
        c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_stray_carriage_returns_become_visible() {
        assert_eq!(visible_controls("plain\ttext\n"), "plain\ttext\n");
        assert!(matches!(visible_controls("plain"), Cow::Borrowed(_)));
        assert_eq!(visible_controls("a\x1b[2Jb"), "a␛[2Jb");
        assert_eq!(visible_controls("\x1b]0;owned\x07"), "␛]0;owned␇");
        assert_eq!(visible_controls("line\r\nnext"), "line\r\nnext");
        assert_eq!(visible_controls("fake\rreal"), "fake␍real");
        assert_eq!(visible_controls("c1 \u{9b}2J"), "c1 \\u{9b}2J");
        assert_eq!(visible_controls("del\x7f"), "del␡");
    }
}
