//! The parts of a note the outline parser reads apart from its blocks: the front matter at
//! the top, fenced code, and headings.

use super::*;

impl Parser {
    /// Reads YAML front matter (`---` ... `---` as the very first lines) into page properties.
    /// Returns the lines it read that turned out not to be front matter, for the caller to
    /// parse as notes.
    pub(super) fn front_matter<'a, I>(&mut self, lines: &mut I) -> Vec<(usize, &'a str)>
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
                    if bytes > crate::notes::front_matter::MAX_FRONT_MATTER_BYTES {
                        break; // not front matter: a lone `---` above a long note
                    }
                }
                if closed {
                    let text: String = body.iter().flat_map(|(_, l)| [*l, "\n"]).collect();
                    let (props, warning) = crate::notes::front_matter::read(&text, no + 1);
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

    /// Handles a line while a fence is open. Returns false when the line turned out to close an
    /// unterminated fence and must be read as an ordinary line.
    pub(super) fn fence_line(&mut self, line: &str, col: usize, rest: &str, blank: bool) -> bool {
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

    pub(super) fn heading(&mut self, no: usize, level: u8, rest: &str) {
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
}
