//! Card text (the notes' Markdown) for the places other than the full-screen card: readable
//! plain text (the plain review, `recall list`, the stats tables, the context line) and HTML
//! for the report. Pure: text in, text out.

pub mod html;
pub mod styled;

pub use html::{card_html, html, html_lines};

use crate::model::CardKind;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Lists nested deeper than this are indented no further (a hostile note nests thousands deep:
/// an indent per level would grow the text with the square of the depth).
pub const MAX_LIST_INDENT: usize = 8;

fn parser(markdown: &str) -> Parser<'_> {
    Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH)
}

/// A table's cells as they are read, row by row (the header's first), for [`table_lines`].
#[derive(Debug, Default)]
pub struct TableCells {
    pub rows: Vec<Vec<String>>,
    /// How many of the rows are the header's.
    pub head: usize,
    cell: Option<String>,
    in_head: bool,
}

impl TableCells {
    /// Takes one parser event of a table (after its `Start(Table)`); false when the event is
    /// not the table's own (the text of a cell is).
    pub fn event(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(Tag::TableHead) => {
                self.in_head = true;
                self.rows.push(Vec::new());
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                self.head = self.rows.len();
            }
            Event::Start(Tag::TableRow) => self.rows.push(Vec::new()),
            Event::End(TagEnd::TableRow) => {}
            Event::Start(Tag::TableCell) => self.cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => {
                let cell = self.cell.take().unwrap_or_default();
                if let Some(row) = self.rows.last_mut() {
                    row.push(cell.trim().to_string());
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                if let Some(c) = &mut self.cell {
                    c.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(c) = &mut self.cell {
                    c.push(' ');
                }
            }
            _ => return false,
        }
        true
    }
}

/// A table as lines of text: its columns aligned (by the width a terminal gives each
/// character, so CJK text lines up) and separated by `│`, a rule under the header; when that
/// is wider than `width`, each row as `header: cell` lines instead, a blank line between rows.
pub fn table_lines(t: &TableCells, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        return Vec::new();
    }
    fn cell(row: &[String], c: usize) -> &str {
        row.get(c).map(String::as_str).unwrap_or("")
    }
    let mut widths = vec![0usize; cols];
    for row in &t.rows {
        for (c, w) in widths.iter_mut().enumerate() {
            *w = (*w).max(cell(row, c).width());
        }
    }
    let total = widths.iter().sum::<usize>() + 3 * (cols - 1);
    let mut out = Vec::new();
    if total <= width {
        for (r, row) in t.rows.iter().enumerate() {
            let mut line = String::new();
            for (c, w) in widths.iter().enumerate() {
                if c > 0 {
                    line.push_str(" │ ");
                }
                let text = cell(row, c);
                line.push_str(text);
                line.push_str(&" ".repeat(w - text.width()));
            }
            out.push(line.trim_end().to_string());
            if r + 1 == t.head {
                let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
                out.push(rule.join("─┼─"));
            }
        }
        return out;
    }
    let header = t.rows.first().filter(|_| t.head > 0);
    for row in &t.rows[t.head.min(t.rows.len())..] {
        if !out.is_empty() {
            out.push(String::new());
        }
        for c in 0..cols {
            let text = cell(row, c);
            match header.map(|h| cell(h, c)).filter(|h| !h.is_empty()) {
                Some(h) => out.push(format!("{h}: {text}")),
                None => out.push(text.to_string()),
            }
        }
    }
    out
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

/// The text inside an image's tags, read from `events` up to the image's end (its start read).
pub(crate) fn alt_text<'a>(events: &mut impl Iterator<Item = Event<'a>>) -> String {
    let mut alt = String::new();
    let mut depth = 1usize;
    for e in events {
        match e {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            Event::Text(t) | Event::Code(t) => alt.push_str(&t),
            _ => {}
        }
    }
    alt
}

