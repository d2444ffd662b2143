//! Outline parser: Markdown / Logseq / Obsidian note text → a tree of blocks.
//!
//! Owns the *block structure* only: bullets and their indentation (tabs or spaces), continuation
//! lines, `key:: value` properties, fenced code, Markdown headings as outline levels, paragraphs,
//! page properties (Logseq lines before the first bullet, or YAML front matter, read by
//! `notes::front_matter`). Inline Markdown (bold, code spans, links, tags) stays as source text;
//! `notes::inline` reads it with pulldown-cmark. Org files are translated to this Markdown first
//! (`notes::org`), line for line.
//!
//! What the parser takes out of a block's text, so no card ever shows it: property lines, task
//! markers (`TODO`, `DONE`, `[ ]`, …; the block is marked [`Block::task`]), planning lines
//! (`SCHEDULED:`, `DEADLINE:`, `CLOSED:`) and drawers (`:LOGBOOK:` … `:END:`; a `:PROPERTIES:`
//! drawer becomes properties). Logseq/org `#+BEGIN_x` blocks are rewritten to their Markdown
//! meaning: `SRC`, `EXAMPLE` and `QUERY` become fenced code (a query fence is tagged `query`),
//! `QUOTE` a block quote, `NOTE`/`TIP`/`IMPORTANT`/`WARNING`/`CAUTION`/`PINNED` a block quote
//! starting with its label (`> Note: …`); the markers themselves never stay.
//!
//! Two flavours differ in one thing: in a Logseq page ([`Flavor::Logseq`]) every column-0 bullet
//! is a top-level block, even after an unbulleted first paragraph or heading (that paragraph is a
//! block of its own, the parent only of the indented bullets right after it); in Markdown a
//! heading is the parent of everything up to the next heading of its level.
//!
//! The tree is stored flat, in document (pre-)order: each block knows its parent, its depth and
//! where its subtree ends. Nothing here or in the code that walks it recurses, so a 100,000-deep
//! outline costs no stack, and dropping it is a plain `Vec` drop.

pub mod block;
mod content;
mod dialects;
mod fences;
mod lines;

use super::caps::Caps;
pub use block::*;
use lines::*;
pub(crate) use lines::{find_pair, is_card_field, property_line, task_marker};

/// Closes an indented code block written as a fenced one (`text` opens with a fence of three
/// backticks): the fences are made longer than any run of backticks opening a line of the code,
/// so a fence inside it (`    ```) stays code.
fn close_indented(text: &mut String) {
    let longest = text
        .lines()
        .skip(1)
        .map(|l| l.trim_start().bytes().take_while(|&b| b == b'`').count())
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    if fence.len() > 3 {
        text.replace_range(..3, &fence);
    }
    text.push('\n');
    text.push_str(&fence);
}

/// How an open code block ends.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Closer {
    /// A Markdown fence: this marker byte, at least this many times.
    Fence { marker: u8, len: usize },
    /// `#+END_<kind>` (kind upper-case).
    End(&'static str),
}

/// An open fenced code block.
struct Fence {
    closer: Closer,
    line: usize,
}

/// A bullet that can still receive children or continuation lines.
struct OpenBullet {
    /// Column of the bullet marker.
    indent: usize,
    block: usize,
}

/// What the lines of a block are inside of, besides code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Text,
    /// A `#+BEGIN_QUOTE`-like block: lines become `> ` quote lines; the label goes first.
    Quote {
        end: &'static str,
        label: Option<&'static str>,
    },
    /// `#+BEGIN_COMMENT`: dropped.
    Comment,
    /// A `:DRAWER:` up to `:END:`; `true` for `:PROPERTIES:` (its lines are properties).
    Drawer(bool),
}

/// The block that continuation lines go to, and how much indentation they lose.
struct Current {
    block: usize,
    content_col: usize,
    /// A blank line was seen since the last line added: the next one starts a new paragraph.
    pending_blank: bool,
    region: Region,
}

