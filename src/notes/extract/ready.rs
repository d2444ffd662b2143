//! Ready-made cards: the question/answer shapes notes already hold, found in an outline's blocks
//! before any other rule runs. Each is an explicit card, the same in every kind of note:
//!
//! - `<details><summary>question</summary>answer</details>`, its blank lines and lists included;
//!   a summary that only says `Answer` (or `Solution`, `答案`, …) takes its question from the text
//!   before it (`**1. What is X?**`);
//! - `Q:` / `A:` pairs (`Question:` / `Answer:`, `问：`/`答：`), on lines of one block or in two
//!   sibling blocks;
//! - a bold question ending in `?` with its answer after it on its line (`**What is CAS?** CAS
//!   is …`), on the next lines, or in the next paragraph;
//! - a two-column table whose rows are a term and a fact (`| Term | Definition |`): a card a row;
//! - a definition list (`Term` then `: definition`);
//! - the Obsidian Spaced Repetition syntax: the question's lines, a line `?` (`??`: both ways),
//!   the answer's lines;
//! - a multiple-choice question: its choices a task list, the right ones ticked (`- [x]`);
//! - a code block that is a cheat sheet's reference list, `code  # what it does` on most lines:
//!   a card per line.
//!
//! Pure functions of the blocks' source text; a byte check keeps the cost off blocks that hold
//! none of the markers.

use crate::caseless;
use crate::notes::inline;
use crate::notes::outline::{Block, BlockKind, Outline};

mod details;
mod quiz;
mod tables;
use details::*;
use quiz::quiz;
use tables::*;

/// One ready-made card of block `block`, from source line `line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Ready {
    pub block: usize,
    pub line: usize,
    pub question: String,
    pub answer: String,
    /// Asked both ways (`??`).
    pub both_ways: bool,
}

/// What a block is to the ready-made cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Role {
    #[default]
    None,
    /// It holds the question of one or more ready-made cards (its cards are in [`ReadyMade`]).
    Asks,
    /// Its text is (part of) a ready-made card's answer, or its question when another block
    /// holds the card.
    Taken,
}

/// The ready-made cards of an outline, in block order, and each block's role.
#[derive(Debug, Default)]
pub(super) struct ReadyMade {
    pub cards: Vec<Ready>,
    pub role: Vec<Role>,
}

impl ReadyMade {
    /// The cards block `i` asks.
    pub(super) fn of(&self, i: usize) -> &[Ready] {
        let from = self.cards.partition_point(|r| r.block < i);
        let to = from + self.cards[from..].partition_point(|r| r.block <= i);
        &self.cards[from..to]
    }
}

/// A table is read as cards when every row's term has at most this many characters ...
const TABLE_TERM_CHARS: usize = 80;
/// ... and its fact at most this many.
const TABLE_FACT_CHARS: usize = 300;
/// Nesting deeper than this is not indented further in an answer.
const MAX_INDENT: usize = 16;
/// A `<details>` looks this many sibling blocks ahead for its `</details>`.
const DETAILS_REACH: usize = 60;
/// A bold question's answer on its own line has at least this many words (an ideograph: half a
/// word).
const LEAD_ANSWER_WORDS: usize = 3;
/// A question taken from the block before an answer-only `<details>` has at most this many
/// characters.
const LEAD_QUESTION_CHARS: usize = 300;

