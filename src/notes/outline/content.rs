//! A block's content lines as the parser adds them: a task marker off the first line,
//! properties, org drawers, comments and quote blocks, `#+BEGIN_SRC` and fence openers, and
//! the text itself.

use super::*;

impl Parser {
    /// The first line of a block: a task marker is taken off before the line is added.
    pub(super) fn add_first_line(&mut self, no: usize, block: usize, text: &str) {
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
    pub(super) fn add_text(&mut self, no: usize, block: usize, text: &str) {
        let text = text.trim_end();
        let region = match &self.current {
            Some(c) if c.block == block => c.region,
            _ => Region::Text,
        };
        let trimmed = text.trim_start();
        if region != Region::Text {
            self.region_line(no, block, region, text);
            return;
        }
        if let Some((key, value)) = self.field(text) {
            self.out.blocks[block].properties.push(Property {
                key: key.to_lowercase(),
                value: value.to_string(),
                line: no,
            });
            return;
        }
        if crate::notes::org::is_drawer_start(trimmed) {
            self.set_region(Region::Drawer(trimmed.eq_ignore_ascii_case(":PROPERTIES:")));
            return;
        }
        if crate::notes::org::is_planning_line(trimmed) {
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

    /// A line inside an org drawer, comment or quote block.
    fn region_line(&mut self, no: usize, block: usize, region: Region, text: &str) {
        let trimmed = text.trim_start();
        match region {
            Region::Drawer(props) => {
                if trimmed.eq_ignore_ascii_case(":END:") {
                    self.set_region(Region::Text);
                } else if let Some((k, v)) = props
                    .then(|| crate::notes::org::drawer_property(trimmed))
                    .flatten()
                {
                    self.out.blocks[block].properties.push(Property {
                        key: k.to_lowercase(),
                        value: v.to_string(),
                        line: no,
                    });
                }
            }
            Region::Comment => {
                if is_end_line(trimmed, "COMMENT") {
                    self.set_region(Region::Text);
                }
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
            }
            Region::Text => {}
        }
    }

    pub(super) fn set_region(&mut self, region: Region) {
        if let Some(c) = &mut self.current {
            c.region = region;
        }
    }

    /// Appends a line of text to a block (a blank line first if one was seen).
    pub(super) fn push_line(&mut self, block: usize, text: &str) {
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
}
