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
                let base = lists.len().checked_sub(2).map_or(0, |i| lists[i].1);
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
                let code_tag = next
                    .to_ascii_lowercase()
                    .starts_with("<code")
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
                match rest.to_ascii_lowercase().find(&end) {
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
        let entity = after.find(';').filter(|&n| n <= 10).map(|n| &after[..n]);
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

/// The cloze spans of a text (`{{c2::answer}}`, `{{c2::answer::hint}}`), outermost only.
fn spans(text: &str) -> Vec<Span> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("{{c") {
        let start = from + i;
        let digits: String = text[start + 3..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        let body_at = start + 3 + digits.len();
        let (Ok(number), true) = (digits.parse::<u32>(), text[body_at..].starts_with("::")) else {
            from = start + 3;
            continue;
        };
        // The matching `}}`, past nested spans.
        let body_at = body_at + 2;
        let mut depth = 0;
        let mut at = body_at;
        let mut end = None;
        while at < text.len() {
            if text[at..].starts_with("{{") {
                depth += 1;
                at += 2;
            } else if text[at..].starts_with("}}") {
                if depth == 0 {
                    end = Some(at);
                    break;
                }
                depth -= 1;
                at += 2;
            } else {
                at += text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        let Some(end) = end else { break };
        let body = &text[body_at..end];
        // A hint follows the last `::` outside nested spans.
        let (answer, hint) = match body.rfind("::").filter(|&h| !body[h..].contains("}}")) {
            Some(h) => (&body[..h], Some(body[h + 2..].to_string())),
            None => (body, None),
        };
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
    fn collect(text: &str, into: &mut Vec<u32>) {
        for s in spans(text) {
            into.push(s.number);
            collect(&s.answer, into);
        }
    }
    let mut numbers = Vec::new();
    collect(text, &mut numbers);
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// Cloze number `number` of a text as recall's question and answer: its spans hidden as `[…]`
/// (`[… hint]`), the other numbers' spans shown as their answers; the answer is the hidden
/// spans' text joined by ", ". None when the text has no span with that number.
pub fn cloze_card(text: &str, number: u32) -> Option<(String, String)> {
    let mut answers = Vec::new();
    let question = hide(text, number, &mut answers);
    (!answers.is_empty()).then(|| (question, answers.join(", ")))
}

/// `text` with the spans numbered `number` hidden (their answers pushed on `answers`) and the
/// others shown.
fn hide(text: &str, number: u32, answers: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in spans(text) {
        out.push_str(&text[at..s.range.start]);
        if s.number == number {
            match &s.hint {
                Some(h) if !h.trim().is_empty() => out.push_str(&format!("[… {}]", h.trim())),
                _ => out.push_str("[…]"),
            }
            answers.push(reveal_all(&s.answer));
        } else {
            out.push_str(&hide(&s.answer, number, answers));
        }
        at = s.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A text with every cloze span shown as its answer.
fn reveal_all(text: &str) -> String {
    let spans = spans(text);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for s in &spans {
        out.push_str(&text[at..s.range.start]);
        out.push_str(&reveal_all(&s.answer));
        at = s.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A recall cloze question and answer in Anki's syntax: each blank `[…]` (or `[… hint]`)
/// becomes `{{c1::part}}` (`{{c1::part::hint}}`). None when the answer cannot be split over
/// the blanks (see [`crate::cloze::fill`]).
pub fn to_anki_cloze(question: &str, answer: &str) -> Option<String> {
    const OPEN: &str = "\u{1}";
    const CLOSE: &str = "\u{2}";
    let filled = crate::cloze::fill(question, answer, OPEN, CLOSE)?;
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
    let mut out = String::with_capacity(filled.len() + 16);
    let mut n = 0;
    for (k, piece) in filled.split(OPEN).enumerate() {
        if k == 0 {
            out.push_str(piece);
            continue;
        }
        let (inside, after) = piece.split_once(CLOSE).unwrap_or((piece, ""));
        out.push_str("{{c1::");
        out.push_str(inside);
        if let Some(Some(h)) = hints.get(n) {
            out.push_str("::");
            out.push_str(h);
        }
        out.push_str("}}");
        out.push_str(after);
        n += 1;
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
            "The {{c1::GIL}} guards {{c1::bytecode::what}}"
        );
        assert_eq!(to_anki_cloze("no blank", "x"), None);
        // Back again.
        let anki = to_anki_cloze("The […] guards [… what]", "GIL, bytecode").unwrap();
        assert_eq!(
            cloze_card(&anki, 1).unwrap(),
            (
                "The […] guards [… what]".to_string(),
                "GIL, bytecode".to_string()
            )
        );
    }
}