/// Finds the ready-made cards of `outline` (see the module comment).
pub(super) fn find(outline: &Outline) -> ReadyMade {
    let blocks = &outline.blocks;
    let mut out = ReadyMade {
        cards: Vec::new(),
        role: Vec::new(),
    };
    let mut marked: Vec<bool> = blocks.iter().map(|b| may_hold(&b.text)).collect();
    // A block with tasks below it may be a multiple-choice question.
    let mut choices = vec![false; blocks.len()];
    for b in blocks {
        if let Some(p) = b.parent.filter(|_| b.task) {
            (marked[p], choices[p]) = (true, true);
        }
    }
    if !marked.contains(&true) {
        return out;
    }
    out.role = vec![Role::None; blocks.len()];
    // The sibling lists that hold a marked block (`None`: the roots).
    let mut parents: Vec<Option<usize>> = (0..blocks.len())
        .filter(|&i| marked[i])
        .map(|i| blocks[i].parent)
        .collect();
    parents.dedup();
    parents.sort_unstable();
    parents.dedup();
    // `<details` opened less closed, summed over blocks `..i` (a subtree is a range).
    let mut balance = Vec::with_capacity(blocks.len() + 1);
    balance.push(0i64);
    for b in blocks {
        let t = &b.text;
        let here = caseless::count(t, "<details") as i64 - caseless::count(t, "</details") as i64;
        balance.push(balance.last().copied().unwrap_or(0) + here);
    }
    for parent in parents {
        let list: Vec<usize> = match parent {
            None => outline.roots().collect(),
            Some(p) => outline.children(p).collect(),
        };
        details(outline, &list, &balance, &mut out);
        sibling_pairs(outline, &list, &mut out);
    }
    for (i, &m) in marked.iter().enumerate() {
        if m && out.role[i] == Role::None && !(choices[i] && quiz(outline, i, &mut out)) {
            within(outline, i, &mut out);
        }
    }
    out.cards.sort_by_key(|r| (r.block, r.line));
    out
}

/// A cheap look for any marker of a ready-made shape.
fn may_hold(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr3(b'<', b'|', b'?', b).is_some()
        || memchr::memchr(b':', b).is_some_and(|_| {
            text.lines().any(|l| {
                let l = l.trim_start();
                l.starts_with(':') || qa_marker(l, QUESTION).is_some()
            })
        })
        || text.contains('？')
        || text.contains('：')
        || text.starts_with("```")
        || text.starts_with("~~~")
}

/// Block `i`'s text with its subtree's, as Markdown (children as nested list items).
fn subtree_text(outline: &Outline, i: usize) -> String {
    let blocks = &outline.blocks;
    let mut out = blocks[i].text.clone();
    let base = blocks[i].depth;
    for b in &blocks[i + 1..blocks[i].end] {
        if b.text.trim().is_empty() {
            continue;
        }
        let indent = "  ".repeat((b.depth - base - 1).min(MAX_INDENT));
        out.push('\n');
        if b.kind == BlockKind::Paragraph {
            out.push('\n');
            out.push_str(&b.text);
            continue;
        }
        for (k, line) in b.text.lines().enumerate() {
            out.push_str(&indent);
            out.push_str(if k == 0 { "- " } else { "  " });
            out.push_str(line);
            out.push('\n');
        }
        out.pop();
    }
    out
}

fn take_subtree(outline: &Outline, i: usize, out: &mut ReadyMade) {
    for r in &mut out.role[i..outline.blocks[i].end] {
        if *r == Role::None {
            *r = Role::Taken;
        }
    }
}

const QUESTION: &[&str] = &["question", "q", "问", "問", "질문"];
const ANSWER: &[&str] = &["answer", "a", "答", "답"];

/// The text after a `Q:`-like marker (`Q:`, `**Q:**`, `Q1.`, `Question:`, `问：`) at the start of
/// `line`, when it has one of `words`.
fn qa_marker<'a>(line: &'a str, words: &[&str]) -> Option<&'a str> {
    let mut l = line.trim_start();
    let bold = l.starts_with("**") || l.starts_with("__");
    if bold {
        l = &l[2..];
    }
    let word = words.iter().find(|w| {
        l.len() >= w.len() && l.is_char_boundary(w.len()) && l[..w.len()].eq_ignore_ascii_case(w)
    })?;
    let mut rest = &l[word.len()..];
    rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    let sep = [":", "：", ".", ")"]
        .iter()
        .find(|s| rest.starts_with(**s))?;
    rest = &rest[sep.len()..];
    if bold {
        rest = rest
            .strip_prefix("**")
            .or(rest.strip_prefix("__"))
            .unwrap_or(rest);
    }
    // The marker is followed by a space (`A.B` is an answer, not a marker).
    let spaced = rest.is_empty() || rest.starts_with([' ', '\t']) || !sep.is_ascii();
    spaced.then_some(rest.trim())
}

