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
}

/// Parses note text into an [`Outline`], as Logseq or Markdown by [`Flavor::detect`]. Never
/// fails and never panics: any input gives some outline, and oddities are reported in
/// [`Outline::warnings`].
pub fn parse(src: &str) -> Outline {
    parse_as(src, Flavor::detect(src))
}

/// Parses note text of a known flavour (see [`parse`]).
pub fn parse_as(src: &str, flavor: Flavor) -> Outline {
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
    /// Returns the lines it read that turned out not to be front matter, for the caller to
    /// parse as notes.
    fn front_matter<'a, I>(&mut self, lines: &mut I) -> Vec<(usize, &'a str)>
    where
        I: Iterator<Item = (usize, &'a str)>,
    {
        let mut buffered: Vec<(usize, &'a str)> = Vec::new();
        match lines.next() {
            Some((no, first)) if first.trim_end() == "---" => {
                let mut body = Vec::new();
                let (mut closed, mut bytes) = (false, 0);
                for (n, l) in lines.by_ref() {
                    if l.trim_end() == "---" || l.trim_end() == "..." {
                        closed = true;
                        break;
                    }
                    body.push((n, l));
                    bytes += l.len() + 1;
                    if bytes > super::front_matter::MAX_FRONT_MATTER_BYTES {
                        break; // not front matter: a lone `---` above a long note
                    }
                }
                if closed {
                    let text: String = body.iter().flat_map(|(_, l)| [*l, "\n"]).collect();
                    let (props, warning) = super::front_matter::read(&text, no + 1);
                    self.out.page_properties = props;
                    self.out.warnings.extend(warning);
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
        self.prev_blank = false;
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
        let mut shown: &str = text.trim_end_matches([' ', '\t']).trim_end_matches('\r');
        match &fence.closer {
            Closer::Fence { marker, len } => {
                if closes_fence(&text, *marker, *len) {
                    self.fence = None;
                }
            }
            Closer::End(kind) => {
                if is_end_line(text.trim(), kind) {
                    self.fence = None;
                    shown = "```";
                }
            }
        }
        let t = &mut self.out.blocks[block].text;
        t.push('\n');
        t.push_str(shown);
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
                rest
            }
            None => content,
        };
        self.add_first_line(no, block, content);
    }

    fn heading(&mut self, no: usize, level: u8, rest: &str) {
        let logseq = self.flavor == Flavor::Logseq;
        let parent = if logseq {
            None
        } else {
            self.bullets.clear();
            while let Some(&(l, _)) = self.headings.last() {
                if l < level {
                    break;
                }
                self.headings.pop();
            }
            self.headings.last().map(|&(_, b)| b)
        };
        let block = self.push(BlockKind::Heading(level), parent, no);
        if logseq {
            self.bullets.clear();
            self.preblock = Some(block);
        } else {
            self.headings.push((level, block));
        }
        let hashes = rest.bytes().take_while(|&c| c == b'#').count();
        let title = rest[hashes..].trim();
        let title = match task_marker(title) {
            Some(after) => {
                self.out.blocks[block].task = true;
                after
            }
            None => title,
        };
        let text = &mut self.out.blocks[block].text;
        text.push_str(&rest[..hashes]);
        if !title.is_empty() {
            text.push(' ');
            text.push_str(title);
        }
        self.current = Some(Current {
            block,
            content_col: 0,
            pending_blank: false,
            region: Region::Text,
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
                    region: Region::Text,
                });
                indent + 2
            }
        };
        let text = strip_columns(line, content_col);
        self.add_text(no, block, &text);
    }

    /// The first line of a block: a task marker is taken off before the line is added.
    fn add_first_line(&mut self, no: usize, block: usize, text: &str) {
        match task_marker(text) {
            Some(after) => {
                self.out.blocks[block].task = true;
                self.add_text(no, block, after);
            }
            None => self.add_text(no, block, text),
        }
    }

    /// Adds one content line to a block: a property, a drawer or planning line (dropped), a
    /// `#+BEGIN_` marker, a fence opener or plain text.
    fn add_text(&mut self, no: usize, block: usize, text: &str) {
        let text = text.trim_end();
        let region = match &self.current {
            Some(c) if c.block == block => c.region,
            _ => Region::Text,
        };
        let trimmed = text.trim_start();
        match region {
            Region::Drawer(props) => {
                if trimmed.eq_ignore_ascii_case(":END:") {
                    self.set_region(Region::Text);
                } else if let Some((k, v)) = props
                    .then(|| super::org::drawer_property(trimmed))
                    .flatten()
                {
                    self.out.blocks[block].properties.push(Property {
                        key: k.to_lowercase(),
                        value: v.to_string(),
                        line: no,
                    });
                }
                return;
            }
            Region::Comment => {
                if is_end_line(trimmed, "COMMENT") {
                    self.set_region(Region::Text);
                }
                return;
            }
            Region::Quote { end, label } => {
                if is_end_line(trimmed, end) {
                    self.set_region(Region::Text);
                    return;
                }
                let mut line = String::with_capacity(text.len() + 12);
                line.push_str("> ");
                if let Some(l) = label {
                    line.push_str(l);
                    line.push_str(": ");
                    self.set_region(Region::Quote { end, label: None });
                }
                line.push_str(text);
                self.push_line(block, &line);
                return;
            }
            Region::Text => {}
        }
        if let Some((key, value)) = self.field(text) {
            self.out.blocks[block].properties.push(Property {
                key: key.to_lowercase(),
                value: value.to_string(),
                line: no,
            });
            return;
        }
        if super::org::is_drawer_start(trimmed) {
            self.set_region(Region::Drawer(trimmed.eq_ignore_ascii_case(":PROPERTIES:")));
            return;
        }
        if super::org::is_planning_line(trimmed) {
            return;
        }
        if let Some(kind) = begin_line(trimmed) {
            match kind {
                Begin::Code { end, info } => {
                    self.fence = Some(Fence {
                        closer: Closer::End(end),
                        line: no,
                    });
                    let mut line = String::from("```");
                    line.push_str(info);
                    self.push_line(block, &line);
                }
                Begin::Quote { end, label } => self.set_region(Region::Quote { end, label }),
                Begin::Comment => self.set_region(Region::Comment),
                Begin::Plain => {}
            }
            return;
        }
        if is_end_line_any(trimmed) {
            return; // the end of a plain `#+BEGIN_CENTER`-like block
        }
        if let Some((marker, len)) = fence_opener(text) {
            self.fence = Some(Fence {
                closer: Closer::Fence { marker, len },
                line: no,
            });
        }
        self.push_line(block, text);
    }

    fn set_region(&mut self, region: Region) {
        if let Some(c) = &mut self.current {
            c.region = region;
        }
    }

    /// Appends a line of text to a block (a blank line first if one was seen).
    fn push_line(&mut self, block: usize, text: &str) {
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
            task: false,
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

/// What a `#+BEGIN_x` line opens.
enum Begin<'a> {
    /// Code (`SRC lang`, `EXAMPLE`, `QUERY`): a fence with this info string.
    Code {
        end: &'static str,
        info: &'a str,
    },
    Quote {
        end: &'static str,
        label: Option<&'static str>,
    },
    Comment,
    /// Any other kind (`CENTER`, `VERSE`, ...): its lines are plain text.
    Plain,
}

/// Reads a `#+BEGIN_x ...` line.
fn begin_line(t: &str) -> Option<Begin<'_>> {
    if t.len() < 9 || !t.as_bytes()[..8].eq_ignore_ascii_case(b"#+BEGIN_") {
        return None;
    }
    let rest = &t[8..];
    let (kind, args) = rest.split_once([' ', '\t']).unwrap_or((rest, ""));
    let kind = kind.to_ascii_uppercase();
    Some(match kind.as_str() {
        "SRC" => Begin::Code {
            end: "SRC",
            info: args.split_whitespace().next().unwrap_or(""),
        },
        "EXAMPLE" => Begin::Code {
            end: "EXAMPLE",
            info: "",
        },
        "EXPORT" => Begin::Code {
            end: "EXPORT",
            info: "",
        },
        "QUERY" => Begin::Code {
            end: "QUERY",
            info: "query",
        },
        "QUOTE" => Begin::Quote {
            end: "QUOTE",
            label: None,
        },
        "VERSE" => Begin::Quote {
            end: "VERSE",
            label: None,
        },
        "NOTE" => Begin::Quote {
            end: "NOTE",
            label: Some("Note"),
        },
        "TIP" => Begin::Quote {
            end: "TIP",
            label: Some("Tip"),
        },
        "IMPORTANT" => Begin::Quote {
            end: "IMPORTANT",
            label: Some("Important"),
        },
        "WARNING" => Begin::Quote {
            end: "WARNING",
            label: Some("Warning"),
        },
        "CAUTION" => Begin::Quote {
            end: "CAUTION",
            label: Some("Caution"),
        },
        "PINNED" => Begin::Quote {
            end: "PINNED",
            label: Some("Pinned"),
        },
        "COMMENT" => Begin::Comment,
        _ => Begin::Plain,
    })
}

