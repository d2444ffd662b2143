//! Outline parser: Markdown / Logseq / Obsidian note text → a tree of blocks.
//!
//! Owns the *block structure* only: bullets and their indentation (tabs or spaces), continuation
//! lines, `key:: value` properties, fenced code, Markdown headings as outline levels, paragraphs,
//! page properties (Logseq lines before the first bullet, or YAML front matter). Inline Markdown
//! (bold, code spans, links, tags) stays as source text; `notes::inline` reads it with
//! pulldown-cmark.
//!
//! The tree is stored flat, in document (pre-)order: each block knows its parent, its depth and
//! where its subtree ends. Nothing here or in the code that walks it recurses, so a 100,000-deep
//! outline costs no stack, and dropping it is a plain `Vec` drop.

/// One `key:: value` property (Logseq), `key: value` front-matter entry or Dataview field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// Lower-cased key (`collapsed`, `id`, `tags`, `logseq.order-list-type`, ...).
    pub key: String,
    pub value: String,
    /// 1-based source line.
    pub line: usize,
}

/// What kind of source construct opened a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A list item (`-`, `*`, `+`, `1.`): Logseq blocks and Markdown lists.
    Bullet,
    /// A Markdown `#` heading outside any list: an outline level for non-Logseq notes.
    Heading(u8),
    /// Top-level text (a paragraph or a fenced code block) that is not in a list.
    Paragraph,
}

/// One block of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's own content as Markdown source: marker and indentation removed, continuation
    /// lines joined with `\n`, property lines taken out. Fenced code keeps its fences verbatim.
    pub text: String,
    pub properties: Vec<Property>,
    /// 1-based line where the block starts.
    pub line: usize,
    pub parent: Option<usize>,
    /// 0 for top-level blocks.
    pub depth: usize,
    /// One past the index of the last block in this block's subtree.
    pub end: usize,
}

impl Block {
    /// The value of a property, by lower-case key.
    pub fn property(&self, key: &str) -> Option<&str> {
        find_property(&self.properties, key)
    }
}

/// Something odd in the notes that the parser worked around; shown to the user with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: usize,
    pub message: String,
}

/// A parsed note file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outline {
    pub page_properties: Vec<Property>,
    /// All blocks in document order; a block's subtree is `blocks[i + 1..blocks[i].end]`.
    pub blocks: Vec<Block>,
    pub warnings: Vec<Warning>,
}

impl Outline {
    /// The value of a page property, by lower-case key.
    pub fn page_property(&self, key: &str) -> Option<&str> {
        find_property(&self.page_properties, key)
    }

    /// Indices of the direct children of block `i`, in order.
    pub fn children(&self, i: usize) -> Children<'_> {
        Children {
            outline: self,
            next: i + 1,
            end: self.blocks[i].end,
        }
    }

    /// Indices of the top-level blocks, in order.
    pub fn roots(&self) -> Children<'_> {
        Children {
            outline: self,
            next: 0,
            end: self.blocks.len(),
        }
    }
}

/// Iterator over sibling blocks (see [`Outline::children`]).
pub struct Children<'a> {
    outline: &'a Outline,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_> {
    type Item = usize;
    fn next(&mut self) -> Option<usize> {
        if self.next >= self.end {
            return None;
        }
        let i = self.next;
        self.next = self.outline.blocks[i].end;
        Some(i)
    }
}

fn find_property<'a>(props: &'a [Property], key: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|p| p.key == key)
        .map(|p| p.value.as_str())
}

/// Columns a tab advances to (the next multiple of this). Only relative indentation matters,
/// so any fixed width works for tab-indented Logseq files and 2/4-space Markdown lists alike.
const TAB_WIDTH: usize = 4;

/// An open fenced code block.
struct Fence {
    marker: u8,
    len: usize,
    line: usize,
}

/// A bullet that can still receive children or continuation lines.
struct OpenBullet {
    /// Column of the bullet marker.
    indent: usize,
    block: usize,
}

/// The block that continuation lines go to, and how much indentation they lose.
struct Current {
    block: usize,
    content_col: usize,
    /// A blank line was seen since the last line added: the next one starts a new paragraph.
    pending_blank: bool,
}

struct Parser {
    out: Outline,
    bullets: Vec<OpenBullet>,
    headings: Vec<(u8, usize)>,
    current: Option<Current>,
    fence: Option<Fence>,
    prev_blank: bool,
}