/// A line that is a bold question: `**What is X?**`, `**1. Why Y?**`; its text.
fn bold_question(line: &str) -> Option<&str> {
    let l = line.trim();
    let inner = l
        .strip_prefix("**")
        .and_then(|r| r.strip_suffix("**"))
        .or_else(|| l.strip_prefix("__").and_then(|r| r.strip_suffix("__")))?;
    (!inner.contains("**") && (inner.trim_end().ends_with('?') || inner.trim_end().ends_with('？')))
        .then_some(inner.trim())
}

/// A line that opens with a bold question and answers it after: `**What is CAS?** CAS is …`;
/// the question and the answer, of at least [`LEAD_ANSWER_WORDS`] words.
fn bold_question_lead(line: &str) -> Option<(&str, &str)> {
    let l = line.trim();
    let (marker, rest) = (l.get(..2)?, l.get(2..)?);
    if marker != "**" && marker != "__" {
        return None;
    }
    let close = rest.find(marker)?;
    let inner = rest[..close].trim();
    let answer = rest[close + 2..].trim_start_matches([':', '：']).trim();
    let words = answer.split_whitespace().count();
    let cjk = answer.chars().filter(|&c| super::rules::is_cjk(c)).count();
    // An answer that only points at what follows (`see the methods below`) answers nothing.
    (inner.ends_with(['?', '？'])
        && inner.chars().any(char::is_alphanumeric)
        && (words >= LEAD_ANSWER_WORDS || cjk >= 2 * LEAD_ANSWER_WORDS)
        && !super::rules::points_ahead(answer))
    .then_some((inner, answer))
}

/// Shapes across two sibling blocks: `Q:` then `A:`, a bold question then its answer
/// paragraph, a term then `: definition`.
fn sibling_pairs(outline: &Outline, list: &[usize], out: &mut ReadyMade) {
    let blocks = &outline.blocks;
    for w in list.windows(2) {
        let (q, a) = (w[0], w[1]);
        if out.role[q] != Role::None || out.role[a] != Role::None {
            continue;
        }
        let (qt, at) = (&blocks[q].text, &blocks[a].text);
        let q_first = qt.lines().next().unwrap_or("");
        let a_first = at.lines().next().unwrap_or("");
        let leaf = blocks[q].end == q + 1;
        let card = if let (Some(question), Some(first)) =
            (qa_marker(q_first, QUESTION), qa_marker(a_first, ANSWER))
        {
            // `Q:` and `A:` blocks: the question block has no `A:` line of its own.
            (leaf && !qt.lines().skip(1).any(|l| qa_marker(l, ANSWER).is_some())).then(|| {
                let mut question = question.to_string();
                for l in qt.lines().skip(1) {
                    question.push('\n');
                    question.push_str(l);
                }
                let rest = subtree_text(outline, a);
                let answer = match rest.split_once('\n') {
                    Some((_, more)) => format!("{first}\n{more}"),
                    None => first.to_string(),
                };
                (question, answer)
            })
        } else if let Some(question) = bold_question(qt).filter(|_| leaf && !qt.contains('\n')) {
            // A bold question paragraph, its answer the paragraph after it.
            let para =
                blocks[q].kind == BlockKind::Paragraph && blocks[a].kind == BlockKind::Paragraph;
            (para && bold_question(a_first).is_none() && caseless::find(at, "<details").is_none())
                .then(|| (question.to_string(), subtree_text(outline, a)))
        } else {
            // A term, then `: its definition`.
            at.strip_prefix(": ")
                .filter(|_| {
                    leaf && !qt.contains('\n')
                        && blocks[q].kind == BlockKind::Paragraph
                        && blocks[a].kind == BlockKind::Paragraph
                })
                .map(|def| (qt.to_string(), def.to_string()))
        };
        if let Some((question, answer)) = card {
            out.role[q] = Role::Asks;
            take_subtree(outline, a, out);
            let made = out.cards.len();
            push(out, q, blocks[q].line, &question, &answer, false);
            if out.cards.len() == made {
                out.role[q] = Role::Taken;
            }
        }
    }
}

