//! Org-mode notes (`.org`, plain Emacs files and Logseq org pages) → the Markdown the outline
//! parser reads, line for line, so every block keeps its line number.
//!
//! - `#+TITLE:`, `#+FILETAGS:` and other `#+KEY:` lines before the first heading become page
//!   properties (`title:: …`, `tags:: a, b`); later ones and `# comments` are dropped.
//! - `*`, `**`, … headings become `#`, `##`, … (at most six); trailing `:tag:tags:` become `#tag`s.
//! - `:PROPERTIES:` drawers become `key:: value` lines of the heading or item above them;
//!   other drawers (`:LOGBOOK:` …) and planning lines (`SCHEDULED:`, `DEADLINE:`, `CLOSED:`)
//!   are dropped.
//! - `*bold*`, `/italic/`, `=verbatim=`, `~code~`, `+strike+` become `**bold**`, `*italic*`,
//!   `` `code` ``, `~~strike~~`; `[[target][text]]` becomes `[text](target)`, and `[[file:a.png]]`
//!   an image, `![](a.png)`; citations (`[cite:@key]`) and footnote marks (`[fn:1]`) go.
//! - `#+BEGIN_SRC` … blocks are kept as they are (the outline parser reads them as code), and
//!   their lines are never rewritten.

/// Translates org text to outline-ready Markdown with the same number of lines.
pub fn to_markdown(src: &str) -> String {
    let mut out = String::with_capacity(src.len() + src.len() / 8);
    let mut seen_content = false;
    // Inside `#+BEGIN_x`: the uppercase `x` whose `#+END_x` closes it.
    let mut block: Option<String> = None;
    let mut drawer: Option<bool> = None; // Some(true): a :PROPERTIES: drawer
    for (i, raw) in src.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let t = line.trim();
        if let Some(kind) = &block {
            if t.len() > 6
                && t.as_bytes()[..6].eq_ignore_ascii_case(b"#+END_")
                && t.as_bytes()[6..].eq_ignore_ascii_case(kind.as_bytes())
            {
                block = None;
            }
            out.push_str(line);
            continue;
        }
        if let Some(props) = drawer {
            if t.eq_ignore_ascii_case(":END:") {
                drawer = None;
            } else if props {
                property_line(line, t, &mut out);
            }
            continue;
        }
        if t.len() > 8 && t.as_bytes()[..8].eq_ignore_ascii_case(b"#+BEGIN_") {
            // `#+BEGIN_` is ASCII, so byte 8 starts a character.
            let kind = t[8..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            block = Some(kind);
            seen_content = true;
            out.push_str(line);
            continue;
        }
        if let Some(rest) = t.strip_prefix("#+") {
            // `#+KEY: value` settings: page properties at the top, dropped elsewhere.
            if !seen_content {
                setting_line(rest, &mut out);
            }
            continue;
        }
        if line.starts_with("# ") || line == "#" {
            continue; // a comment
        }
        if is_drawer_start(t) {
            drawer = Some(t.eq_ignore_ascii_case(":PROPERTIES:"));
            continue;
        }
        if is_planning_line(t) {
            continue;
        }
        if let Some(level) = heading_level(line) {
            seen_content = true;
            heading_line(&line[level..], level, &mut out);
            continue;
        }
        if !t.is_empty() {
            seen_content = true;
        }
        inline(line, &mut out);
    }
    out
}

/// A `:KEY: value` line of a properties drawer as a `key:: value` line, indented under the
/// heading or item above it.
fn property_line(line: &str, t: &str, out: &mut String) {
    if let Some((k, v)) = drawer_property(t) {
        out.push_str(&indent_of(line).replace('\t', "    "));
        out.push_str("  ");
        out.push_str(&k.to_ascii_lowercase());
        out.push_str(":: ");
        out.push_str(v);
    }
}

/// A `#+KEY: value` setting (`rest` follows the `#+`) as a page property; `#+FILETAGS:
/// :a:b:` as `tags:: a, b`.
fn setting_line(rest: &str, out: &mut String) {
    let Some((k, v)) = rest.split_once(':') else {
        return;
    };
    let key = k.trim().to_ascii_lowercase();
    let value = v.trim();
    if key.is_empty() || value.is_empty() || key.contains(char::is_whitespace) {
        return;
    }
    if key == "filetags" {
        let tags: Vec<&str> = value.split(':').filter(|s| !s.trim().is_empty()).collect();
        out.push_str("tags:: ");
        out.push_str(&tags.join(", "));
    } else {
        out.push_str(&key);
        out.push_str(":: ");
        out.push_str(value);
    }
}

