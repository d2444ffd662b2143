//! The container syntax of Markdown's publishing dialects, read as the text it wraps: GitBook's
//! and Jekyll's Liquid tags (`{% hint style="info" %}` … `{% endhint %}`, `{% tabs %}`), MkDocs'
//! admonitions (`!!! note "Title"` over a body indented four columns) and the `:::` containers of
//! Docusaurus, VuePress and Pandoc. The markers never reach a card; what they wrap is read as
//! ordinary text, so a hint's definition is a fact like any other line. Line for line: a marker
//! line reads as a blank line, so every other line keeps its number.

use std::borrow::Cow;

/// A line that is one Liquid tag (`{% hint style="info" %}`, `{% endtabs %}`, `{% embed url="…" %}`).
pub(super) fn is_liquid_tag_line(rest: &str) -> bool {
    let t = rest.trim();
    t.starts_with("{%") && t.ends_with("%}") && t.len() >= 4
}

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

/// The line with its inline Liquid tags (`{% include note.html %}`) taken out; what a
/// `{% raw %}` … `{% endraw %}` pair wraps is kept as written (`{% raw %}{% autoescape off
/// %}{% endraw %}` shows the Django tag). A line holding a code span is left as it is: a tag in
/// backticks is shown, not run.
pub(super) fn strip_liquid(line: &str) -> Cow<'_, str> {
    if !line.contains("{%") || line.contains('`') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("{%") {
        // The closing `%}` after the opening one (`{%}` holds no tag).
        let Some(len) = rest[at + 2..].find("%}") else {
            break;
        };
        let tag = &rest[at + 2..at + 2 + len];
        out.push_str(&rest[..at]);
        rest = &rest[at + 2 + len + 2..];
        if tag.trim() == "raw" {
            let (kept, after) = split_at_endraw(rest);
            out.push_str(kept);
            rest = after;
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Is this line's tag `{% raw %}` (true) or `{% endraw %}` (false)?
pub(super) fn raw_tag(rest: &str) -> Option<bool> {
    let t = rest.trim();
    let inner = t.strip_prefix("{%")?.strip_suffix("%}")?.trim();
    match inner {
        "raw" => Some(true),
        "endraw" => Some(false),
        _ => None,
    }
}

/// `text` up to its `{% endraw %}` (any spacing inside the tag), and what follows the tag.
fn split_at_endraw(text: &str) -> (&str, &str) {
    let mut from = 0;
    while let Some(at) = text[from..].find("{%") {
        let at = from + at;
        if let Some(len) = text[at + 2..].find("%}") {
            if text[at + 2..at + 2 + len].trim() == "endraw" {
                return (&text[..at], &text[at + 2 + len + 2..]);
            }
        }
        from = at + 2;
    }
    (text, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_of_each_dialect_are_known_and_text_is_not() {
        assert!(is_liquid_tag_line("{% hint style=\"info\" %}"));
        assert!(is_liquid_tag_line("  {% endhint %}  "));
        assert!(!is_liquid_tag_line("{% a %} and text"));
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
        assert_eq!(strip_liquid("see {% include x.html %} here"), "see  here");
        assert_eq!(strip_liquid("`{% raw %}` shows"), "`{% raw %}` shows");
        assert_eq!(strip_liquid("open {% never closed"), "open {% never closed");
        assert_eq!(
            strip_liquid("wrap in {% raw %}{% autoescape off %}{%endraw%} tags"),
            "wrap in {% autoescape off %} tags"
        );
        assert_eq!(raw_tag("{% raw %}"), Some(true));
        // Overlapping and unclosed markers are text, never a slice out of order.
        for odd in [
            "{%}",
            "a {%} b {% x %}",
            "{% raw %}{%}",
            "{%%}",
            "{% raw %} {%} {% endraw",
        ] {
            let _ = strip_liquid(odd);
            let _ = is_liquid_tag_line(odd);
            let _ = raw_tag(odd);
        }
        assert_eq!(strip_liquid("a {%} b"), "a {%} b");
        assert_eq!(
            raw_tag(" {%- endraw -%}".replace('-', "").as_str()),
            Some(false)
        );
    }
}
