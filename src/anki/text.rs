//! Card text across the border with Anki: Anki's field HTML read as recall's Markdown-ish text,
//! Anki's cloze syntax (`{{c1::answer::hint}}`) turned into a recall question and answer, and
//! a recall cloze question written back in Anki's syntax. Pure: text in, text out.

/// An Anki field (HTML) as text: line breaks for `<br>`, `<div>` and list items, a blank line
/// between paragraphs, bold and italics as Markdown, links as `[text](url)`, `<pre>` blocks as
/// fenced code, images as `[image: name]` (media is not imported), other tags dropped,
/// entities decoded, blank lines collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // Open lists: numbered (the next number) or not, and where their current item's text
    // starts (its indent and marker), which nested lines are indented to.
    let mut lists: Vec<(Option<u32>, usize)> = Vec::new();
    // Inside `<pre>`: the indent of its lines (a code block in a list item is indented).
    let mut pre: Option<String> = None;
    let mut links: Vec<String> = Vec::new();
    let line = |out: &mut String| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt], pre.as_deref());
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            // A lone `<`: text.
            push_text(&mut out, &rest[lt..], pre.as_deref());
            rest = "";
            break;
        };
        let tag = &after[..gt];
        rest = &after[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("br", _) => out.push('\n'),
            ("p", true) => out.push_str("\n\n"),
            ("div" | "p" | "tr" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6", _) => {
                line(&mut out)
            }
            ("ul", false) => {
                line(&mut out);
                lists.push((None, 0));
            }
            ("ol", false) => {
                line(&mut out);
                lists.push((Some(1), 0));
            }
            ("ul" | "ol", true) => {
                lists.pop();
                line(&mut out);
            }
            ("li", false) => {
                line(&mut out);
                // Deep nesting is indented no further than this.
                let base = lists
                    .len()
                    .checked_sub(2)
                    .map_or(0, |i| lists[i].1)
                    .min(MAX_INDENT);
                let marker = match lists.last_mut() {
                    Some((Some(n), _)) => {
                        *n += 1;
                        format!("{}. ", *n - 1)
                    }
                    _ => "- ".to_string(),
                };
                out.push_str(&" ".repeat(base));
                out.push_str(&marker);
                if let Some(last) = lists.last_mut() {
                    last.1 = base + marker.len();
                }
            }
            ("pre", false) => {
                // Right after a list item's marker, the block is the item's first line.
                let in_item = !lists.is_empty() && (out.ends_with("- ") || out.ends_with(". "));
                let indent = " ".repeat(lists.last().map_or(0, |l| l.1));
                if !in_item {
                    line(&mut out);
                    out.push_str(&indent);
                }
                // `<pre><code class="language-x">`: the fence's language.
                let next = rest.trim_start();
                let code_tag = (next.get(..5))
                    .is_some_and(|p| p.eq_ignore_ascii_case("<code"))
                    .then(|| &next[..next.find('>').unwrap_or(next.len())]);
                let language = code_tag
                    .and_then(|t| attribute(t, "class"))
                    .and_then(|c| c.strip_prefix("language-").map(str::to_string))
                    .unwrap_or_default();
                out.push_str(&format!("```{language}\n{indent}"));
                pre = Some(indent);
            }
            ("pre", true) => {
                let indent = pre.take().unwrap_or_default();
                if out.ends_with(&format!("\n{indent}")) {
                    out.truncate(out.len() - indent.len());
                }
                line(&mut out);
                out.push_str(&format!("{indent}```\n"));
            }
            ("code", _) if pre.is_some() => {}
            ("b" | "strong", _) => out.push_str("**"),
            ("i" | "em", _) => out.push('*'),
            ("code", _) => out.push('`'),
            ("a", false) => {
                links.push(
                    attribute(tag, "href")
                        .map(|h| decode(&h))
                        .unwrap_or_default(),
                );
                out.push('[');
            }
            ("a", true) => {
                let href = links.pop().unwrap_or_default();
                out.push_str(&format!("]({href})"));
            }
            ("td" | "th", true) => out.push(' '),
            ("img", false) => {
                let name = attribute(tag, "src").unwrap_or_default();
                out.push_str(&format!("[image: {}]", decode(&name)));
            }
            ("script" | "style", false) => {
                // Their content is not text.
                let end = format!("</{name}");
                match crate::caseless::find(rest, &end) {
                    Some(at) => rest = &rest[at..],
                    None => rest = "",
                }
            }
            _ => {}
        }
    }
    push_text(&mut out, rest, pre.as_deref());
    tidy(&out)
}

