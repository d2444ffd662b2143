//! What the parser makes: an [`Outline`] of [`Block`]s, each with its text, kind and
//! properties, and the [`Warning`]s it worked around.

use super::lines::property_line;

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

/// How a note file structures its blocks (see the module comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    Markdown,
    Logseq,
}

impl Flavor {
    /// Logseq when the text starts with Logseq page properties (`key:: value` lines), else
    /// Markdown. (Files of a Logseq graph are Logseq whatever their first line.)
    pub fn detect(src: &str) -> Flavor {
        let first = src
            .trim_start_matches('\u{feff}')
            .lines()
            .find(|l| !l.trim().is_empty());
        match first {
            Some(l) if property_line(l.trim_end()).is_some() => Flavor::Logseq,
            _ => Flavor::Markdown,
        }
    }
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
    /// A task (`TODO`, `DOING`, `DONE`, `[ ]`, …): a plan, not a fact. The marker is taken out of
    /// [`Block::text`].
    pub task: bool,
    /// A task list item ticked (`[x]`): in a quiz's choices, a right one.
    pub checked: bool,
}

impl Block {
    /// The value of a property, by lower-case key.
    pub fn property(&self, key: &str) -> Option<&str> {
        find_property(&self.properties, key)
    }

    /// The source line of line `k` of [`Block::text`]: the block's first line plus `k`, plus the
    /// property lines taken out of the text before it.
    pub fn source_line(&self, k: usize) -> usize {
        let mut line = self.line + k;
        for p in &self.properties {
            if p.line > self.line && p.line <= line {
                line += 1;
            }
        }
        line
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

pub(super) fn find_property<'a>(props: &'a [Property], key: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|p| p.key == key)
        .map(|p| p.value.as_str())
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
