//! Card text as HTML: one renderer for the statistics report, cards going to Anki and the
//! browser's review (`recall serve`). The card's Markdown is rendered by pulldown-cmark, and
//! notes are untrusted input: HTML written in them is shown as text, never run, and a link keeps
//! its address only when it is `http`, `https` or `mailto`. For the report and Anki an image
//! shows its alt text (they load nothing); for the browser ([`served`]) tables render,
//! `$…$` and `$$…$$` become MathML (pulldown-latex: no script needed to show them), and images
//! become `<img>` elements whose address names the card and the image ([`ImageRef`]), for the
//! server to resolve and check.

use crate::model::CardKind;
use pulldown_cmark::{html as push, CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeStream};
use pulldown_latex::config::DisplayMode;
use pulldown_latex::RenderConfig;

/// Marks the start and the end of a cloze's answer in its sentence; private-use characters,
/// taken out of the card's own text first ([`unmarked`]).
pub const MARK_OPEN: char = '\u{E000}';
pub const MARK_CLOSE: char = '\u{E001}';

/// Math longer than this, or nested deeper, is shown as its source: the renderer recurses.
const MAX_MATH_BYTES: usize = 4096;
const MAX_MATH_DEPTH: usize = 64;

/// An image a card shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageRef {
    /// A path written in the note (`![alt](img/cat.png)`), relative to the note's folder.
    Note(String),
    /// A media file of an Anki package (`[image: cat.jpg]` in the card's text), in the media
    /// folder beside the database.
    Media(String),
}

impl ImageRef {
    /// The reference as one URL path segment (hex of a kind letter and the text).
    pub fn encode(&self) -> String {
        let (kind, text) = match self {
            ImageRef::Note(p) => ('n', p),
            ImageRef::Media(p) => ('m', p),
        };
        format!("{kind}{}", crate::text::hex(text.as_bytes()))
    }

    /// The reference [`ImageRef::encode`] made, or `None` for anything else.
    pub fn decode(segment: &str) -> Option<ImageRef> {
        let (kind, hex) = segment.split_at_checked(1)?;
        if hex.len() % 2 != 0 || hex.len() > 8192 {
            return None;
        }
        let bytes = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect::<Option<Vec<u8>>>()?;
        let text = String::from_utf8(bytes).ok()?;
        match kind {
            "n" => Some(ImageRef::Note(text)),
            "m" => Some(ImageRef::Media(text)),
            _ => None,
        }
    }
}

