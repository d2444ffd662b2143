//! YAML front matter (`---` … `---` at the top of a Markdown note) → page properties.
//!
//! Read with a real YAML parser (`yaml-rust2`, event by event), so quoted strings, flow and block
//! lists and comments mean what YAML says they mean: `tags: ['weekly/12', "b"]` is the two tags
//! `weekly/12` and `b`. Only the top-level mapping is read: a scalar value is kept as it is, a list
//! of scalars is joined with `, ` (the form `tags::` takes in Logseq), and nested mappings, lists
//! of mappings and aliases are ignored. The event parser never expands aliases, so a hostile
//! document costs time and memory linear in its size; bodies over [`MAX_FRONT_MATTER_BYTES`] are
//! not read at all.

use super::outline::block::{Property, Warning};
use yaml_rust2::parser::{Event, Parser};

/// Front matter longer than this is ignored with a warning (real front matter is a few lines).
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// A list value holds at most this many items; the rest are dropped (tags, aliases).
const MAX_LIST_ITEMS: usize = 1_000;

/// Reads a front matter body (the lines between the fences; `first_line` is the 1-based line of
/// the first of them). Returns the top-level properties and, for YAML that cannot be read, a
/// warning with its line (the properties read before the error are kept).
pub fn read(body: &str, first_line: usize) -> (Vec<Property>, Option<Warning>) {
    let mut props = Vec::new();
    if body.len() > MAX_FRONT_MATTER_BYTES {
        let warning = Warning {
            line: first_line.saturating_sub(1).max(1),
            message: format!(
                "front matter is over {} KiB; its properties are ignored",
                MAX_FRONT_MATTER_BYTES / 1024
            ),
        };
        return (props, Some(warning));
    }
    let mut parser = Parser::new_from_str(body);
    // Depth 0: outside the document; 1: the top-level mapping; deeper: inside a value.
    let mut depth = 0usize;
    let mut key: Option<(String, usize)> = None;
    let mut list: Option<Vec<String>> = None;
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(e) => e,
            Err(e) => {
                let warning = Warning {
                    line: first_line + e.marker().line().saturating_sub(1),
                    message: format!(
                        "front matter is not valid YAML ({}); the properties after this line are ignored",
                        e.info()
                    ),
                };
                return (props, Some(warning));
            }
        };
        match event {
            Event::StreamEnd => break,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 1 && matches!(event, Event::SequenceStart(..)) && key.is_some() {
                    list = Some(Vec::new());
                } else if depth == 2 && list.is_some() {
                    list = None; // a list of mappings or lists: not a simple value
                    key = None;
                } else if depth == 1 {
                    key = None; // a nested mapping as a value, or a complex key
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    if let (Some((k, line)), Some(items)) = (key.take(), list.take()) {
                        props.push(property(k, items.join(", "), line));
                    }
                }
            }
            Event::Scalar(value, ..) => match depth {
                1 => match key.take() {
                    None => key = Some((value, first_line + mark.line().saturating_sub(1))),
                    Some((k, line)) => props.push(property(k, value, line)),
                },
                2 => {
                    if let Some(items) = &mut list {
                        if items.len() < MAX_LIST_ITEMS {
                            items.push(value);
                        }
                    }
                }
                _ => {}
            },
            Event::Alias(_) if depth == 1 => key = None, // a value we do not expand
            _ => {}
        }
    }
    (props, None)
}

fn property(key: String, value: String, line: usize) -> Property {
    Property {
        key: key.trim().to_lowercase(),
        value: value.trim().to_string(),
        line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kv(body: &str) -> Vec<(String, String)> {
        read(body, 2)
            .0
            .into_iter()
            .map(|p| (p.key, p.value))
            .collect()
    }

    fn pair(k: &str, v: &str) -> (String, String) {
        (k.to_string(), v.to_string())
    }

    #[test]
    fn quoted_flow_list_gives_bare_items() {
        assert_eq!(
            kv("tags: ['weekly/12', \"b\"]\n"),
            [pair("tags", "weekly/12, b")]
        );
    }

    #[test]
    fn block_lists_scalars_and_lines() {
        let (props, warning) = read(
            "title: \"Why: a post\"\naliases:\n  - git plumbing\n  - how git stores stuff\ncreated: 2026-01-04\n",
            2,
        );
        assert!(warning.is_none());
        let got: Vec<(&str, &str, usize)> = props
            .iter()
            .map(|p| (p.key.as_str(), p.value.as_str(), p.line))
            .collect();
        assert_eq!(
            got,
            [
                ("title", "Why: a post", 2),
                ("aliases", "git plumbing, how git stores stuff", 3),
                ("created", "2026-01-04", 6)
            ]
        );
    }

    #[test]
    fn nested_maps_and_lists_of_maps_are_ignored() {
        assert_eq!(
            kv("meta:\n  a: 1\n  b: [x]\nitems:\n  - a: 1\n  - b: 2\nRecall-Cards: explicit\n"),
            [pair("recall-cards", "explicit")]
        );
    }

    #[test]
    fn aliases_are_never_expanded() {
        let body = "a: &x [lol, lol]\nb: *x\nc: ok\n";
        assert_eq!(kv(body), [pair("a", "lol, lol"), pair("c", "ok")]);
    }

    #[test]
    fn bad_yaml_warns_with_its_line_and_keeps_what_came_before() {
        let (props, warning) = read("tags: [a, b]\ntitle: \"unclosed\n", 2);
        assert_eq!(props.len(), 1);
        let w = warning.expect("a warning");
        assert!(w.line >= 3, "{w:?}");
        assert!(w.message.contains("not valid YAML"), "{}", w.message);
    }

    #[test]
    fn huge_front_matter_is_not_read() {
        let body = "k: v\n".repeat(MAX_FRONT_MATTER_BYTES / 4);
        let (props, warning) = read(&body, 2);
        assert!(props.is_empty());
        assert!(warning.is_some());
    }

    #[test]
    fn deeply_nested_flow_collections_are_survived() {
        let body = format!("a: {}{}\nb: c\n", "[".repeat(5_000), "]".repeat(5_000));
        let _ = read(&body, 2); // no panic, no stack overflow
    }
}