/// `#+END_<kind>` (any case).
fn is_end_line(t: &str, kind: &str) -> bool {
    t.len() == 6 + kind.len()
        && t.as_bytes()[..6].eq_ignore_ascii_case(b"#+END_")
        && t[6..].eq_ignore_ascii_case(kind)
}

fn is_end_line_any(t: &str) -> bool {
    t.len() > 6
        && t.as_bytes()[..6].eq_ignore_ascii_case(b"#+END_")
        && t[6..].bytes().all(|b| b.is_ascii_alphabetic())
}

/// Task keywords of Logseq and org (upper-case, as both write them).
const TASK_MARKERS: [&str; 12] = [
    "TODO",
    "DOING",
    "DONE",
    "LATER",
    "NOW",
    "WAITING",
    "WAIT",
    "CANCELED",
    "CANCELLED",
    "IN-PROGRESS",
    "STARTED",
    "DELEGATED",
];

/// `TODO rest`, `DONE: rest`, `LATER [#A] rest` → `rest` (the block is a task).
pub(crate) fn task_marker(text: &str) -> Option<&str> {
    let word_len = text
        .bytes()
        .take_while(|b| b.is_ascii_uppercase() || *b == b'-')
        .count();
    if word_len == 0 || !TASK_MARKERS.contains(&&text[..word_len]) {
        return None;
    }
    let rest = &text[word_len..];
    let rest = match rest.as_bytes().first() {
        None => rest,
        Some(b' ' | b'\t') => rest,
        Some(b':') => &rest[1..],
        _ => return None,
    };
    let rest = rest.trim_start();
    // A priority cookie: `[#A]`.
    let rest = match rest.strip_prefix("[#") {
        Some(r) if r.len() >= 2 && r.as_bytes()[1] == b']' => r[2..].trim_start(),
        _ => rest,
    };
    Some(rest)
}