/// Parses note text into an [`Outline`]. Never fails and never panics: any input gives some
/// outline, and oddities are reported in [`Outline::warnings`].
pub fn parse(src: &str) -> Outline {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut p = Parser {
        out: Outline::default(),
        bullets: Vec::new(),
        headings: Vec::new(),
        current: None,
        fence: None,
        prev_blank: true,
    };
    let mut lines = src
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, trim_cr(l)));
    let looked_at = p.front_matter(&mut lines);
    for (no, line) in looked_at.into_iter().chain(lines) {
        p.line(no, line);
    }
    p.finish()
}

fn trim_cr(line: &str) -> &str {
    line.strip_suffix('\r').unwrap_or(line)
}

impl Parser {
    /// Reads YAML front matter (`---` ... `---` as the very first lines) into page properties.
    /// Only flat `key: value` entries are read; nested YAML is skipped. Returns the lines it read
    /// that turned out not to be front matter, for the caller to parse as notes.
    fn front_matter<'a, I>(&mut self, lines: &mut I) -> Vec<(usize, &'a str)>
    where
        I: Iterator<Item = (usize, &'a str)>,
    {
        let mut buffered: Vec<(usize, &'a str)> = Vec::new();
        match lines.next() {
            Some((no, first)) if first.trim_end() == "---" => {
                let mut body = Vec::new();
                let mut closed = false;
                for (n, l) in lines.by_ref() {
                    if l.trim_end() == "---" || l.trim_end() == "..." {
                        closed = true;
                        break;
                    }
                    body.push((n, l));
                }
                if closed {
                    for (n, l) in body {
                        if let Some((k, v)) = l.split_once(':') {
                            let key = k.trim();
                            if !key.is_empty()
                                && !l.starts_with([' ', '\t'])
                                && is_property_key(key)
                            {
                                self.out.page_properties.push(Property {
                                    key: key.to_ascii_lowercase(),
                                    value: v.trim().to_string(),
                                    line: n,
                                });
                            }
                        }
                    }
                } else {
                    // Not front matter after all (a lone `---`): read everything as notes.
                    buffered.push((no, first));
                    buffered.extend(body);
                }
            }
            Some(first) => buffered.push(first),
            None => {}
        }
        buffered
    }

    fn line(&mut self, no: usize, line: &str) {
        let (col, rest_at) = indentation(line);
        let rest = &line[rest_at..];
        let blank = rest.trim().is_empty();

        if self.fence.is_some() && self.fence_line(line, col, rest, blank) {
            return;
        }

        if blank {
            if let Some(cur) = &mut self.current {
                cur.pending_blank = true;
            }
            self.prev_blank = true;
            return;
        }

        // A bullet starts a block at its own indentation.
        if let Some(marker_len) = bullet_marker(rest) {
            self.bullet(no, col, &rest[marker_len..], col + marker_len);
            self.prev_blank = false;
            return;
        }

        // Text indented past an open bullet's marker continues the innermost such bullet.
        while let Some(top) = self.bullets.last() {
            if top.indent < col {
                break;
            }
            self.bullets.pop();
        }
        if let Some(top) = self.bullets.last() {
            let block = top.block;
            self.continuation(no, block, line);
            self.prev_blank = false;
            return;
        }

        // Not inside any bullet.
        if col <= 3 {
            if let Some(level) = heading_level(rest) {
                self.heading(no, level, rest);
                self.prev_blank = false;
                return;
            }
        }
        let lazy = !self.prev_blank
            && matches!(&self.current, Some(c) if !matches!(self.out.blocks[c.block].kind, BlockKind::Heading(_)));
        if lazy {
            let block = self.current.as_ref().map(|c| c.block).unwrap_or(0);
            self.continuation(no, block, line);
        } else if self.out.blocks.is_empty()
            && self.current.is_none()
            && col == 0
            && property_line(rest).is_some()
        {
            // Logseq page properties: property lines before the first block.
            let (key, value) = property_line(rest).unwrap_or_default();
            self.out.page_properties.push(Property {
                key: key.to_ascii_lowercase(),
                value: value.to_string(),
                line: no,
            });
        } else if is_thematic_break(rest) {
            self.current = None;
        } else {
            let parent = self.headings.last().map(|&(_, b)| b);
            let block = self.push(BlockKind::Paragraph, parent, no);
            self.current = Some(Current {
                block,
                content_col: col,
                pending_blank: false,
            });
            self.add_text(no, block, rest);
        }
        self.prev_blank = false;
    }

    /// Handles a line while a fence is open. Returns false when the line turned out to close an
    /// unterminated fence and must be read as an ordinary line.
    fn fence_line(&mut self, line: &str, col: usize, rest: &str, blank: bool) -> bool {
        let Some(cur) = &self.current else {
            self.fence = None;
            return false;
        };
        let block = cur.block;
        let content_col = cur.content_col;
        let in_bullet = self.out.blocks[block].kind == BlockKind::Bullet;
        // Logseq never dedents inside a block: a bullet at a lower indentation means the fence
        // was never closed. End it there rather than swallow the rest of the file.
        if in_bullet && !blank && col < content_col && bullet_marker(rest).is_some() {
            let fence = self.fence.take().expect("fence is open");
            self.out.warnings.push(Warning {
                line: fence.line,
                message: "code fence opened here is never closed; it ends at the next bullet"
                    .into(),
            });
            return false;
        }
        let text = strip_columns(line, content_col);
        let fence = self.fence.as_ref().expect("fence is open");
        if closes_fence(&text, fence.marker, fence.len) {
            self.fence = None;
        }
        let t = &mut self.out.blocks[block].text;
        t.push('\n');
        t.push_str(text.trim_end_matches([' ', '\t']).trim_end_matches('\r'));
        if let Some(cur) = &mut self.current {
            cur.pending_blank = false;
        }
        true
    }

    fn bullet(&mut self, no: usize, col: usize, content: &str, content_col: usize) {
        while let Some(top) = self.bullets.last() {
            if top.indent < col {
                break;
            }
            self.bullets.pop();
        }
        let parent = self
            .bullets
            .last()
            .map(|b| b.block)
            .or_else(|| self.headings.last().map(|&(_, b)| b));
        let block = self.push(BlockKind::Bullet, parent, no);
        self.bullets.push(OpenBullet { indent: col, block });
        self.current = Some(Current {
            block,
            content_col,
            pending_blank: false,
        });
        self.add_text(no, block, content.trim_start_matches([' ', '\t']));
    }

    fn heading(&mut self, no: usize, level: u8, rest: &str) {
        self.bullets.clear();
        while let Some(&(l, _)) = self.headings.last() {
            if l < level {
                break;
            }
            self.headings.pop();
        }
        let parent = self.headings.last().map(|&(_, b)| b);
        let block = self.push(BlockKind::Heading(level), parent, no);
        self.headings.push((level, block));
        self.out.blocks[block].text = rest.trim_end().to_string();
        self.current = Some(Current {
            block,
            content_col: 0,
            pending_blank: false,
        });
    }

    fn continuation(&mut self, no: usize, block: usize, line: &str) {
        let content_col = match &self.current {
            Some(c) if c.block == block => c.content_col,
            _ => {
                // Text after a deeper bullet that returns to an outer one.
                let indent = self.bullets.last().map(|b| b.indent).unwrap_or(0);
                self.current = Some(Current {
                    block,
                    content_col: indent + 2,
                    pending_blank: true,
                });
                indent + 2
            }
        };
        let text = strip_columns(line, content_col);
        self.add_text(no, block, &text);
    }

    /// Adds one content line to a block: a property, a fence opener or plain text.
    fn add_text(&mut self, no: usize, block: usize, text: &str) {
        let text = text.trim_end();
        if let Some((key, value)) = property_line(text) {
            self.out.blocks[block].properties.push(Property {
                key: key.to_ascii_lowercase(),
                value: value.to_string(),
                line: no,
            });
            return;
        }
        if let Some((marker, len)) = fence_opener(text) {
            self.fence = Some(Fence {
                marker,
                len,
                line: no,
            });
        }
        let pending = match &mut self.current {
            Some(c) if c.block == block => std::mem::take(&mut c.pending_blank),
            _ => false,
        };
        let t = &mut self.out.blocks[block].text;
        if !t.is_empty() {
            t.push('\n');
            if pending {
                t.push('\n');
            }
        }
        t.push_str(text);
    }

    fn push(&mut self, kind: BlockKind, parent: Option<usize>, line: usize) -> usize {
        let depth = parent.map_or(0, |p| self.out.blocks[p].depth + 1);
        let i = self.out.blocks.len();
        self.out.blocks.push(Block {
            kind,
            text: String::new(),
            properties: Vec::new(),
            line,
            parent,
            depth,
            end: i + 1,
        });
        i
    }

    fn finish(mut self) -> Outline {
        if let Some(f) = self.fence.take() {
            self.out.warnings.push(Warning {
                line: f.line,
                message: "code fence opened here is never closed; it runs to the end of the file"
                    .into(),
            });
        }
        // Subtree ends: children follow their parent, so one backward pass settles them.
        let blocks = &mut self.out.blocks;
        for i in (0..blocks.len()).rev() {
            if let Some(p) = blocks[i].parent {
                let end = blocks[i].end;
                if blocks[p].end < end {
                    blocks[p].end = end;
                }
            }
        }
        // A first block made only of properties holds the page's properties (Logseq writes
        // them so when a page has no leading property lines).
        if self.out.page_properties.is_empty() {
            if let Some(first) = self.out.blocks.first_mut() {
                if first.text.is_empty() && !first.properties.is_empty() && first.end == 1 {
                    self.out.page_properties = std::mem::take(&mut first.properties);
                }
            }
        }
        self.out
    }
}

/// Leading whitespace as (columns, bytes).
fn indentation(line: &str) -> (usize, usize) {
    let mut col = 0;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b' ' => col += 1,
            b'\t' => col = (col / TAB_WIDTH + 1) * TAB_WIDTH,
            _ => return (col, i),
        }
    }
    (col, line.len())
}