struct Parser {
    flavor: Flavor,
    out: Outline,
    bullets: Vec<OpenBullet>,
    headings: Vec<(u8, usize)>,
    current: Option<Current>,
    fence: Option<Fence>,
    prev_blank: bool,
    /// Logseq: the unbulleted top-level block that indented bullets right after it belong to.
    preblock: Option<usize>,
    /// Markdown: the indented code block being read (written as a fenced one), and the blank
    /// lines seen since its last line.
    indented: Option<(usize, usize)>,
    /// Read CommonMark's underlined headings and indented code: a Markdown file, not org
    /// translated to Markdown (org indents its text and underlines nothing).
    commonmark: bool,
    /// An MkDocs admonition is open: the column of its `!!!` line (its body is indented four
    /// columns past it).
    admonition: Option<usize>,
    /// Inside a Liquid `{% raw %}` block: lines are read as written.
    raw: bool,
}

/// Parses note text into an [`Outline`], as Logseq or Markdown by [`Flavor::detect`]. Never
/// fails and never panics: any input gives some outline, and oddities are reported in
/// [`Outline::warnings`].
pub fn parse(src: &str) -> Outline {
    parse_as(src, Flavor::detect(src))
}

/// Parses note text of a known flavour (see [`parse`]).
pub fn parse_as(src: &str, flavor: Flavor) -> Outline {
    parse_within(src, flavor, Caps::default().blocks_per_note)
}

/// [`parse_as`], reading at most `max_blocks` blocks: the rest of the note is left out with a
/// warning at the line where it starts.
pub fn parse_within(src: &str, flavor: Flavor, max_blocks: usize) -> Outline {
    parse_with(src, flavor, max_blocks, flavor == Flavor::Markdown)
}

/// [`parse_within`] for org text translated to Markdown (`notes::org`): Markdown's outline, but
/// an indented line is text and a line of dashes a rule, as org reads them.
pub fn parse_translated_within(src: &str, max_blocks: usize) -> Outline {
    parse_with(src, Flavor::Markdown, max_blocks, false)
}

fn parse_with(src: &str, flavor: Flavor, max_blocks: usize, commonmark: bool) -> Outline {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut p = Parser {
        flavor,
        out: Outline::default(),
        bullets: Vec::new(),
        headings: Vec::new(),
        current: None,
        fence: None,
        prev_blank: true,
        preblock: None,
        indented: None,
        commonmark,
        admonition: None,
        raw: false,
    };
    let mut lines = src
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, trim_cr(l)));
    let looked_at = p.front_matter(&mut lines);
    for (no, line) in looked_at.into_iter().chain(lines) {
        if p.out.blocks.len() >= max_blocks {
            p.out.warnings.push(Warning {
                line: no,
                message: format!(
                    "more than {max_blocks} blocks in one note; the rest of it, from this line, \
                     is not read (split the note, or raise [limits] blocks-per-note)"
                ),
            });
            break;
        }
        p.line(no, line);
    }
    p.finish()
}

fn trim_cr(line: &str) -> &str {
    line.strip_suffix('\r').unwrap_or(line)
}

impl Parser {
    fn line(&mut self, no: usize, line: &str) {
        // Publishing dialects' containers (see `dialects`): in Markdown, not in org. Most lines
        // hold none of their markers, and are passed on after a byte or two is looked at.
        let first = line.trim_start_matches([' ', '\t']).bytes().next();
        let bytes = line.as_bytes();
        let marked = matches!(first, Some(b'!' | b'?' | b':' | b'{'))
            || memchr::memchr_iter(b'{', bytes).any(|k| bytes.get(k + 1) == Some(&b'%'));
        if !(self.commonmark || self.flavor == Flavor::Logseq)
            || !(marked || self.admonition.is_some() || self.raw)
        {
            return self.text_line(no, line);
        }
        // An admonition's body, four columns past its `!!!`, is read without those four (a
        // list item's own indentation kept).
        let mut dedented = None;
        if let Some(at) = self.admonition {
            let (col, rest_at) = indentation(line);
            if line[rest_at..].trim().is_empty() || col >= at + 4 {
                let mut l = " ".repeat(at);
                l.push_str(&strip_columns(line, at + 4));
                dedented = Some(l);
            } else {
                self.admonition = None;
            }
        }
        let line = dedented.as_deref().unwrap_or(line);
        let (col, rest_at) = indentation(line);
        let rest = &line[rest_at..];
        // Code is read as written: a fence's lines, and indented code (a line four columns in
        // after a blank line, outside a list, or going on with indented code already open).
        let code = self.fence.is_some()
            || (self.commonmark
                && col >= 4
                && self.bullets.is_empty()
                && (self.prev_blank || self.indented.is_some()));
        if code {
            // Code is shown as written, but for the `{% raw %}` markers a site wraps its
            // template examples in (`{% raw %}{% if x %}{% endraw %}` shows `{% if x %}`).
            return self.text_line(no, &dialects::without_raw_markers(line));
        }
        if !self.raw {
            if dialects::is_admonition(rest) {
                self.admonition = Some(col);
                return self.text_line(no, "");
            }
            if dialects::is_container_fence(rest) {
                return self.text_line(no, "");
            }
        }
        let mut raw = self.raw;
        let stripped = dialects::strip_liquid(line, &mut raw);
        self.raw = raw;
        self.text_line(no, &stripped)
    }