/// A heading of `level` stars (`rest` follows them) as a Markdown heading, its `:tags:` as
/// `#tag`s.
fn heading_line(rest: &str, level: usize, out: &mut String) {
    let (title, tags) = split_heading_tags(rest.trim_start());
    out.push_str(&"#".repeat(level.min(6)));
    out.push(' ');
    inline(title, out);
    // Org's own switches (`:noexport:`, `:ATTACH:`) steer export and attachments; they name no
    // topic, so they are no tags.
    for tag in tags.into_iter().filter(|t| !is_org_switch(t)) {
        out.push_str(" #");
        out.push_str(tag);
    }
}

/// A heading tag that is an instruction to org itself, not a topic.
fn is_org_switch(tag: &str) -> bool {
    [
        "noexport", "export", "ignore", "attach", "archive", "crypt", "toc",
    ]
    .iter()
    .any(|s| s.eq_ignore_ascii_case(tag))
}

fn indent_of(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// `*** Title` at the start of a line: its level.
fn heading_level(line: &str) -> Option<usize> {
    let stars = line.bytes().take_while(|&b| b == b'*').count();
    (stars > 0 && matches!(line.as_bytes().get(stars), Some(b' ' | b'\t'))).then_some(stars)
}

/// `Title   :tag:other:` → (`Title`, [`tag`, `other`]).
fn split_heading_tags(rest: &str) -> (&str, Vec<&str>) {
    let t = rest.trim_end();
    if let Some(last) = t.split_whitespace().next_back() {
        if last.len() > 2
            && last.starts_with(':')
            && last.ends_with(':')
            && last[1..last.len() - 1].split(':').all(|s| {
                !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || "_@#%".contains(c))
            })
        {
            let title = t[..t.len() - last.len()].trim_end();
            return (title, last[1..last.len() - 1].split(':').collect());
        }
    }
    (t, Vec::new())
}

/// `:NAME:` alone on a line opens a drawer.
pub(crate) fn is_drawer_start(t: &str) -> bool {
    t.len() > 2
        && t.starts_with(':')
        && t.ends_with(':')
        && !t.eq_ignore_ascii_case(":END:")
        && t[1..t.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_alphabetic() || b == b'_' || b == b'-')
}

/// `:KEY: value` inside a properties drawer.
pub(crate) fn drawer_property(t: &str) -> Option<(&str, &str)> {
    let rest = t.strip_prefix(':')?;
    let (k, v) = rest.split_once(':')?;
    let k = k.trim_end_matches('+');
    (!k.is_empty() && !k.contains(char::is_whitespace)).then_some((k, v.trim()))
}

/// `SCHEDULED: <…>`, `DEADLINE: <…>`, `CLOSED: […]`, alone or together on one line.
pub(crate) fn is_planning_line(t: &str) -> bool {
    ["SCHEDULED:", "DEADLINE:", "CLOSED:"]
        .iter()
        .any(|k| t.starts_with(k))
}

/// A link target org shows as an image: a file with an image's extension.
fn is_image_path(path: &str) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    !path.contains("://")
        && ["png", "jpg", "jpeg", "gif", "svg", "webp"]
            .iter()
            .any(|e| ext.eq_ignore_ascii_case(e))
}

/// Rewrites org inline markup of one line into Markdown, appending to `out`.
fn inline(line: &str, out: &mut String) {
    if line.trim_start().starts_with('|') {
        out.push_str(line); // a table row: `|---+---|` is no strike-through
        return;
    }
    let b = line.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    // Closers found missing after some point are missing after any later one too: each is
    // looked for once at most, so a line of openers costs no quadratic scan.
    let mut no_link_close = false;
    let mut no_bracket_close = false;
    let mut no_closer = [false; 128];
    while i < b.len() {
        let c = b[i];
        // [[target][text]] → [text](target); [[file:a.png]] (or [[./a.png]]) → ![](a.png), an
        // image; another [[target]] stays a wiki link.
        if c == b'[' && b.get(i + 1) == Some(&b'[') && !no_link_close {
            let found = memchr::memmem::find(&b[i + 2..], b"]]");
            no_link_close = found.is_none();
            if let Some(close) = found {
                let inner = &line[i + 2..i + 2 + close];
                let link = match inner.split_once("][") {
                    Some((target, text)) => Some((target, text, "")),
                    None => {
                        let path = inner.strip_prefix("file:").unwrap_or(inner);
                        is_image_path(path).then_some((path, "", "!"))
                    }
                };
                if let Some((target, text, bang)) = link {
                    out.push_str(&line[copied..i]);
                    out.push_str(bang);
                    out.push('[');
                    out.push_str(text);
                    out.push_str("](");
                    out.push_str(&target.replace(' ', "%20"));
                    out.push(')');
                    i += 2 + close + 2;
                    copied = i;
                    continue;
                }
                i += 2 + close + 2;
                continue;
            }
        }
        // A citation, `[cite:@key]`, and a footnote's mark, `[fn:1]`: references to a list
        // elsewhere, nothing to recall; they go.
        if c == b'['
            && !no_bracket_close
            && (line[i..].starts_with("[cite") || line[i..].starts_with("[fn:"))
        {
            let found = memchr::memchr(b']', &b[i..]);
            no_bracket_close = found.is_none();
            if let Some(close) = found {
                out.push_str(line[copied..i].trim_end_matches(' '));
                i += close + 1;
                copied = i;
                continue;
            }
        }
        let markup = match c {
            b'*' => Some(("**", "**")),
            b'/' => Some(("*", "*")),
            b'=' | b'~' => Some(("`", "`")),
            b'+' => Some(("~~", "~~")),
            _ => None,
        };
        if let Some((open, close)) = markup {
            let pre_ok = i == 0 || {
                let p = b[i - 1];
                p.is_ascii_whitespace() || b"-({'\"".contains(&p)
            };
            if pre_ok && !no_closer[c as usize] {
                let end = emphasis_end(line, i, c);
                no_closer[c as usize] = end == Err(Miss::NoCloser);
                if let Ok(end) = end {
                    out.push_str(&line[copied..i]);
                    out.push_str(open);
                    out.push_str(&line[i + 1..end]);
                    out.push_str(close);
                    i = end + 1;
                    copied = i;
                    continue;
                }
            }
        }
        i += 1;
    }
    out.push_str(&line[copied..]);
}