/// Removes up to `cols` columns of indentation, keeping what a tab covers beyond them.
fn strip_columns(line: &str, cols: usize) -> std::borrow::Cow<'_, str> {
    let mut col = 0;
    for (i, b) in line.bytes().enumerate() {
        if col >= cols {
            return std::borrow::Cow::Borrowed(&line[i..]);
        }
        match b {
            b' ' => col += 1,
            b'\t' => {
                col = (col / TAB_WIDTH + 1) * TAB_WIDTH;
                if col > cols {
                    let mut s = " ".repeat(col - cols);
                    s.push_str(&line[i + 1..]);
                    return std::borrow::Cow::Owned(s);
                }
            }
            _ => return std::borrow::Cow::Borrowed(&line[i..]),
        }
    }
    std::borrow::Cow::Borrowed("")
}

/// Length of a list marker and the space after it (`- `, `* `, `+ `, `12. `, `3) `), or `None`.
/// A marker alone on its line (an empty Logseq bullet) counts too.
fn bullet_marker(rest: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let marker = match b.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits > 9 || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    match b.get(marker) {
        None => Some(marker),
        Some(b' ' | b'\t') => Some(marker + 1),
        _ => None,
    }
}

/// `#`..`######` followed by a space (or nothing): an ATX heading.
fn heading_level(rest: &str) -> Option<u8> {
    let hashes = rest.bytes().take_while(|&c| c == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    match rest.as_bytes().get(hashes) {
        None | Some(b' ' | b'\t') => Some(hashes as u8),
        _ => None,
    }
}

fn is_thematic_break(rest: &str) -> bool {
    let t = rest.trim_end();
    let Some(c) = t.bytes().next() else {
        return false;
    };
    matches!(c, b'-' | b'*' | b'_')
        && t.bytes().filter(|&b| b == c).count() >= 3
        && t.bytes().all(|b| b == c || b == b' ' || b == b'\t')
}

/// A property key is one identifier: letters, digits, `_`, `-`, `.`, `/`; not starting with `-`.
fn is_property_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    matches!(bytes.next(), Some(c) if c.is_ascii_alphanumeric() || c == b'_')
        && bytes.all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'/'))
}