    /// One line of the note as the outline reads it (publishing dialects' markers taken out).
    fn text_line(&mut self, no: usize, line: &str) {
        let (col, rest_at) = indentation(line);
        let rest = &line[rest_at..];
        let blank = rest.trim().is_empty();

        if self.fence.is_some() && self.fence_line(line, col, rest, blank) {
            return;
        }
        if self.indented_line(line, col, blank) {
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

        self.top_level_line(no, col, line, rest);
    }

    /// A line outside every bullet: a heading, a page property, a paragraph or its next line.
    fn top_level_line(&mut self, no: usize, col: usize, line: &str, rest: &str) {
        let logseq = self.flavor == Flavor::Logseq;
        let current_kind = self.current.as_ref().map(|c| self.out.blocks[c.block].kind);
        // A property line right under a Markdown heading belongs to the heading.
        if matches!(current_kind, Some(BlockKind::Heading(_)))
            && !self.prev_blank
            && self.field(rest).is_some()
        {
            let block = self.current.as_ref().map_or(0, |c| c.block);
            self.add_text(no, block, rest);
            return;
        }
        if col <= 3 && !(logseq && self.preblock_open()) {
            if let Some(level) = heading_level(rest) {
                self.heading(no, level, rest);
                self.prev_blank = false;
                return;
            }
        }
        if self.commonmark
            && col >= 4
            && (self.prev_blank || matches!(current_kind, None | Some(BlockKind::Heading(_))))
        {
            // Text indented four columns, not in a list nor going on from a paragraph: code.
            // Its opening fence is counted as the line before it, so each line of the text is
            // at its own line in the file.
            let parent = self.headings.last().map(|&(_, b)| b);
            let block = self.push(BlockKind::Paragraph, parent, no.saturating_sub(1).max(1));
            let text = &mut self.out.blocks[block].text;
            text.push_str("```\n");
            text.push_str(&strip_columns(line, 4));
            self.indented = Some((block, 0));
            self.current = Some(Current {
                block,
                content_col: 4,
                pending_blank: false,
                region: Region::Text,
            });
            self.prev_blank = false;
            return;
        }
        if let Some(level) = self.setext_underline(col, rest) {
            // `Functions` over `---------`: the paragraph line above was a heading.
            if let Some(block) = self.out.blocks.pop() {
                let title = format!("{} {}", "#".repeat(level as usize), block.text);
                self.heading(block.line, level, &title);
                self.prev_blank = false;
                return;
            }
        }
        let lazy = match current_kind {
            None => false,
            // Logseq: the unbulleted first block runs up to the first bullet.
            Some(_) if logseq && self.preblock_open() => true,
            Some(BlockKind::Heading(_)) => false,
            Some(_) => !self.prev_blank,
        };
        if lazy {
            let block = self.current.as_ref().map(|c| c.block).unwrap_or(0);
            self.continuation(no, block, line);
        } else if self.out.blocks.is_empty()
            && self.current.is_none()
            && col == 0
            && self.field(rest).is_some()
        {
            // Logseq page properties: property lines before the first block.
            let (key, value) = self.field(rest).unwrap_or_default();
            self.out.page_properties.push(Property {
                key: key.to_lowercase(),
                value: value.to_string(),
                line: no,
            });
        } else if is_thematic_break(rest) {
            self.current = None;
            self.preblock = None;
        } else {
            self.paragraph(no, col, rest);
        }
        self.prev_blank = false;
    }

    /// Handles a line while an indented code block is open: a blank line or one indented four
    /// columns goes on with it; any other line closes it and is read as usual (false).
    fn indented_line(&mut self, line: &str, col: usize, blank: bool) -> bool {
        let Some((block, blanks)) = self.indented else {
            return false;
        };
        if blank {
            self.indented = Some((block, blanks + 1));
            return true;
        }
        let text = &mut self.out.blocks[block].text;
        if col >= 4 {
            for _ in 0..=blanks {
                text.push('\n');
            }
            text.push_str(&strip_columns(line, 4));
            self.indented = Some((block, 0));
            return true;
        }
        close_indented(text);
        self.indented = None;
        self.current = None;
        self.prev_blank = blanks > 0;
        false
    }

    /// The level of a Markdown setext heading whose underline this is (`===` 1, `---` 2): the
    /// line right above was the one line of the paragraph just begun, the last block read.
    fn setext_underline(&self, col: usize, rest: &str) -> Option<u8> {
        let t = rest.trim_end();
        let level = match t.bytes().next()? {
            b'=' => 1,
            b'-' => 2,
            _ => return None,
        };
        let current = self.current.as_ref()?;
        let block = &self.out.blocks[current.block];
        let only = t.bytes().all(|b| b == t.as_bytes()[0]);
        (self.commonmark
            && col <= 3
            && t.len() >= 2
            && only
            && !self.prev_blank
            && current.block + 1 == self.out.blocks.len()
            && current.region == Region::Text
            && block.kind == BlockKind::Paragraph
            && !block.text.is_empty()
            && !block.text.contains('\n')
            && block.properties.is_empty()
            && !block.task)
            .then_some(level)
    }

    /// A paragraph starts: under the last heading in Markdown; in Logseq, at the top (the
    /// first one is the page's unbulleted first block).
    fn paragraph(&mut self, no: usize, col: usize, rest: &str) {
        let logseq = self.flavor == Flavor::Logseq;
        let parent = if logseq {
            None
        } else {
            self.headings.last().map(|&(_, b)| b)
        };
        let block = self.push(BlockKind::Paragraph, parent, no);
        if logseq && parent.is_none() {
            self.preblock = Some(block);
        }
        self.current = Some(Current {
            block,
            content_col: col,
            pending_blank: false,
            region: Region::Text,
        });
        self.add_first_line(no, block, rest);
    }

    /// A property line, as (key, value): any `key:: value` in a Logseq page; in Markdown, not a
    /// `Term:: definition` card (see [`is_card_field`]).
    fn field<'t>(&self, text: &'t str) -> Option<(&'t str, &'t str)> {
        property_line(text).filter(|&(k, v)| self.flavor == Flavor::Logseq || !is_card_field(k, v))
    }