/// Why an emphasis marker opens nothing.
#[derive(Debug, PartialEq, Eq)]
enum Miss {
    /// A space or the same marker follows it.
    NotOpened,
    /// No closer follows at all (so none follows any later opener either).
    NoCloser,
}

/// Where the emphasis opened by `marker` at `start` closes: the next `marker` after a
/// non-space and before a space, punctuation or the end of the line; the body is not empty.
fn emphasis_end(line: &str, start: usize, marker: u8) -> Result<usize, Miss> {
    let b = line.as_bytes();
    match b.get(start + 1) {
        Some(&first) if !first.is_ascii_whitespace() && first != marker => {}
        _ => return Err(Miss::NotOpened),
    }
    (start + 2..b.len())
        .find(|&k| {
            b[k] == marker
                && !b[k - 1].is_ascii_whitespace()
                && b.get(k + 1)
                    .is_none_or(|&a| a.is_ascii_whitespace() || b"-.,:!?;'\")}[".contains(&a))
        })
        .ok_or(Miss::NoCloser)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_kept_one_for_one() {
        let src = "#+TITLE: Emacs\n* A\n:PROPERTIES:\n:ID: x1\n:END:\ntext\n** TODO b\nSCHEDULED: <2026-02-14 Sat>\n";
        let md = to_markdown(src);
        assert_eq!(md.split('\n').count(), src.split('\n').count());
        assert_eq!(md, "title:: Emacs\n# A\n\n  id:: x1\n\ntext\n## TODO b\n\n");
    }

    #[test]
    fn file_tags_become_page_tags() {
        assert_eq!(
            to_markdown("#+FILETAGS: :emacs:tools:\n"),
            "tags:: emacs, tools\n"
        );
    }

    #[test]
    fn inline_markup() {
        assert_eq!(
            to_markdown("A *buffer* holds =C-x b= and /this/ and ~code~ and +gone+."),
            "A **buffer** holds `C-x b` and *this* and `code` and ~~gone~~."
        );
        assert_eq!(
            to_markdown("see [[https://orgmode.org/manual][the manual]] or [[Page]]"),
            "see [the manual](https://orgmode.org/manual) or [[Page]]"
        );
        assert_eq!(
            to_markdown("[[file:images/a b.png]] and [[./c.JPG]], not [[file:notes.org]]"),
            "![](images/a%20b.png) and ![](./c.JPG), not [[file:notes.org]]"
        );
        assert_eq!(
            to_markdown("as shown [cite:@smith20;@lee_b].[fn:1] See [cite/t:@x] too"),
            "as shown. See too"
        );
        // Not markup: a lone star, a path, arithmetic.
        for s in [
            "2 * 3 * 4",
            "/usr/bin/env",
            "a*b*c",
            "x = y",
            "|---+---|",
            "| *a* | b |",
        ] {
            assert_eq!(to_markdown(s), s);
        }
    }

    #[test]
    fn source_blocks_are_verbatim() {
        let src = "#+BEGIN_SRC elisp\n(setq *x* 1) ; =y=\n#+END_SRC\n*after*";
        assert_eq!(
            to_markdown(src),
            "#+BEGIN_SRC elisp\n(setq *x* 1) ; =y=\n#+END_SRC\n**after**"
        );
    }

    #[test]
    fn heading_tags_and_comments() {
        assert_eq!(to_markdown("* Title :a:b:\n# a comment"), "# Title #a #b\n");
        assert_eq!(
            to_markdown("* Intro    :noexport:ATTACH:sql:"),
            "# Intro #sql"
        );
    }
}
