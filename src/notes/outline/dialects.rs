//! The container syntax of Markdown's publishing dialects, read as the text it wraps: GitBook's
//! and Jekyll's Liquid tags (`{% hint style="info" %}` … `{% endhint %}`, `{% tabs %}`), MkDocs'
//! admonitions (`!!! note "Title"` over a body indented four columns) and the `:::` containers of
//! Docusaurus, VuePress and Pandoc. The markers never reach a card; what they wrap is read as
//! ordinary text, so a hint's definition is a fact like any other line. Line for line: a marker
//! line reads as a blank line, so every other line keeps its number.

use std::borrow::Cow;

/// An MkDocs admonition's first line: `!!! note`, `!!! tip "Title"`, `??? info`, `???+ warning`.
pub(super) fn is_admonition(rest: &str) -> bool {
    let after = ["!!! ", "???+ ", "??? "]
        .iter()
        .find_map(|m| rest.strip_prefix(m));
    after.is_some_and(|a| {
        a.trim_start()
            .split([' ', '"'])
            .next()
            .is_some_and(|kind| !kind.is_empty() && kind.bytes().all(|b| b.is_ascii_lowercase()))
    })
}

/// A `:::` container line: `:::tip`, `::: note Title`, `::: {.warning}`, or the closing `:::`.
pub(super) fn is_container_fence(rest: &str) -> bool {
    let t = rest.trim_end();
    let colons = t.bytes().take_while(|&b| b == b':').count();
    colons >= 3 && {
        let after = t[colons..].trim_start();
        after.is_empty()
            || after
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic() || b == b'{')
    }
}

/// The line with its Liquid tags (`{% include note.html %}`, `{% if a %}`) taken out, and whether
/// a `{% raw %}` is open at its end. What `{% raw %}` … `{% endraw %}` wraps is kept as written,
/// on this line or the next ones (`raw`: one is open before the line; `{% raw %}{% autoescape
/// off %}{% endraw %}` shows the Django tag). A line that held only tags reads as a blank line.
/// Linear in the line: tags do not nest, so each is passed once.
pub(super) fn strip_liquid<'a>(line: &'a str, raw: &mut bool) -> Cow<'a, str> {
    if !*raw && !line.contains("{%") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        if *raw {
            match find_tag(rest, "endraw") {
                Some((at, after)) => {
                    out.push_str(&rest[..at]);
                    rest = &rest[after..];
                    *raw = false;
                }
                None => {
                    out.push_str(rest);
                    break;
                }
            }
            continue;
        }
        let Some(at) = rest.find("{%") else {
            out.push_str(rest);
            break;
        };
        // The closing `%}` after the opening one (`{%}` holds no tag).
        let Some(len) = rest[at + 2..].find("%}") else {
            out.push_str(rest);
            break;
        };
        let tag = rest[at + 2..at + 2 + len].trim_matches([' ', '-']);
        out.push_str(&rest[..at]);
        rest = &rest[at + 2 + len + 2..];
        *raw = tag == "raw";
    }
    if out.trim().is_empty() {
        return Cow::Borrowed("");
    }
    if out == line {
        return Cow::Borrowed(line);
    }
    Cow::Owned(out)
}

/// The line without its `{% raw %}` and `{% endraw %}` tags, everything else as written: code
/// a site wrapped in them to show a template's tags shows those tags.
pub(super) fn without_raw_markers(line: &str) -> Cow<'_, str> {
    if !line.contains("{%") {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    // One pass over the tags: each is kept or dropped once.
    while let Some(at) = rest.find("{%") {
        let Some(len) = rest[at + 2..].find("%}") else {
            break;
        };
        let end = at + 2 + len + 2;
        let name = rest[at + 2..at + 2 + len].trim_matches([' ', '-']);
        out.push_str(&rest[..at]);
        if name != "raw" && name != "endraw" {
            out.push_str(&rest[at..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    if out == line {
        Cow::Borrowed(line)
    } else {
        Cow::Owned(out)
    }
}

/// Where the tag `{% name %}` starts in `text`, and where it ends.
fn find_tag(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(at) = text[from..].find("{%") {
        let at = from + at;
        let len = text[at + 2..].find("%}")?;
        let end = at + 2 + len + 2;
        if text[at + 2..at + 2 + len].trim_matches([' ', '-']) == name {
            return Some((at, end));
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_of_each_dialect_are_known_and_text_is_not() {
        assert!(is_admonition("!!! note \"Remember\""));
        assert!(is_admonition("???+ tip"));
        assert!(!is_admonition("!!! wow!!!"));
        assert!(!is_admonition("??? 42"));
        assert!(!is_admonition("!!! Important !!!"));
        assert!(is_container_fence(":::tip"));
        assert!(is_container_fence("::: note Title"));
        assert!(is_container_fence(":::"));
        assert!(!is_container_fence("::: 3 colons then a number"));
        assert!(!is_container_fence("a :: b"));
    }

    fn strip(line: &str, raw: bool) -> (String, bool) {
        let mut raw = raw;
        let out = strip_liquid(line, &mut raw).into_owned();
        (out, raw)
    }

    #[test]
    fn liquid_tags_go_and_what_raw_wraps_stays() {
        assert_eq!(strip("see {% include x.html %} here", false).0, "see  here");
        assert_eq!(
            strip("{% hint style=\"info\" %}", false),
            (String::new(), false)
        );
        assert_eq!(strip("{% if a %}Yes{% endif %}", false).0, "Yes");
        assert_eq!(
            strip(
                "wrap in {% raw %}{% autoescape off %}{%- endraw -%} tags",
                false
            ),
            ("wrap in {% autoescape off %} tags".to_string(), false)
        );
        // A raw block over lines: opened, kept, closed mid-line.
        assert_eq!(
            strip("Example {% raw %}", false),
            ("Example ".to_string(), true)
        );
        assert_eq!(
            strip("{{ x }} {% include y %}", true),
            ("{{ x }} {% include y %}".to_string(), true)
        );
        assert_eq!(
            strip("{{ x }}{% endraw %} after", true),
            ("{{ x }} after".to_string(), false)
        );
        // Overlapping and unclosed markers are text, never a slice out of order.
        for odd in [
            "{%}",
            "a {%} b {% x %}",
            "{% raw %}{%}",
            "{%%}",
            "{% raw %} {%} {% endraw",
        ] {
            let _ = strip(odd, false);
            let _ = strip(odd, true);
        }
        assert_eq!(strip("a {%} b", false).0, "a {%} b");
        assert_eq!(
            without_raw_markers("{% raw %}{% if spark %} {{ x }}{% endraw %} {% include y %}"),
            "{% if spark %} {{ x }} {% include y %}"
        );
        assert_eq!(without_raw_markers("plain {%} code"), "plain {%} code");
        // Many openings before one closing: each is passed once (searching again from each
        // would take minutes here, not milliseconds).
        let hostile = format!("x {{% raw %}}{}%}}", "{%".repeat(200_000));
        assert!(strip(&hostile, false).1);
    }
}