/// Shapes within one block's lines: `Q:`/`A:` lines, a bold question and the lines after it,
/// a table, a definition list, the `?` separator.
fn within(outline: &Outline, i: usize, out: &mut ReadyMade) {
    let block = &outline.blocks[i];
    let lines: Vec<&str> = block.text.lines().collect();
    let before = out.cards.len();
    if block.text.starts_with("```") || block.text.starts_with("~~~") {
        commented_code(block, i, &lines, out);
    } else if let Some(k) = lines
        .iter()
        .position(|l| matches!(l.trim(), "?" | "??"))
        .filter(|&k| k > 0 && k + 1 < lines.len())
    {
        let both = lines[k].trim() == "??";
        let (q, a) = (lines[..k].join("\n"), lines[k + 1..].join("\n"));
        push(out, i, block.line, &q, &a, both);
    } else if lines.len() >= 3 && is_table_separator(lines[1]) {
        table(block, i, &lines, out);
    } else if let Some(q) = lines
        .first()
        .and_then(|l| bold_question(l))
        .filter(|_| lines.len() >= 2 && !lines[1..].iter().any(|l| bold_question(l).is_some()))
    {
        push(out, i, block.line, q, &lines[1..].join("\n"), false);
    } else if let Some((q, a)) = lines.first().and_then(|l| bold_question_lead(l)) {
        // `**What is the input?** The documents retrieved …`: the answer follows on its line.
        let mut answer = a.to_string();
        for l in &lines[1..] {
            answer.push('\n');
            answer.push_str(l);
        }
        push(out, i, block.line, q, &answer, false);
    } else {
        let mut k = 0;
        while k < lines.len() {
            if let Some(q) = qa_marker(lines[k], QUESTION) {
                // The answer: from the `A:` line up to the next `Q:` line.
                let Some(a_at) = (k + 1..lines.len())
                    .take_while(|&m| qa_marker(lines[m], QUESTION).is_none())
                    .find(|&m| qa_marker(lines[m], ANSWER).is_some())
                else {
                    k += 1;
                    continue;
                };
                let end = (a_at + 1..lines.len())
                    .find(|&m| qa_marker(lines[m], QUESTION).is_some())
                    .unwrap_or(lines.len());
                let mut question = q.to_string();
                for l in &lines[k + 1..a_at] {
                    question.push('\n');
                    question.push_str(l);
                }
                let mut answer = qa_marker(lines[a_at], ANSWER).unwrap_or("").to_string();
                for l in &lines[a_at + 1..end] {
                    answer.push('\n');
                    answer.push_str(l);
                }
                push(out, i, block.source_line(k), &question, &answer, false);
                k = end;
            } else if k + 1 < lines.len()
                && !lines[k].trim().is_empty()
                && !lines[k].trim_start().starts_with(':')
                && lines[k + 1].starts_with(": ")
            {
                let mut answer = lines[k + 1][2..].to_string();
                let mut m = k + 2;
                while m < lines.len() && lines[m].starts_with(": ") {
                    answer.push('\n');
                    answer.push_str(&lines[m][2..]);
                    m += 1;
                }
                push(out, i, block.source_line(k), lines[k], &answer, false);
                k = m;
            } else {
                k += 1;
            }
        }
    }
    if out.cards.len() > before {
        // Only the block's own lines are the card: blocks below it give their own.
        out.role[i] = Role::Asks;
    }
}

/// Adds a card, its sides rendered for reading; none when a side reads as nothing.
fn push(out: &mut ReadyMade, block: usize, line: usize, question: &str, answer: &str, both: bool) {
    let shown = inline::render(question);
    let q = clean_question(&shown.text);
    let a = super::assemble::shown_with_images(answer);
    if q.is_empty() || a.is_empty() || !q.chars().any(char::is_alphanumeric) {
        return;
    }
    let q = super::assemble::with_images(q, &shown.images);
    out.cards.push(Ready {
        block,
        line,
        question: q,
        answer: a,
        both_ways: both,
    });
}

/// A question as it reads: without a bold wrapper or a leading number (`**1. What is X?**`).
fn clean_question(q: &str) -> String {
    let mut t = q.trim();
    if let Some(inner) = t
        .strip_prefix("**")
        .and_then(|r| r.strip_suffix("**"))
        .filter(|r| !r.contains("**"))
    {
        t = inner.trim();
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 3 {
        if let Some(rest) = t[digits..].strip_prefix(['.', ')']) {
            if rest.starts_with(' ') {
                t = rest.trim_start();
            }
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests;