/// The content type of an image file's name or path by its extension (`cat.PNG`,
/// `a.jpg?raw=1`); `None` for anything else.
pub fn image_type(path: &str) -> Option<&'static str> {
    let path = path
        .split(['?', '#', '|'])
        .next()
        .unwrap_or(path)
        .trim_end();
    let (_, ext) = path.rsplit_once('.')?;
    Some(match ext.to_ascii_lowercase().as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "bmp" => "image/bmp",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

/// Does `dest` start with one of `schemes` (`https://`, `mailto:`), in any case?
fn has_scheme(dest: &str, schemes: &[&str]) -> bool {
    schemes.iter().any(|p| {
        dest.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    })
}

/// Is `dest` an address on the web (an image recall does not serve)?
fn is_remote(dest: &str) -> bool {
    has_scheme(dest, &["http://", "https://"])
}

/// `text` without the characters [`MARK_OPEN`] and [`MARK_CLOSE`].
pub fn unmarked(text: &str) -> String {
    text.replace([MARK_OPEN, MARK_CLOSE], "")
}

/// A card for the report: a cloze with its answer marked in its blank (`<mark>`), any other
/// card by its question; HTML, without the paragraph around one paragraph.
pub fn card_html(kind: CardKind, question: &str, answer: &str) -> String {
    let (open, close) = (MARK_OPEN.to_string(), MARK_CLOSE.to_string());
    let filled = (kind == CardKind::Cloze)
        .then(|| crate::cloze::fill(question, answer, &open, &close))
        .flatten();
    let h = html(filled.as_deref().unwrap_or(question));
    let inner = h
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .filter(|s| !s.contains("<p>"))
        .unwrap_or(&h);
    marks(inner)
}

/// Markdown as HTML for the report: images show their alt text (the report loads nothing).
pub fn html(markdown: &str) -> String {
    render(markdown, Mode::Report { keep_lines: false })
}

/// [`html`], each line break inside a paragraph kept as a line break (`<br>`): for a card
/// going to Anki, which shows a bare newline as a space (`an event loop<br>one thread` from
/// Anki comes back as it went).
pub fn html_lines(markdown: &str) -> String {
    render(markdown, Mode::Report { keep_lines: true })
}

/// Markdown of a side of card `card_id` as the browser shows it: tables, math as MathML,
/// images from the server, and [`MARK_OPEN`]…[`MARK_CLOSE`] as `<mark>`.
pub fn served(markdown: &str, card_id: i64) -> String {
    marks(&render(markdown, Mode::Served { card_id }))
}

/// Every image `markdown` shows in the browser, in order.
pub fn images(markdown: &str) -> Vec<ImageRef> {
    let mut found = Vec::new();
    for event in TextMergeStream::new(Parser::new_ext(markdown, served_options())) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                found.push(ImageRef::Note(dest_url.to_string()))
            }
            Event::Text(t) => {
                for piece in split_media(&t) {
                    if let Piece::Media(name) = piece {
                        found.push(ImageRef::Media(name.to_string()));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

fn marks(html: &str) -> String {
    html.replace(MARK_OPEN, "<mark>")
        .replace(MARK_CLOSE, "</mark>")
}

#[derive(Clone, Copy)]
enum Mode {
    Report { keep_lines: bool },
    Served { card_id: i64 },
}

fn served_options() -> Options {
    Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_MATH
        | Options::ENABLE_TASKLISTS
}

fn render(markdown: &str, mode: Mode) -> String {
    let parser = match mode {
        Mode::Report { .. } => super::parser(markdown),
        Mode::Served { .. } => Parser::new_ext(markdown, served_options()),
    };
    let events = Rewrite {
        inner: TextMergeStream::new(parser),
        mode,
        queue: Vec::new(),
        links: Vec::new(),
    };
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    push::push_html(&mut out, events);
    out.truncate(out.trim_end().len());
    out
}

/// The event stream with notes' HTML as text, unsafe links unlinked, and (served) math as
/// MathML and images from the server.
struct Rewrite<'a, I> {
    inner: I,
    mode: Mode,
    /// Events to give before reading more, last first.
    queue: Vec<Event<'a>>,
    /// For each open link: whether its tags are kept.
    links: Vec<bool>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Rewrite<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.queue.pop() {
            return Some(e);
        }
        loop {
            let event = self.inner.next()?;
            let card_id = match self.mode {
                Mode::Served { card_id } => Some(card_id),
                Mode::Report { .. } => None,
            };
            return Some(match event {
                Event::SoftBreak if matches!(self.mode, Mode::Report { keep_lines: true }) => {
                    Event::HardBreak
                }
                Event::Html(t) | Event::InlineHtml(t) => Event::Text(t),
                Event::InlineMath(m) => Event::InlineHtml(math(&m, DisplayMode::Inline).into()),
                Event::DisplayMath(m) => Event::InlineHtml(math(&m, DisplayMode::Block).into()),
                Event::Start(Tag::Image { dest_url, .. }) => match card_id {
                    Some(_) if is_remote(&dest_url) => {
                        // Not fetched (the page loads only what recall serves): a link to it.
                        let alt = super::alt_text(&mut self.inner);
                        let label = if alt.is_empty() { "image" } else { &alt };
                        Event::InlineHtml(
                            format!(
                                "<a href=\"{}\">[image: {}]</a>",
                                escape(&dest_url),
                                escape(label)
                            )
                            .into(),
                        )
                    }
                    Some(id) => {
                        let alt = super::alt_text(&mut self.inner);
                        Event::InlineHtml(
                            img(id, &ImageRef::Note(dest_url.to_string()), &alt).into(),
                        )
                    }
                    None => continue,
                },
                Event::End(TagEnd::Image) => continue,
                Event::Start(Tag::Link { ref dest_url, .. }) => {
                    let safe = has_scheme(dest_url, &["http://", "https://", "mailto:"]);
                    self.links.push(safe);
                    if !safe {
                        continue;
                    }
                    event
                }
                Event::End(TagEnd::Link) => {
                    if !self.links.pop().unwrap_or(false) {
                        continue;
                    }
                    event
                }
                Event::Text(t) if card_id.is_some() && t.contains("[image: ") => {
                    let id = card_id.unwrap_or_default();
                    let mut out: Vec<Event<'a>> = split_media(&t)
                        .into_iter()
                        .map(|p| match p {
                            Piece::Text(s) => Event::Text(CowStr::from(s.to_string())),
                            Piece::Media(name) => Event::InlineHtml(
                                img(id, &ImageRef::Media(name.to_string()), name).into(),
                            ),
                        })
                        .collect();
                    out.reverse();
                    let first = out.pop()?;
                    self.queue = out;
                    first
                }
                other => other,
            });
        }
    }
}

/// An `<img>` for image `src` of card `card_id`.
fn img(card_id: i64, src: &ImageRef, alt: &str) -> String {
    format!(
        "<img src=\"/media/{card_id}/{}\" alt=\"{}\">",
        src.encode(),
        escape(alt)
    )
}

enum Piece<'t> {
    Text(&'t str),
    Media(&'t str),
}

/// `text` cut at each `[image: NAME]` an Anki card's text holds.
fn split_media(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("[image: ") {
        let after = &rest[start + "[image: ".len()..];
        let Some(end) = after.find(']') else { break };
        let name = &after[..end];
        if name.is_empty() || name.contains(['[', '\n']) {
            pieces.push(Piece::Text(&rest[..start + 1]));
            rest = &rest[start + 1..];
            continue;
        }
        if start > 0 {
            pieces.push(Piece::Text(&rest[..start]));
        }
        pieces.push(Piece::Media(name));
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// `source` as MathML, or as code when it is too big or too deep to render safely.
fn math(source: &str, mode: DisplayMode) -> String {
    let depth = source
        .bytes()
        .scan(0usize, |d, b| {
            match b {
                b'{' => *d += 1,
                b'}' => *d = d.saturating_sub(1),
                _ => {}
            }
            Some(*d)
        })
        .max()
        .unwrap_or(0);
    if source.len() > MAX_MATH_BYTES || depth > MAX_MATH_DEPTH {
        return format!("<code class=\"math-source\">{}</code>", escape(source));
    }
    let config = RenderConfig {
        display_mode: mode,
        ..RenderConfig::default()
    };
    // The renderer writes some of its input unescaped (an operator's name, an error's
    // excerpt) and has panics of its own: math that does not parse cleanly, that panics, or
    // whose output holds anything but MathML elements shows as its source.
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let storage = pulldown_latex::Storage::new();
        let events: Vec<_> = pulldown_latex::Parser::new(source, &storage).collect();
        if events.iter().any(Result::is_err) {
            return None;
        }
        let mut out = String::new();
        pulldown_latex::push_mathml(&mut out, events.into_iter(), config).ok()?;
        Some(out)
    }));
    match rendered {
        Ok(Some(out)) => {
            // `<` and `>` as operators come unescaped (`<mo><</mo>`).
            let out = out.replace("><</", ">&lt;</").replace(">></", ">&gt;</");
            if only_mathml(&out) {
                out
            } else {
                format!("<code class=\"math-source\">{}</code>", escape(source))
            }
        }
        _ => format!("<code class=\"math-source\">{}</code>", escape(source)),
    }
}

/// MathML's elements, the only ones rendered math may hold.
const MATHML: &[&str] = &[
    "math",
    "semantics",
    "annotation",
    "mrow",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "msub",
    "msup",
    "msubsup",
    "mfrac",
    "msqrt",
    "mroot",
    "mover",
    "munder",
    "munderover",
    "mtable",
    "mtr",
    "mtd",
    "mstyle",
    "mpadded",
    "mphantom",
    "menclose",
    "merror",
    "mmultiscripts",
    "mprescripts",
    "none",
];

/// Does `html` hold only MathML elements, with attributes that neither load nor run anything
/// (no `on…`, `href`, `src`), and no `<` inside a value?
fn only_mathml(html: &str) -> bool {
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            return false;
        };
        let tag = &after[..close];
        if tag.contains('<') {
            return false;
        }
        let tag = tag.strip_prefix('/').unwrap_or(tag).trim_end_matches('/');
        let mut parts = tag.split_whitespace();
        let name = parts.next().unwrap_or("");
        if !MATHML.contains(&name) {
            return false;
        }
        for attribute in parts {
            let key = attribute
                .split('=')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if key.starts_with("on") || key.contains("href") || key == "src" {
                return false;
            }
        }
        rest = &after[close + 1..];
    }
    true
}

