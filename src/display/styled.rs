//! Card Markdown for a terminal: bold, italics, inline code, fenced code, nested lists and the
//! cloze blank, wrapped to a width. Pure: text in, styled lines out; the terminal UI prints them.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

/// How a piece of text looks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    /// The cloze blank `[…]`.
    pub blank: bool,
    /// A cloze answer filled into its blank (between [`REVEAL_OPEN`] and [`REVEAL_CLOSE`]).
    pub revealed: bool,
}

/// Marks where a filled-in cloze answer starts in the text given to [`render`] (a character of
/// Unicode's private use area, which no note holds); [`REVEAL_CLOSE`] where it ends.
pub const REVEAL_OPEN: &str = "\u{E000}";
pub const REVEAL_CLOSE: &str = "\u{E001}";

/// A run of text in one style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

/// One screen line.
pub type Line = Vec<Span>;

/// Renders Markdown to lines of at most `width` columns (code lines are not wrapped).
pub fn render(markdown: &str, width: usize) -> Vec<Line> {
    let width = width.max(20);
    let mut r = Renderer {
        width,
        lines: Vec::new(),
        current: Vec::new(),
        prefix: String::new(),
        hang: String::new(),
        style: Style::default(),
        lists: Vec::new(),
        in_code_block: false,
        table: None,
    };
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let markdown = crate::display::sounds_shown(markdown);
    for event in crate::display::image_labels(Parser::new_ext(&markdown, options)) {
        r.event(event);
    }
    r.flush();
    while r.lines.last().is_some_and(Vec::is_empty) {
        r.lines.pop();
    }
    r.lines
}

struct Renderer {
    width: usize,
    lines: Vec<Line>,
    /// The paragraph being built, before wrapping.
    current: Vec<Span>,
    /// Printed before the first line of the current block (indent and bullet).
    prefix: String,
    /// Printed before its following lines (indent under the bullet).
    hang: String,
    style: Style,
    /// Open lists: the next number of each ordered one.
    lists: Vec<Option<u64>>,
    in_code_block: bool,
    /// The table being read, laid out at its end.
    table: Option<crate::display::TableCells>,
}

impl Renderer {
    fn event(&mut self, event: Event<'_>) {
        if let Some(t) = &mut self.table {
            if matches!(event, Event::End(TagEnd::Table)) {
                let head = t.head;
                let lines =
                    crate::display::table_lines(t, self.width.saturating_sub(self.hang.width()));
                self.table = None;
                for (n, text) in lines.into_iter().enumerate() {
                    let style = Style {
                        bold: n < head,
                        ..Style::default()
                    };
                    self.lines.push(vec![Span {
                        text: format!("{}{text}", self.hang),
                        style,
                    }]);
                }
                self.lines.push(Vec::new());
            } else {
                t.event(&event);
            }
            return;
        }
        match event {
            Event::Start(Tag::Table(_)) => {
                self.flush();
                self.table = Some(crate::display::TableCells::default());
            }
            Event::Start(Tag::Strong) => self.style.bold = true,
            Event::End(TagEnd::Strong) => self.style.bold = false,
            Event::Start(Tag::Emphasis) => self.style.italic = true,
            Event::End(TagEnd::Emphasis) => self.style.italic = false,
            Event::Start(Tag::Heading { .. }) => self.style.bold = true,
            Event::End(TagEnd::Heading(_)) => {
                self.style.bold = false;
                self.flush();
            }
            Event::Start(Tag::List(start)) => {
                self.flush();
                self.lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                self.flush();
                self.lists.pop();
            }
            Event::Start(Tag::Item) => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let bullet = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let b = format!("{n}. ");
                        *n += 1;
                        b
                    }
                    _ => ["• ", "◦ ", "▪ "][depth % 3].to_string(),
                };
                let indent = "  ".repeat(depth.min(crate::display::MAX_LIST_INDENT));
                self.hang = format!("{indent}{}", " ".repeat(bullet.chars().count()));
                self.prefix = format!("{indent}{bullet}");
            }
            Event::End(TagEnd::Item) => self.flush(),
            Event::Start(Tag::CodeBlock(_)) => {
                self.flush();
                self.in_code_block = true;
            }
            Event::End(TagEnd::CodeBlock) => self.in_code_block = false,
            Event::Start(Tag::Paragraph) => {}
            Event::End(TagEnd::Paragraph) => {
                self.flush();
                if self.lists.is_empty() {
                    self.lines.push(Vec::new()); // a blank line between paragraphs
                }
            }
            Event::Text(t) if self.in_code_block => {
                for line in t.lines() {
                    let indent = if self.hang.is_empty() {
                        "  "
                    } else {
                        &self.hang
                    };
                    self.lines.push(vec![Span {
                        text: format!("{indent}{line}"),
                        style: Style {
                            code: true,
                            ..Style::default()
                        },
                    }]);
                }
            }
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.push(
                t.to_string(),
                Style {
                    code: true,
                    ..self.style
                },
            ),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.flush(),
            Event::Rule => {
                self.flush();
                self.lines.push(vec![Span {
                    text: "─".repeat(self.width.min(40)),
                    style: Style::default(),
                }]);
            }
            Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        self.push(t.to_string(), self.style);
    }

    fn push(&mut self, text: String, style: Style) {
        if text.is_empty() {
            return;
        }
        match self.current.last_mut() {
            Some(last) if last.style == style => last.text.push_str(&text),
            _ => self.current.push(Span { text, style }),
        }
    }

    /// Wraps the current block into lines, word by word.
    fn flush(&mut self) {
        if self.current.is_empty() {
            return;
        }
        let spans = mark_blanks(std::mem::take(&mut self.current));
        let first = std::mem::replace(&mut self.prefix, self.hang.clone());
        let mut line: Line = vec![plain(&first)];
        let mut used = first.width();
        let mut at_line_start = true;
        for span in spans {
            for (k, word) in span.text.split(' ').enumerate() {
                let space = k > 0 && !at_line_start;
                let w = word.width() + space as usize;
                if used + w > self.width && !at_line_start {
                    self.lines
                        .push(std::mem::replace(&mut line, vec![plain(&self.hang)]));
                    used = self.hang.width();
                    at_line_start = true;
                }
                let mut piece = String::new();
                if k > 0 && !at_line_start {
                    piece.push(' ');
                }
                piece.push_str(word);
                used += piece.width();
                if !piece.is_empty() {
                    at_line_start = false;
                }
                match line.last_mut() {
                    Some(last) if last.style == span.style => last.text.push_str(&piece),
                    _ => line.push(Span {
                        text: piece,
                        style: span.style,
                    }),
                }
            }
        }
        line.retain(|s| !s.text.is_empty());
        self.lines.push(line);
    }
}