    /// Logseq: the current block is the unbulleted top-level block still taking lines.
    fn preblock_open(&self) -> bool {
        matches!((&self.current, self.preblock), (Some(c), Some(p)) if c.block == p)
    }

    fn bullet(&mut self, no: usize, col: usize, content: &str, content_col: usize) {
        while let Some(top) = self.bullets.last() {
            if top.indent < col {
                break;
            }
            self.bullets.pop();
        }
        let parent = match self.bullets.last() {
            Some(b) => Some(b.block),
            None if self.flavor == Flavor::Logseq => self.preblock.filter(|_| col > 0),
            None => self.headings.last().map(|&(_, b)| b),
        };
        if self.flavor == Flavor::Logseq && col == 0 {
            self.preblock = None;
        }
        let block = self.push(BlockKind::Bullet, parent, no);
        self.bullets.push(OpenBullet { indent: col, block });
        self.current = Some(Current {
            block,
            content_col,
            pending_blank: false,
            region: Region::Text,
        });
        let content = content.trim_start_matches([' ', '\t']);
        let content = match checkbox(content) {
            Some(rest) => {
                self.out.blocks[block].task = true;
                self.out.blocks[block].checked = content.as_bytes()[1].eq_ignore_ascii_case(&b'x');
                rest
            }
            None => content,
        };
        self.add_first_line(no, block, content);
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
                    region: Region::Text,
                });
                indent + 2
            }
        };
        let text = strip_columns(line, content_col);
        self.add_text(no, block, &text);
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
            task: false,
            checked: false,
        });
        i
    }

    fn finish(mut self) -> Outline {
        if let Some((block, _)) = self.indented.take() {
            close_indented(&mut self.out.blocks[block].text);
        }
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

#[cfg(test)]
mod tests;