/// `text` safe inside an HTML attribute or element.
fn escape(text: &str) -> String {
    maud::html! { (text) }.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_renders_and_notes_html_is_text() {
        let html = served("**bold** and <script>alert(1)</script>\n\n- a\n- b", 7);
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("<li>a</li>"), "{html}");
    }

    #[test]
    fn code_blocks_keep_their_language() {
        let html = served("```rust\nfn main() {}\n```", 1);
        assert!(html.contains("class=\"language-rust\""), "{html}");
    }

    #[test]
    fn math_becomes_mathml() {
        let html = served("Euler: $e^{i\\pi} + 1 = 0$", 1);
        assert!(html.contains("<math"), "{html}");
        assert!(html.contains("<mi>π</mi>") || html.contains("π"), "{html}");
        let less = served("$a < b \\operatorname{sin} x$", 1);
        assert!(less.contains("<math") && less.contains("&lt;"), "{less}");
        let block = served("$$\\frac{a}{b}$$", 1);
        assert!(block.contains("display=\"block\""), "{block}");
    }

    #[test]
    fn hostile_math_is_escaped_and_bounded() {
        let html = served("$\\text{<script>x</script>}$", 1);
        assert!(!html.contains("<script"), "{html}");
        let deep = format!("${}x{}$", "{".repeat(10_000), "}".repeat(10_000));
        let html = served(&deep, 1);
        assert!(html.contains("math-source"), "{}", &html[..100]);
    }

    #[test]
    fn math_that_would_carry_html_shows_as_its_source() {
        for hostile in [
            "$\\operatorname{<a href=\"https://evil.example/\">sign in</a>}$",
            "$\\mathop{<b>x</b>}$",
            "$x & <i>y</i>$",
            "$\\frac{a}{$",
        ] {
            let html = served(hostile, 1);
            assert!(
                !html.contains("<a ") && !html.contains("<b>") && !html.contains("<i>"),
                "{hostile}: {html}"
            );
        }
        assert!(only_mathml(
            "<math><mi>x</mi><mo stretchy=\"false\">(</mo></math>"
        ));
        assert!(!only_mathml("<math><a href=\"x\">y</a></math>"));
        assert!(!only_mathml("<math><mi onclick=\"x\">y</mi></math>"));
    }

    #[test]
    fn images_point_at_the_server_and_round_trip() {
        let html = served("![a cat](img/cat%20one.png) and [image: dog.jpg]", 42);
        let refs = images("![a cat](img/cat%20one.png) and [image: dog.jpg]");
        assert_eq!(
            refs,
            vec![
                ImageRef::Note("img/cat%20one.png".into()),
                ImageRef::Media("dog.jpg".into())
            ]
        );
        for r in &refs {
            assert!(
                html.contains(&format!("/media/42/{}", r.encode())),
                "{html}"
            );
            assert_eq!(ImageRef::decode(&r.encode()).as_ref(), Some(r));
        }
        assert!(html.contains("alt=\"a cat\""), "{html}");
        assert_eq!(ImageRef::decode("x00"), None);
        assert_eq!(ImageRef::decode("n0"), None);
    }

    #[test]
    fn remote_images_are_links_not_loads() {
        let html = served("![chart](https://e.x/c.png)", 1);
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("<a href=\"https://e.x/c.png\">[image: chart]</a>"),
            "{html}"
        );
        assert_eq!(image_type("a/B.PNG"), Some("image/png"));
        assert_eq!(image_type("Circuits#^15c42b"), None);
    }

    #[test]
    fn only_web_links_keep_their_address() {
        let html = served("[site](https://example.org) [bad](javascript:alert(1))", 1);
        assert!(html.contains("href=\"https://example.org\""), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("bad"), "{html}");
    }

    #[test]
    fn marks_become_mark_elements() {
        let text = format!("The {MARK_OPEN}mitochondria{MARK_CLOSE} is the powerhouse");
        let html = served(&text, 1);
        assert!(html.contains("<mark>mitochondria</mark>"), "{html}");
        assert_eq!(unmarked(&text), "The mitochondria is the powerhouse");
    }

    #[test]
    fn the_report_shows_no_image_and_no_math_markup() {
        let h = html("![a cat](c.png) and $x$ and [image: d.png]");
        assert!(!h.contains("<img") && !h.contains("<math"), "{h}");
        assert!(h.contains("a cat"), "{h}");
    }
}