/// Splits out the cloze blank `[…]` (the parser hands it over in pieces, so it is found in
/// the merged text) as a span of its own, and styles the text between the reveal marks as
/// revealed (the marks dropped).
fn mark_blanks(spans: Vec<Span>) -> Vec<Span> {
    const BLANK: &str = "[…]";
    let mut out = Vec::with_capacity(spans.len());
    let mut revealed = false;
    for span in spans {
        let mut rest = span.text.as_str();
        loop {
            let next = [BLANK, REVEAL_OPEN, REVEAL_CLOSE]
                .iter()
                .filter_map(|m| rest.find(m).map(|at| (at, *m)))
                .min();
            let style = Style {
                revealed,
                ..span.style
            };
            let Some((at, mark)) = next else {
                if !rest.is_empty() {
                    out.push(Span {
                        text: rest.to_string(),
                        style,
                    });
                }
                break;
            };
            if at > 0 {
                out.push(Span {
                    text: rest[..at].to_string(),
                    style,
                });
            }
            match mark {
                BLANK => out.push(Span {
                    text: BLANK.to_string(),
                    style: Style {
                        blank: true,
                        ..style
                    },
                }),
                REVEAL_OPEN => revealed = true,
                _ => revealed = false,
            }
            rest = &rest[at + mark.len()..];
        }
    }
    out
}

fn plain(text: &str) -> Span {
    Span {
        text: text.to_string(),
        style: Style::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_drawn_in_columns_with_its_header_bold() {
        let lines = render(
            "| code | meaning |\n| --- | --- |\n| 400 | Bad Request |\n",
            60,
        );
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(
            text,
            ["code │ meaning", "─────┼────────────", "400  │ Bad Request"]
        );
        assert!(lines[0][0].style.bold && !lines[2][0].style.bold);
    }

    /// The lines as plain text.
    fn text(lines: &[Line]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn bold_and_code_are_styled() {
        let lines = render("tasks **sharing a Lock** wait on `asyncio.Lock`", 80);
        assert_eq!(text(&lines), ["tasks sharing a Lock wait on asyncio.Lock"]);
        let styled: Vec<(&str, Style)> = lines[0]
            .iter()
            .map(|s| (s.text.as_str(), s.style))
            .collect();
        assert_eq!(styled[1].0, "sharing a Lock");
        assert!(styled[1].1.bold);
        assert!(styled.last().unwrap().1.code);
    }

    #[test]
    fn an_anki_sound_shows_as_a_sound() {
        let lines = render("say [sound:hallo.mp3]", 80);
        assert_eq!(text(&lines), ["say 🔊 hallo.mp3"]);
    }

    #[test]
    fn nested_lists_get_bullets_and_indentation() {
        let lines = render("- a\n- b\n  - c\n  - d\n- e", 80);
        assert_eq!(text(&lines), ["• a", "• b", "  ◦ c", "  ◦ d", "• e"]);
    }

    #[test]
    fn lists_nested_thousands_deep_are_indented_no_further_than_the_cap() {
        let lines = render(&format!("{}x", "- ".repeat(5_000)), 80);
        let widest = text(&lines)
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap();
        assert_eq!(widest, 2 * crate::display::MAX_LIST_INDENT + 3);
    }

    #[test]
    fn long_lines_wrap_under_their_bullet() {
        let lines = render("- one two three four five six", 20);
        assert_eq!(text(&lines), ["• one two three four", "  five six"]);
    }

    #[test]
    fn code_blocks_keep_their_lines() {
        let lines = render("```python\ncsvfile.flush()\n    os.fsync(f)\n```", 80);
        assert_eq!(text(&lines), ["  csvfile.flush()", "      os.fsync(f)"]);
        assert!(lines[0][0].style.code);
    }

    #[test]
    fn the_cloze_blank_stands_out() {
        let lines = render("run in […] only", 80);
        let blank = lines[0].iter().find(|s| s.text == "[…]").unwrap();
        assert!(blank.style.blank);
    }

    #[test]
    fn a_filled_in_cloze_answer_is_marked_revealed_across_styles() {
        let src = format!("the {REVEAL_OPEN}**GIL** lock{REVEAL_CLOSE} guards");
        let lines = render(&src, 80);
        let got: Vec<(&str, bool, bool)> = lines[0]
            .iter()
            .map(|s| (s.text.as_str(), s.style.revealed, s.style.bold))
            .collect();
        assert_eq!(
            got,
            [
                ("the ", false, false),
                ("GIL", true, true),
                (" lock", true, false),
                (" guards", false, false)
            ]
        );
    }

    #[test]
    fn paragraphs_are_separated() {
        assert_eq!(
            text(&render("first\n\nsecond", 80)),
            ["first", "", "second"]
        );
    }
}