/// `key:: value` with `key` one identifier directly followed by `::`.
pub(crate) fn property_line(text: &str) -> Option<(&str, &str)> {
    let b = text.as_bytes();
    let key_len = b
        .iter()
        .take_while(|&&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'/'))
        .count();
    if key_len == 0 || !b[key_len..].starts_with(b"::") {
        return None;
    }
    let key = &text[..key_len];
    let after = &text[key_len + 2..];
    if !is_property_key(key) || !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some((key, after.trim()))
}

/// Byte offset of the first `pair` (two equal ASCII bytes, like `::` or `{{`) at or after
/// `from`. A byte search: the two-way `str::find` setup costs more than these short lines.
pub(crate) fn find_pair(text: &str, from: usize, byte: u8) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = from;
    while i + 1 < b.len() {
        let at = i + b[i..].iter().position(|&c| c == byte)?;
        if b.get(at + 1) == Some(&byte) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// A fence opener (```` ``` ```` or `~~~`, three or more, up to 3 spaces in) as (marker, length).
fn fence_opener(text: &str) -> Option<(u8, usize)> {
    let t = text.trim_start_matches(' ');
    if text.len() - t.len() > 3 {
        return None;
    }
    let marker = *t.as_bytes().first()?;
    if marker != b'`' && marker != b'~' {
        return None;
    }
    let len = t.bytes().take_while(|&c| c == marker).count();
    if len < 3 || (marker == b'`' && t[len..].contains('`')) {
        return None;
    }
    Some((marker, len))
}

fn closes_fence(text: &str, marker: u8, len: usize) -> bool {
    let t = text.trim();
    let n = t.bytes().take_while(|&c| c == marker).count();
    n >= len && n == t.len()
}

#[cfg(test)]
mod tests;