/// A Markdown task list checkbox (`[ ] rest`, `[x] rest`) → `rest`.
fn checkbox(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    if b.len() >= 3
        && b[0] == b'['
        && b[2] == b']'
        && matches!(b[1], b' ' | b'x' | b'X' | b'-' | b'/')
        && matches!(b.get(3), None | Some(b' ' | b'\t'))
    {
        Some(text[3..].trim_start())
    } else {
        None
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

/// In a Markdown note, is this `key:: value` line a card in the `Term:: what it means` syntax of
/// Obsidian's flashcard plugins rather than a Dataview field? A field has a lower-case key
/// (`rating:: 5`, `source:: [[Book]] ch. 2`) or a value of one or two words (`Status:: done`);
/// a card's term is capitalised (`TER::`, `Tiebreak::`) and its answer says something.
pub(crate) fn is_card_field(key: &str, value: &str) -> bool {
    key.chars().next().is_some_and(char::is_uppercase) && value.split_whitespace().nth(2).is_some()
}

/// `key:: value`: a key of any characters but white space and `:` (Logseq accepts `-icon`,
/// `draft?`, `+hide`, `a.b/c`) directly followed by `::` and then white space or the end.
pub(crate) fn property_line(text: &str) -> Option<(&str, &str)> {
    let b = text.as_bytes();
    // The key ends at the first colon: most lines have none, and are out at once.
    let key_len = memchr::memchr(b':', b)?;
    if key_len == 0
        || b.get(key_len + 1) != Some(&b':')
        || b[..key_len].iter().any(u8::is_ascii_whitespace)
    {
        return None;
    }
    let key = &text[..key_len];
    let after = &text[key_len + 2..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some((key, after.trim()))
}

/// Byte offset of the first `pair` (two equal ASCII bytes, like `::` or `{{`) at or after
/// `from`. A `memchr` search: the two-way `str::find` setup costs more than these short lines.
pub(crate) fn find_pair(text: &str, from: usize, byte: u8) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = from;
    while i + 1 < b.len() {
        let at = i + memchr::memchr(byte, &b[i..])?;
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
