//! Residue: what the notes' tools leave in a block's text that a card must not show, taken out
//! of both sides of every card and of its context line. Outside code (fences and code spans):
//! attribute maps (`{:height 300, :width 400}`, Kramdown's `{: .class}`), hiccup
//! (`[:small "x"]`), `> ` quote markers, tags at the end of a line
//! (`… #toExpand`), an empty code fence, and a dangling label as the last line (`Summary:`,
//! `For example:` with nothing after it).

use std::borrow::Cow;

/// A line ending in one of these, with nothing after it, announces what is not there.
const DANGLING: &[char] = &[':', '：'];

/// `text` without residue (see the module comment); borrowed when there is none.
pub(super) fn tidy(text: &str) -> Cow<'_, str> {
    tidy_with(text, true)
}

/// [`tidy`], leaving tags at the ends of lines and a dangling last line where `tags` is false:
/// a question's `in #python` says something, and its lead-in `Complete this:` asks.
pub(super) fn tidy_with(text: &str, tags: bool) -> Cow<'_, str> {
    if !may_hold(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<(char, usize)> = None;
    let mut fence_at: Option<usize> = None;
    for line in text.split('\n') {
        let t = line.trim_start();
        let ticks = t.chars().take_while(|&c| c == '`' || c == '~').count();
        if ticks >= 3 && t.chars().take(ticks).all(|c| t.starts_with(c)) {
            let marker = t.chars().next().unwrap_or('`');
            match fence {
                None => {
                    fence = Some((marker, ticks));
                    fence_at = Some(out.len());
                }
                Some((m, n)) if m == marker && ticks >= n && t.trim_end().len() == ticks => {
                    fence = None;
                    // An empty code block is nothing to show.
                    if let Some(at) = fence_at.take() {
                        if out[at..].lines().count() <= 1 {
                            out.truncate(at);
                            continue;
                        }
                    }
                }
                Some(_) => {}
            }
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if fence.is_some() {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let cleaned = clean_line(line, tags);
        let kept = cleaned.trim_end();
        if kept.trim().is_empty() && !line.trim().is_empty() {
            continue; // a line that was only residue
        }
        // A list item that is a label with nothing under it (`- Default List:`), followed by
        // an item no deeper than itself.
        if let Some(prev) = out.trim_end_matches('\n').rsplit('\n').next() {
            let depth = |l: &str| l.len() - l.trim_start().len();
            let p = prev.trim_start();
            let item = p.strip_prefix("- ").or_else(|| p.strip_prefix("* "));
            if item.is_some_and(|t| t.ends_with(DANGLING) && t.chars().count() <= 60)
                && depth(kept) <= depth(prev)
                && kept.trim_start().starts_with(['-', '*'])
            {
                let cut = out.trim_end_matches('\n').len() - prev.len();
                out.truncate(cut);
            }
        }
        out.push_str(kept);
        out.push('\n');
    }
    // Lines that were blank stay single; the end is trimmed of blank lines.
    while out.ends_with('\n') {
        out.pop();
    }
    // A dangling label as the last line (with more before it) goes; a question keeps its
    // lead-in (`Complete the Python:` above its code).
    while tags && !out.is_empty() {
        let last = out.rsplit('\n').next().unwrap_or("");
        let l = last.trim();
        let l = l
            .strip_prefix("- ")
            .or_else(|| l.strip_prefix("* "))
            .unwrap_or(l);
        let label = (l.ends_with(DANGLING) && l.chars().count() <= 60 && !l.contains("::"))
            || is_pointer_line(l);
        let cut = out.len() - last.len();
        if !label || cut == 0 {
            break;
        }
        out.truncate(cut);
        while out.ends_with('\n') {
            out.pop();
        }
    }
    Cow::Owned(out)
}

/// A cheap look for anything [`tidy`] would take out, in one pass over the bytes: `{:`/`[:`, a
/// tag's `#` after a space, `(` or a line's start, `>` starting a line, a fence, a line ending in
/// a colon.
fn may_hold(text: &str) -> bool {
    let b = text.as_bytes();
    // Only blanks since the line began.
    let mut line_start = true;
    for (k, &c) in b.iter().enumerate() {
        let next = b.get(k + 1).copied();
        match c {
            b'\n' => {
                if b[..k].ends_with(b":") || b[..k].ends_with("：".as_bytes()) {
                    return true;
                }
                line_start = true;
                continue;
            }
            b' ' | b'\t' => continue,
            b'{' | b'[' if next == Some(b':') => return true,
            b'#' if (line_start || matches!(b[k - 1], b' ' | b'('))
                && next.is_some_and(|n| n.is_ascii_alphabetic()) =>
            {
                return true
            }
            b'>' if line_start => return true,
            b'`' | b'~' if b[k..].starts_with(b"```") || b[k..].starts_with(b"~~~") => return true,
            _ => {}
        }
        line_start = false;
    }
    text.contains('\n')
        && (text.trim_end().ends_with(DANGLING)
            || text
                .trim_end()
                .rsplit('\n')
                .next()
                .is_some_and(is_pointer_line))
}

/// A line that only sends the reader elsewhere, its link gone: `Learn more here`, `Read more on
/// Organizations here`, `More about it`, `See: Unofficial bash strict mode` (a cheat sheet's
/// link to its source, the address gone).
fn is_pointer_line(line: &str) -> bool {
    const OPENINGS: [&str; 10] = [
        "see: ",
        "see also",
        "learn more",
        "read more",
        "more on ",
        "more about ",
        "more info",
        "see more",
        "find out more",
        "click here",
    ];
    let l = line.trim().trim_end_matches(['.', '!', ':']);
    l.len() <= 60
        && OPENINGS.iter().any(|o| {
            l.get(..o.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(o))
        })
}

/// One line outside code, without residue.
fn clean_line(line: &str, tags: bool) -> String {
    let mut rest = line;
    // `> ` quote markers (nested ones too).
    let indent = rest.len() - rest.trim_start().len();
    let mut out = String::with_capacity(line.len());
    out.push_str(&rest[..indent]);
    rest = &rest[indent..];
    while let Some(r) = rest.strip_prefix('>') {
        rest = r.strip_prefix(' ').unwrap_or(r);
    }
    let b = rest.as_bytes();
    // Text is copied in runs between the bytes that may start residue (all ASCII, so a run
    // always ends on a character boundary).
    let (mut k, mut from, mut code) = (0, 0, false);
    let last_space = rest.rfind(' ');
    while k < b.len() {
        let c = b[k];
        if c == b'`' {
            code = !code;
        } else if !code && matches!(c, b'{' | b'[' | b'#') {
            let skip = residue_at(&rest[k..]).or_else(|| {
                // A tag inside a sentence reads as its word (`leverage #duck type to …`).
                (c == b'#'
                    && (k == 0 || b[k - 1] == b' ' || b[k - 1] == b'(')
                    && b.get(k + 1).is_some_and(u8::is_ascii_alphabetic)
                    && last_space.is_some_and(|at| at > k))
                .then_some(1)
            });
            if let Some(len) = skip {
                out.push_str(&rest[from..k]);
                k += len;
                from = k;
                continue;
            }
        }
        k += 1;
    }
    out.push_str(&rest[from..]);
    // What residue left at the start of the line.
    if out.len() > indent && out[indent..].starts_with(' ') {
        let body = out[indent..].trim_start().to_string();
        out.truncate(indent);
        out.push_str(&body);
    }
    // Tags at the end of the line (`… #toExpand #maybe`); a line of tags only stays empty.
    if !tags {
        return out;
    }
    loop {
        let t = out.trim_end();
        let Some(at) = t.rfind(' ').map(|a| a + 1).or(Some(0)) else {
            break;
        };
        let word = &t[at..];
        let tag = word.len() > 1
            && word.starts_with('#')
            && word[1..]
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
            && !word[1..].chars().all(|c| c.is_ascii_digit());
        if tag && (at > 0 || t.len() == out.trim().len()) {
            out.truncate(at);
        } else {
            break;
        }
    }
    out
}

/// The length of the residue that starts `s`, if any: an attribute map `{:…}` or hiccup `[:tag …]`
/// (the caller knows it is outside code).
fn residue_at(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    match (b.first(), b.get(1)) {
        (Some(b'{'), Some(b':')) => balanced(s, b'{', b'}'),
        (Some(b'['), Some(b':')) if b.get(2).is_some_and(u8::is_ascii_alphabetic) => {
            balanced(s, b'[', b']')
        }
        _ => None,
    }
}

/// The length of the bracketed run that starts `s` (nesting counted), at most 300 bytes.
fn balanced(s: &str, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0usize;
    for (k, &c) in s.as_bytes().iter().enumerate().take(300) {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(k + 1);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{tidy, tidy_with};

    #[test]
    fn residue_goes() {
        assert_eq!(tidy("a cat {:height 300, :width 400}"), "a cat");
        assert_eq!(tidy("code\n{: data-line=\"1\"}"), "code");
        assert_eq!(tidy("[:small \"\"] fine print"), "fine print");
        assert_eq!(
            tidy_with("duck type in #python", false),
            "duck type in #python"
        );
        assert_eq!(
            tidy("> Basic elements of a language"),
            "Basic elements of a language"
        );
        assert_eq!(tidy("judged by fluency #toExpand"), "judged by fluency");
        assert_eq!(
            tidy("leverage #duck type to mimic"),
            "leverage duck type to mimic"
        );
        assert_eq!(tidy("first\nFor example:"), "first");
        assert_eq!(
            tidy_with("Complete it:\ndef f(x):", false),
            "Complete it:\ndef f(x):"
        );
        assert_eq!(tidy("Paris\n#geography"), "Paris");
        assert_eq!(tidy("- name: job name\n- chdir:"), "- name: job name");
        assert_eq!(tidy("- a\n  - b:\n- c"), "- a\n- c");
        assert_eq!(tidy("```\n```"), "");
        assert_eq!(tidy("text\n```\n```"), "text");
        // A pointer whose link is gone, at the end of an answer.
        assert_eq!(
            tidy("Amazon's words: a document database.\n\nLearn more here"),
            "Amazon's words: a document database."
        );
        assert_eq!(
            tidy("It defines who does what.\n\nMore on the shared responsibility model here"),
            "It defines who does what."
        );
        assert_eq!(
            tidy("```bash\nset -eu\n```\n\nSee: Unofficial bash strict mode"),
            "```bash\nset -eu\n```"
        );
        assert_eq!(tidy("Learn more here"), "Learn more here");
        assert_eq!(
            tidy("first\nmore often than not, it works"),
            "first\nmore often than not, it works"
        );
    }

    #[test]
    fn long_lines_of_markers_are_read_once() {
        // Each of these was quadratic once: `>` after text, `#` after `(`, dangling lines.
        let arrows = "a>".repeat(200_000);
        assert_eq!(tidy(&arrows).len(), arrows.len());
        let tags = "(#a".repeat(200_000);
        assert!(!tidy(&tags).is_empty());
        let labels = format!("{}{}", "x".repeat(200_000), "\na:".repeat(100_000));
        assert_eq!(tidy(&labels), "x".repeat(200_000));
    }

    #[test]
    fn code_and_real_text_stay() {
        for t in [
            "`{:a 1}` is a map",
            "```clojure\n{:a 1}\n[:div \"x\"]\n```",
            "C# and F#",
            "#1 rule",
            "issue #12 is open",
            "a > b",
            "Summary: the gist",
            "Term:",
        ] {
            assert_eq!(tidy(t), t, "{t}");
        }
    }
}