/// Images as a terminal shows them: `[image: alt]`, or the file's name when there is no alt
/// text (`recall serve` shows the image itself).
pub(crate) fn image_labels<'a>(
    mut events: impl Iterator<Item = Event<'a>>,
) -> impl Iterator<Item = Event<'a>> {
    std::iter::from_fn(move || {
        let event = events.next()?;
        let Event::Start(Tag::Image { dest_url, .. }) = event else {
            return Some(event);
        };
        let alt = alt_text(&mut events);
        let name = if alt.trim().is_empty() {
            let file = dest_url.rsplit(['/', '\\']).next().unwrap_or(&dest_url);
            percent_encoding::percent_decode_str(file)
                .decode_utf8_lossy()
                .into_owned()
        } else {
            alt
        };
        Some(Event::Text(format!("[image: {name}]").into()))
    })
}

/// What a terminal says under a card with an image or a formula (see [`needs_browser`]).
pub fn browser_hint(question: &str, answer: &str) -> Option<&'static str> {
    (needs_browser(question) || needs_browser(answer))
        .then_some("(its images and formulas show as meant in `recall serve`)")
}

/// Does `markdown` hold what only the browser shows as meant: an image or math (`$…$`)?
pub fn needs_browser(markdown: &str) -> bool {
    markdown.contains("[image: ")
        || Parser::new_ext(markdown, Options::ENABLE_MATH).any(|e| {
            matches!(
                e,
                Event::InlineMath(_) | Event::DisplayMath(_) | Event::Start(Tag::Image { .. })
            )
        })
}

/// Markdown as plain text a person reads: the markup gone (`**bold**` → bold, `` `x` `` → x,
/// links → their text), one line per paragraph or list item (items after `• `, numbered ones
/// after their number), code blocks line for line.
pub fn plain(markdown: &str) -> String {
    let markdown = sounds_shown(markdown);
    let mut out = String::with_capacity(markdown.len());
    let mut table: Option<TableCells> = None;
    // Each open list: the next item's number, if it is numbered.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let new_line = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    let events = image_labels(Parser::new_ext(
        &markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    ));
    for event in events {
        if let Some(t) = &mut table {
            if matches!(event, Event::End(TagEnd::Table)) {
                new_line(&mut out);
                out.push_str(&table_lines(t, usize::MAX).join("\n"));
                table = None;
                new_line(&mut out);
            } else {
                t.event(&event);
            }
            continue;
        }
        match event {
            Event::Start(Tag::Table(_)) => table = Some(TableCells::default()),
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

/// `text` followed by spaces up to `width` terminal columns (a CJK character takes two), for
/// a column of a table printed in a terminal.
pub fn pad(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
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

    const TABLE: &str =
        "| code | meaning |\n| --- | --- |\n| 400 | Bad Request |\n| 500 | 内部错误 |\n";

    #[test]
    fn a_table_reads_as_aligned_columns_not_one_line() {
        assert_eq!(
            plain(TABLE),
            "code │ meaning\n─────┼────────────\n400  │ Bad Request\n500  │ 内部错误"
        );
    }

    #[test]
    fn a_table_too_wide_for_the_screen_reads_row_by_row() {
        let mut t = TableCells::default();
        for e in Parser::new_ext(TABLE, Options::ENABLE_TABLES) {
            t.event(&e);
        }
        assert_eq!(
            table_lines(&t, 12),
            [
                "code: 400",
                "meaning: Bad Request",
                "",
                "code: 500",
                "meaning: 内部错误"
            ]
        );
    }

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

    #[test]
    fn terminals_name_images_and_say_where_they_show() {
        assert_eq!(
            plain("What colour? ![a red square](<img/red.png>) ![](<a%20b.png>)"),
            "What colour? [image: a red square] [image: a b.png]"
        );
        assert!(needs_browser("x ![](<a.png>)"));
        assert!(needs_browser("Euler: $e^{i\\pi}$"));
        assert!(needs_browser("[image: cat.jpg]"));
        assert!(!needs_browser("costs $5 and $6 more"));
        assert!(!needs_browser("plain **text**"));
    }
}
