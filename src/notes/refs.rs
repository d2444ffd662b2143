//! Logseq block references and embeds, resolved the way Logseq shows them: `((uuid))` and
//! `{{embed ((uuid))}}` become the text of the block whose `id::` is that uuid, found in the same
//! page or anywhere in the imported folder or graph ([`BlockIndex`]); `{{embed [[page]]}}` shows
//! the page's name. A reference that nothing resolves is dropped from the text and counted, never
//! shown raw.
//!
//! A referenced block's text is its first line, with bold markers taken off (its clozes belong to
//! the block itself, not to every block that mentions it) and its own references left out (no
//! chains, no cycles).

use super::inline;
use super::outline::Outline;
use std::borrow::Cow;
use std::collections::HashMap;

/// Blocks by their Logseq `id::`: the text a reference to them shows.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BlockIndex {
    blocks: HashMap<String, String>,
}

impl BlockIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// An index of `(id, text)` pairs.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut index = BlockIndex::new();
        for (id, text) in pairs {
            index.insert(&id, text);
        }
        index
    }

    /// Adds every block of `outline` that has an `id::`.
    pub fn add_outline(&mut self, outline: &Outline) {
        for (id, text) in block_ids(outline) {
            self.blocks.insert(id, text);
        }
    }

    /// Adds one block by id (as the store keeps them).
    pub fn insert(&mut self, id: &str, text: String) {
        self.blocks.insert(id.to_ascii_lowercase(), text);
    }

    /// Forgets a block (its note changed or is gone).
    pub fn remove(&mut self, id: &str) {
        self.blocks.remove(&id.to_ascii_lowercase());
    }

    /// The text a reference to block `id` shows.
    pub fn get(&self, id: &str) -> Option<&str> {
        self.blocks
            .get(&id.to_ascii_lowercase())
            .map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The (id, text) pairs, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.blocks.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

/// The blocks of an outline that have an `id::`: (lower-case id, the text a reference shows).
pub fn block_ids(outline: &Outline) -> Vec<(String, String)> {
    outline
        .blocks
        .iter()
        .filter_map(|b| {
            let id = b.property("id").filter(|id| is_block_id(id))?;
            Some((id.to_ascii_lowercase(), shown_text(&b.text)))
        })
        .collect()
}

/// The block ids an outline refers to (`((id))`, `{{embed ((id))}}`), lower-case, sorted, once
/// each.
pub fn referenced_ids(outline: &Outline) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for b in &outline.blocks {
        if !has_refs(&b.text) {
            continue;
        }
        let src = b.text.as_str();
        let bytes = src.as_bytes();
        for at in memchr::memmem::find_iter(bytes, b"((") {
            if let Some((id_end, _)) = block_ref_at(src, at) {
                ids.push(src[at + 2..id_end].to_ascii_lowercase());
            }
        }
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// What a reference to a block with this source text shows: its first line, at most
/// [`MAX_SHOWN_CHARS`] characters of it.
fn shown_text(src: &str) -> String {
    let first = src.lines().next().unwrap_or("");
    let cut = first
        .char_indices()
        .nth(MAX_SHOWN_CHARS * 2)
        .map_or(first, |(k, _)| &first[..k]);
    let (no_refs, _) = resolve(cut, &[]);
    let inline = inline::render(&no_refs);
    let shown = inline.first_line().replace("**", "").replace("__", "");
    inline::clip(shown.trim(), MAX_SHOWN_CHARS)
}

/// The most characters a block reference shows of the block it points at.
const MAX_SHOWN_CHARS: usize = 200;

/// How much longer than its source a text may grow by resolving references: past it, the
/// references are left as written (a note cannot make memory grow without bound).
const MAX_RESOLVED_GROWTH: usize = 64 * 1024;

/// A uuid-like id: hex digits and dashes, 8 to 64 of them.
fn is_block_id(id: &str) -> bool {
    (8..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
}

/// Could `src` hold a reference or an embed? (A byte check, before any work.)
pub fn has_refs(src: &str) -> bool {
    let b = src.as_bytes();
    memchr::memchr2_iter(b'(', b'{', b).any(|at| match b[at] {
        b'(' => b.get(at + 1) == Some(&b'('),
        _ => b[at..].starts_with(b"{{embed"),
    })
}

/// Replaces the references and embeds in a block's source text by what `indexes` (looked up in
/// order) resolve them to; unresolved ones are dropped. Returns the text and how many were
/// unresolved.
pub fn resolve<'a>(src: &'a str, indexes: &[&BlockIndex]) -> (Cow<'a, str>, usize) {
    if !has_refs(src) {
        return (Cow::Borrowed(src), 0);
    }
    let mut out = String::with_capacity(src.len());
    let mut unresolved = 0;
    let mut copied = 0;
    let mut i = 0;
    let b = src.as_bytes();
    while i + 1 < b.len() {
        let (start, id_at, end) = if b[i] == b'(' && b[i + 1] == b'(' {
            match block_ref_at(src, i) {
                Some((id_end, end)) => (i, i + 2..id_end, end),
                None => {
                    i += 1;
                    continue;
                }
            }
        } else if b[i..].starts_with(b"{{embed") {
            match embed_at(src, i) {
                Some(Embed::Block(id, end)) => (i, id, end),
                Some(Embed::Page(page, end)) => {
                    out.push_str(&src[copied..i]);
                    out.push_str("[[");
                    out.push_str(&src[page]);
                    out.push_str("]]");
                    i = end;
                    copied = end;
                    continue;
                }
                None => {
                    i += 1;
                    continue;
                }
            }
        } else {
            i += 1;
            continue;
        };
        out.push_str(&src[copied..start]);
        let id = &src[id_at];
        match indexes.iter().find_map(|x| x.get(id)) {
            Some(text) if out.len() + text.len() <= src.len() + MAX_RESOLVED_GROWTH => {
                out.push_str(text)
            }
            Some(_) => out.push_str(&src[start..end]),
            None => unresolved += 1,
        }
        i = end;
        copied = end;
    }
    out.push_str(&src[copied..]);
    (Cow::Owned(out), unresolved)
}

/// Is `src` nothing but one block reference or block embed (`{{embed ((id))}}`)? Such a block
/// shows another block, which asks its own cards; what is under it remarks on that block.
pub fn only_refers(src: &str) -> bool {
    let t = src.trim();
    let end = if t.starts_with("((") {
        block_ref_at(t, 0).map(|(_, end)| end)
    } else if t.starts_with("{{embed") {
        match embed_at(t, 0) {
            Some(Embed::Block(_, end)) => Some(end),
            _ => None,
        }
    } else {
        None
    };
    end == Some(t.len())
}

/// `((id))` starting at `at`: (end of the id, end of the reference).
fn block_ref_at(src: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &src[at + 2..];
    let len = rest
        .bytes()
        .take(65)
        .take_while(|b| b.is_ascii_hexdigit() || *b == b'-')
        .count();
    (rest[len..].starts_with("))") && is_block_id(&rest[..len]))
        .then_some((at + 2 + len, at + 2 + len + 2))
}

/// The longest page name an embed is looked for with.
const MAX_PAGE_NAME_BYTES: usize = 512;

/// The end of the `}}` that follows `at` after nothing but spaces.
fn closing_braces(src: &str, at: usize) -> Option<usize> {
    let rest = &src[at..];
    let spaces = rest.len() - rest.trim_start().len();
    rest[spaces..].starts_with("}}").then_some(at + spaces + 2)
}

enum Embed {
    /// The range of the block id, and the end of the macro.
    Block(std::ops::Range<usize>, usize),
    /// The range of the page name, and the end of the macro.
    Page(std::ops::Range<usize>, usize),
}

/// `{{embed ((id))}}` or `{{embed [[page]]}}` starting at `at`.
fn embed_at(src: &str, at: usize) -> Option<Embed> {
    let after = at + "{{embed".len();
    let rest = &src[after..];
    let arg_at = after + (rest.len() - rest.trim_start().len());
    let arg = &src[arg_at..];
    if arg.starts_with("((") {
        let (id_end, ref_end) = block_ref_at(src, arg_at)?;
        let close = closing_braces(src, ref_end)?;
        Some(Embed::Block(arg_at + 2..id_end, close))
    } else if let Some(page) = arg.strip_prefix("[[") {
        // A page name is short: the search for its end stops there (no quadratic scans).
        let head = &page.as_bytes()[..page.len().min(MAX_PAGE_NAME_BYTES)];
        let name_end = arg_at + 2 + memchr::memmem::find(head, b"]]")?;
        let close = closing_braces(src, name_end + 2)?;
        Some(Embed::Page(arg_at + 2..name_end, close))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> BlockIndex {
        let mut x = BlockIndex::new();
        x.add_outline(&super::super::outline::parse(
            "- blood is buffered by **carbonic acid**\n  id:: 65e9f3a0-2c4b-4d7e-8a1f-5b6c7d8e9f01\n",
        ));
        x
    }

    #[test]
    fn a_block_that_only_shows_another_is_told_apart() {
        let id = "65e9f3a0-2c4b-4d7e-8a1f-5b6c7d8e9f01";
        assert!(only_refers(&format!(" {{{{embed (({id}))}}}} ")));
        assert!(only_refers(&format!("(({id}))")));
        assert!(!only_refers(&format!("see (({id}))")));
        assert!(!only_refers("{{embed [[Rust ownership]]}}"));
        assert!(!only_refers("((not an id))"));
    }

    #[test]
    fn references_show_the_block_text_without_bold() {
        let x = index();
        let (t, n) = resolve(
            "blood example: ((65E9F3A0-2c4b-4d7e-8a1f-5b6c7d8e9f01)) done",
            &[&x],
        );
        assert_eq!(t, "blood example: blood is buffered by carbonic acid done");
        assert_eq!(n, 0);
    }

    #[test]
    fn embeds_of_blocks_and_pages() {
        let x = index();
        let (t, _) = resolve("{{embed ((65e9f3a0-2c4b-4d7e-8a1f-5b6c7d8e9f01))}}", &[&x]);
        assert_eq!(t, "blood is buffered by carbonic acid");
        let (t, _) = resolve("{{embed [[Rust ownership]]}}", &[&x]);
        assert_eq!(t, "[[Rust ownership]]");
    }

    #[test]
    fn unresolved_references_are_dropped_and_counted() {
        let (t, n) = resolve(
            "review: ((6604a1f2-3b7c-4e15-9a2d-81c0f4e6b7a3)) and ((65ea1c3d-9b2f-4e61-a7c8-3d4e5f6a7b80))",
            &[],
        );
        assert_eq!((t.as_ref(), n), ("review:  and ", 2));
    }

    #[test]
    fn parentheses_that_are_not_references_stay() {
        for s in ["f((x))", "((not an id))", "a (( b", "{{embed}}"] {
            assert_eq!(resolve(s, &[]).0, s);
        }
    }
}