/// How far list items are indented at most (deeper ones line up there).
const MAX_INDENT: usize = 40;

/// Trims each line's end and the whole, and leaves at most one blank line in a row.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.trim().lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.truncate(out.trim_end().len());
    out
}

/// An attribute's value in a tag's text (`img src="a.png"`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let value = &tag[at..];
    let (quote, value) = match value.chars().next()? {
        q @ ('"' | '\'') => (Some(q), &value[1..]),
        _ => (None, value),
    };
    let end = match quote {
        Some(q) => value.find(q).unwrap_or(value.len()),
        None => value.find([' ', '/']).unwrap_or(value.len()),
    };
    Some(value[..end].to_string())
}

/// Text between tags: line breaks in HTML source are spaces, except in `<pre>` (whose lines
/// get `pre`'s indent).
fn push_text(out: &mut String, text: &str, pre: Option<&str>) {
    if let Some(indent) = pre {
        out.push_str(&decode(text).replace('\n', &format!("\n{indent}")));
    } else {
        // Only white space across a line break: the HTML's layout between tags, not text.
        if text.contains('\n') && text.trim().is_empty() {
            return;
        }
        let text = text.replace(['\n', '\r'], " ");
        out.push_str(&decode(&text));
    }
}

/// HTML entities decoded: the named ones notes use, and numeric ones.
pub fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        // An entity is short: `;` within a few bytes.
        let entity = (after.bytes().take(12).position(|b| b == b';')).map(|n| &after[..n]);
        let decoded = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            _ => {
                let n = e.strip_prefix('#')?;
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => n.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (entity, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &after[e.len() + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One cloze span of an Anki field: its number, answer and hint, and where it is.
#[derive(Debug, Clone, PartialEq)]
struct Span {
    number: u32,
    answer: String,
    hint: Option<String>,
    range: std::ops::Range<usize>,
}

/// How deep nested cloze spans are read; deeper ones stay as they are written.
const MAX_NESTING: usize = 16;

/// The cloze spans of a text (`{{c2::answer}}`, `{{c2::answer::hint}}`, `{{C2::…}}` too),
/// outermost only.
fn spans(text: &str) -> Vec<Span> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("{{") {
        let start = from + i;
        from = start + 2;
        if !crate::cloze::opens_numbered(&text[start + 2..]) {
            continue;
        }
        // The matching `}}`, past nested spans.
        let Some(end) =
            crate::cloze::outside_nested(&text[start + 2..], b"}}").map(|k| start + 2 + k)
        else {
            break;
        };
        let Some((cloze, number)) =
            crate::cloze::numbered(&text[start + 2..end]).and_then(|c| c.number.map(|n| (c, n)))
        else {
            continue;
        };
        let (answer, hint) = (cloze.answer, cloze.hint.map(str::to_string));
        found.push(Span {
            number,
            answer: answer.to_string(),
            hint,
            range: start..end + 2,
        });
        from = end + 2;
    }
    found
}

/// The cloze numbers a text has (nested spans too), in order, each once.
pub fn cloze_numbers(text: &str) -> Vec<u32> {
    fn collect(text: &str, into: &mut Vec<u32>, depth: usize) {
        for s in spans(text) {
            into.push(s.number);
            if depth < MAX_NESTING {
                collect(&s.answer, into, depth + 1);
            }
        }
    }
    let mut numbers = Vec::new();
    collect(text, &mut numbers, 0);
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// Cloze number `number` of a field as recall's question and answer (each still in the
/// field's markup): its spans hidden as `[…]` (`[… hint]`), the other numbers' spans shown as
/// their answers; the answer is the hidden spans' text joined by ", ". None when the text has
/// no span with that number.
pub fn cloze_card(text: &str, number: u32) -> Option<(String, String)> {
    let mut answers = Vec::new();
    let question = hide(text, number, &mut answers, 0);
    (!answers.is_empty()).then(|| (question, answers.join(", ")))
}

/// `text` with the spans numbered `number` hidden (their answers pushed on `answers`) and the
/// others shown.
fn hide(text: &str, number: u32, answers: &mut Vec<String>, depth: usize) -> String {
    if depth > MAX_NESTING {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in spans(text) {
        out.push_str(&text[at..s.range.start]);
        if s.number == number {
            match &s.hint {
                Some(h) if !h.trim().is_empty() => out.push_str(&format!("[… {}]", h.trim())),
                _ => out.push_str("[…]"),
            }
            answers.push(reveal_all(&s.answer, depth + 1));
        } else {
            out.push_str(&hide(&s.answer, number, answers, depth + 1));
        }
        at = s.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A text with every cloze span shown as its answer.
fn reveal_all(text: &str, depth: usize) -> String {
    if depth > MAX_NESTING {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in spans(text) {
        out.push_str(&text[at..s.range.start]);
        out.push_str(&reveal_all(&s.answer, depth + 1));
        at = s.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A recall cloze question and answer as an Anki Cloze field (HTML): each blank `[…]` (or
/// `[… hint]`) becomes `{{c1::part}}` (`{{c1::part::hint}}`), the Markdown rendered, and `:`,
/// `{` and `}` inside a span written as entities so `std::mem` is not read as a hint. None
/// when the answer cannot be split over the blanks (see [`crate::cloze::fill`]).
pub fn to_anki_cloze(question: &str, answer: &str) -> Option<String> {
    const OPEN: char = '\u{1}';
    const CLOSE: char = '\u{2}';
    const HINT: char = '\u{3}';
    // The markers below are control characters no card text holds (notes' are made visible
    // when read); any that came from elsewhere go.
    let strip = |t: &str| t.replace([OPEN, CLOSE, HINT], "");
    let (question, answer) = (&strip(question), &strip(answer));
    let filled = crate::cloze::fill(question, answer, "\u{1}", "\u{2}")?;
    // The hints are gone from `filled`: find them in the question, blank by blank.
    let mut hints = Vec::new();
    let mut from = 0;
    while let Some(i) = question[from..].find("[…") {
        let start = from + i + "[…".len();
        let rest = &question[start..];
        let hint = match rest.chars().next() {
            Some(' ') => rest.find(']').map(|j| rest[1..j].to_string()),
            _ => None,
        };
        hints.push(hint);
        from = start;
    }
    let mut marked = String::with_capacity(filled.len() + 16);
    let mut n = 0;
    for c in filled.chars() {
        if c == CLOSE {
            if let Some(Some(h)) = hints.get(n) {
                marked.push(HINT);
                marked.push_str(h);
            }
            n += 1;
        }
        marked.push(c);
    }
    let html = crate::display::html_lines(&marked);
    let mut out = String::with_capacity(html.len() + 16);
    let mut inside = false;
    for c in html.chars() {
        match c {
            OPEN => {
                out.push_str("{{c1::");
                inside = true;
            }
            CLOSE => {
                out.push_str("}}");
                inside = false;
            }
            HINT => out.push_str("::"),
            ':' if inside => out.push_str("&#58;"),
            '{' if inside => out.push_str("&#123;"),
            '}' if inside => out.push_str("&#125;"),
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_reads_as_text() {
        assert_eq!(
            html_to_text("<div>The <b>GIL</b>&nbsp;guards&amp;locks</div><div>line 2<br>3</div>"),
            "The **GIL** guards&locks\nline 2\n3"
        );
        assert_eq!(
            html_to_text("<ul><li>one</li><li>two</li></ul>"),
            "- one\n- two"
        );
        assert_eq!(
            html_to_text("a <img src=\"cat.jpg\"> b &lt;x&gt; &#955; &#x3bb; &bogus; 1 < 2"),
            "a [image: cat.jpg] b <x> λ λ &bogus; 1 < 2"
        );
        assert_eq!(
            html_to_text("x<style>.a{}</style>y<script>alert(1)</script>z"),
            "xyz"
        );
        assert_eq!(html_to_text("<p>a</p>\n\n<p></p><p></p><p>b</p>"), "a\n\nb");
        assert_eq!(
            html_to_text("<p>see <a href=\"https://x.org/?a=1&amp;b\">docs</a></p>"),
            "see [docs](https://x.org/?a=1&b)"
        );
        assert_eq!(
            html_to_text("<ol>\n<li>one\n<ul>\n<li>sub</li>\n</ul>\n</li>\n<li>two</li>\n</ol>"),
            "1. one\n   - sub\n2. two"
        );
        assert_eq!(
            html_to_text("<pre><code class=\"language-py\">if x &lt; 1:\n    pass\n</code></pre>"),
            "```py\nif x < 1:\n    pass\n```"
        );
        // A class further on is not the block's language.
        assert_eq!(
            html_to_text("<pre>x</pre><span class=\"language-js\">y</span>"),
            "```\nx\n```\ny"
        );
        // recall's answers: code blocks in list items, as pulldown-cmark renders them.
        for markdown in [
            "- ```python\n  csvfile.flush()\n  os.fsync(f)\n  ```",
            "- uv\n  - ```\n    $ uv add x\n    # a.toml\n    ```",
            "1. one\n2. two\n   - sub",
        ] {
            let back = html_to_text(&crate::display::html(markdown));
            assert_eq!(
                crate::display::plain(&back),
                crate::display::plain(markdown),
                "{back}"
            );
        }
    }

    #[test]
    fn each_cloze_number_is_a_card() {
        let text = "The {{c1::GIL}} is {{c2::a lock::what kind}}; {{c1::it}} serialises";
        assert_eq!(cloze_numbers(text), vec![1, 2]);
        assert_eq!(
            cloze_card(text, 1).unwrap(),
            (
                "The […] is a lock; […] serialises".to_string(),
                "GIL, it".to_string()
            )
        );
        assert_eq!(
            cloze_card(text, 2).unwrap(),
            (
                "The GIL is [… what kind]; it serialises".to_string(),
                "a lock".to_string()
            )
        );
        assert_eq!(cloze_card(text, 3), None);
        assert_eq!(cloze_numbers("{{c1:: unclosed"), Vec::<u32>::new());
        assert_eq!(cloze_numbers("{{cx::no}} {{c::no}}"), Vec::<u32>::new());
    }

    #[test]
    fn nested_clozes_show_the_inner_answer() {
        let text = "{{c1::outer {{c2::inner}} end}}";
        assert_eq!(
            cloze_card(text, 1).unwrap(),
            ("[…]".to_string(), "outer inner end".to_string())
        );
        assert_eq!(
            cloze_card(text, 2).unwrap(),
            ("outer […] end".to_string(), "inner".to_string())
        );
        assert_eq!(cloze_numbers(text), vec![1, 2]);
    }

    #[test]
    fn recall_clozes_write_as_anki_clozes() {
        assert_eq!(
            to_anki_cloze("The […] guards [… what]", "GIL, bytecode").unwrap(),
            "<p>The {{c1::GIL}} guards {{c1::bytecode::what}}</p>"
        );
        assert_eq!(to_anki_cloze("no blank", "x"), None);
        // Control characters in the text cannot pose as the markers.
        assert_eq!(
            to_anki_cloze("a\u{1}b […]", "c\u{2}d").unwrap(),
            "<p>ab {{c1::cd}}</p>"
        );
        // A `::` in an answer is not a hint.
        let anki = to_anki_cloze("swap with […]", "`std::mem::swap`").unwrap();
        assert_eq!(
            anki,
            "<p>swap with {{c1::<code>std&#58;&#58;mem&#58;&#58;swap</code>}}</p>"
        );
        // Back again, as an import reads it.
        for (question, answer) in [
            ("The […] guards [… what]", "GIL, bytecode"),
            ("swap with […]", "`std::mem::swap`"),
        ] {
            let field = to_anki_cloze(question, answer).unwrap();
            let (q, a) = cloze_card(&field, 1).unwrap();
            assert_eq!(
                (html_to_text(&q), html_to_text(&a)),
                (question.into(), answer.into())
            );
        }
    }

    #[test]
    fn cloze_syntax_as_anki_reads_it() {
        // The hint after the first `::`; `C` as `c`.
        assert_eq!(
            cloze_card("{{C1::a::b::c}}", 1).unwrap(),
            ("[… b::c]".to_string(), "a".to_string())
        );
        // Nesting past the limit stays as written, without a stack overflow.
        let deep = "{{c1::".repeat(100_000) + &"}}".repeat(100_000);
        assert!(cloze_card(&deep, 1).is_some());
        assert_eq!(cloze_numbers(&deep), vec![1]);
    }

    #[test]
    fn hostile_html_takes_bounded_time_and_room() {
        let nested = "<ul><li>".repeat(50_000);
        assert!(html_to_text(&nested).len() < 50_000 * 60);
        let pres = "<pre>x</pre>".repeat(50_000) + &"<script>".repeat(20_000);
        assert_eq!(html_to_text(&pres).matches("```").count(), 100_000);
        let amps = "&".repeat(200_000) + ";";
        assert_eq!(decode(&amps).len(), 200_001);
    }
}
