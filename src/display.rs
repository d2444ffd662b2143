//! Card text (the notes' Markdown) for the places other than the full-screen card: readable
//! plain text (the plain review, `recall list`, the stats tables, the context line) and HTML
//! for the report. Pure: text in, text out.

pub mod styled;

use crate::model::CardKind;
use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};

/// Lists nested deeper than this are indented no further (a hostile note nests thousands deep:
/// an indent per level would grow the text with the square of the depth).
pub const MAX_LIST_INDENT: usize = 8;

fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH)
}

/// Where a card is, as the review's header shows it: its deck, then its context. The context
/// starts with the page's title, which for most notes is the deck's last segment: then it is
/// said once (`python › from library`, not `python · python › from library`).
pub fn card_place(deck: &str, context: &str) -> String {
    let last = deck.rsplit('/').next().unwrap_or(deck);
    let (first, rest) = context.split_once(" › ").unwrap_or((context, ""));
    if context.is_empty() {
        deck.to_string()
    } else if first.eq_ignore_ascii_case(last) {
        if rest.is_empty() {
            deck.to_string()
        } else {
            format!("{deck} › {rest}")
        }
    } else {
        format!("{deck} · {context}")
    }
}

/// Anki's sound references (`[sound:hello.mp3]`, kept as they came so they go back to Anki)
/// as a person reads them: `🔊 hello.mp3`.
pub fn sounds_shown(markdown: &str) -> std::borrow::Cow<'_, str> {
    const OPEN: &str = "[sound:";
    if !markdown.contains(OPEN) {
        return std::borrow::Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        // The name ends at `]` on the same line; no end: left as it is.
        match after
            .find([']', '\n'])
            .filter(|&e| after.as_bytes()[e] == b']')
        {
            Some(end) => {
                out.push_str(&rest[..at]);
                out.push_str("🔊 ");
                out.push_str(after[..end].trim());
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[..at + OPEN.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Markdown as plain text a person reads: the markup gone (`**bold**` → bold, `` `x` `` → x,
/// links → their text), one line per paragraph or list item (items after `• `, numbered ones
/// after their number), code blocks line for line.
pub fn plain(markdown: &str) -> String {
    let markdown = sounds_shown(markdown);
    let mut out = String::with_capacity(markdown.len());
    // Each open list: the next item's number, if it is numbered.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let new_line = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    for event in parser(&markdown) {
        match event {
            Event::Start(Tag::List(first)) => {
                new_line(&mut out);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                new_line(&mut out);
                out.push_str(&"  ".repeat(lists.len().saturating_sub(1).min(MAX_LIST_INDENT)));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("• "),
                }
            }
            Event::Start(Tag::CodeBlock(_)) => new_line(&mut out),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::BlockQuote(_)) => {
                new_line(&mut out)
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::TaskListMarker(done) => out.push_str(if done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// The first line of [`plain`], cut to `max_chars` characters with "…".
pub fn plain_line(markdown: &str, max_chars: usize) -> String {
    let text = plain(markdown);
    let first = text.lines().next().unwrap_or("");
    clip(first, max_chars)
}

/// `text` cut to `max_chars` characters, "…" in place of the rest.
pub fn clip(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars.saturating_sub(1)) {
        Some((cut, _)) if text[cut..].chars().nth(1).is_some() => {
            format!("{}…", text[..cut].trim_end())
        }
        _ => text.to_string(),
    }
}

/// A card in one line of plain text: a cloze with its answer in its blank (`the [GIL]
/// guards…`), any other card by its question; cut to `max_chars`.
pub fn card_line(kind: CardKind, question: &str, answer: &str, max_chars: usize) -> String {
    let question = plain(question);
    let first = question.lines().next().unwrap_or("");
    let filled = (kind == CardKind::Cloze)
        .then(|| crate::cloze::fill(first, &plain(answer), "[", "]"))
        .flatten();
    clip(filled.as_deref().unwrap_or(first), max_chars)
}

/// A card for the report: a cloze with its answer marked in its blank (`<mark>`), any other
/// card by its question; HTML, without the paragraph around one paragraph.
pub fn card_html(kind: CardKind, question: &str, answer: &str) -> String {
    const OPEN: &str = "\u{E000}";
    const CLOSE: &str = "\u{E001}";
    let filled = (kind == CardKind::Cloze)
        .then(|| crate::cloze::fill(question, answer, OPEN, CLOSE))
        .flatten();
    let h = html(filled.as_deref().unwrap_or(question));
    let inner = h
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .filter(|s| !s.contains("<p>"))
        .unwrap_or(&h);
    inner.replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
}

/// Markdown as HTML for the report. HTML written in the notes is shown as text, never run: a
/// note cannot put a script in the report. Images show their alt text (the report loads
/// nothing), and only `http`, `https` and `mailto` links stay links.
pub fn html(markdown: &str) -> String {
    html_with(markdown, false)
}

/// [`html`], each line break inside a paragraph kept as a line break (`<br>`): for a card
/// going to Anki, which shows a bare newline as a space (`an event loop<br>one thread` from
/// Anki comes back as it went).
pub fn html_lines(markdown: &str) -> String {
    html_with(markdown, true)
}

fn html_with(markdown: &str, keep_lines: bool) -> String {
    // Per open link: kept as a link?
    let mut links: Vec<bool> = Vec::new();
    let events = parser(markdown).filter_map(|e| match e {
        Event::SoftBreak if keep_lines => Some(Event::HardBreak),
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let safe = ["http://", "https://", "mailto:"]
                .iter()
                .any(|p| dest_url.to_ascii_lowercase().starts_with(p));
            links.push(safe);
            safe.then_some(e)
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then_some(e),
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out.truncate(out.trim_end().len());
    out
}

/// `1 note file`, `2 note files`: a count with its noun.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_says_the_page_once() {
        assert_eq!(
            card_place("python", "python › from library"),
            "python › from library"
        );
        assert_eq!(
            card_place("vault/lang/Python", "python"),
            "vault/lang/Python"
        );
        assert_eq!(
            card_place("notes", "Git internals › refs"),
            "notes · Git internals › refs"
        );
        assert_eq!(card_place("notes", ""), "notes");
    }

    #[test]
    fn anki_sounds_read_as_sounds_and_stay_in_the_card() {
        assert_eq!(
            plain("bonjour [sound:bonjour.mp3] and [sound: unclosed"),
            "bonjour 🔊 bonjour.mp3 and [sound: unclosed"
        );
        // The card's text (what goes back to Anki) keeps the reference.
        assert!(html("[sound:a.mp3]").contains("[sound:a.mp3]"));
        assert_eq!(sounds_shown("no sound"), "no sound");
    }

    #[test]
    fn plain_text_reads_without_markup() {
        assert_eq!(
            plain("the **GIL** guards `rootLogger`"),
            "the GIL guards rootLogger"
        );
        assert_eq!(plain("see [the docs](https://x.y) now"), "see the docs now");
        assert_eq!(
            plain("- one\n- two\n  - deeper"),
            "• one\n• two\n  • deeper"
        );
        assert_eq!(plain("1. first\n2. second"), "1. first\n2. second");
        assert_eq!(
            plain("```\nlet x = 1;\nlet y = 2;\n```"),
            "let x = 1;\nlet y = 2;"
        );
        assert_eq!(plain("a\nb\n\nc"), "a b\nc");
    }

    #[test]
    fn one_line_is_cut_where_it_runs_long() {
        assert_eq!(
            plain_line("**Coroutines** are\n\nmore", 40),
            "Coroutines are"
        );
        assert_eq!(plain_line("abcdefghij", 5), "abcd…");
        assert_eq!(plain_line("abcde", 5), "abcde");
    }

    #[test]
    fn a_cloze_shows_its_answer_in_its_blank() {
        let (q, a) = ("the […] guards the **interpreter**", "`GIL`");
        assert_eq!(
            card_line(CardKind::Cloze, q, a, 80),
            "the [GIL] guards the interpreter"
        );
        assert_eq!(
            card_line(CardKind::Basic, "**Coroutines**", "x", 80),
            "Coroutines"
        );
        assert_eq!(
            card_html(CardKind::Cloze, q, a),
            "the <mark><code>GIL</code></mark> guards the <strong>interpreter</strong>"
        );
        assert_eq!(card_html(CardKind::Basic, "a <b>", "x"), "a &lt;b&gt;");
    }

    #[test]
    fn html_renders_markup_and_never_raw_html() {
        assert_eq!(html("the **GIL**"), "<p>the <strong>GIL</strong></p>");
        let h = html("<script>alert(1)</script> and <b>x</b>");
        assert!(!h.contains("<script>") && !h.contains("<b>"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
        // No script through a link, nothing loaded through an image.
        let h = html("[x](javascript:alert(1)) <javascript:alert(2)> ![a cat](https://e.x/c.png)");
        assert!(
            !h.contains("javascript:alert(1)\"") && !h.contains("href=\"javascript"),
            "{h}"
        );
        assert!(!h.contains("<img") && h.contains("a cat"), "{h}");
        assert_eq!(
            html("[docs](https://docs.rs)"),
            "<p><a href=\"https://docs.rs\">docs</a></p>"
        );
    }
}
