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
//! - a code block that is a cheat sheet's reference list, `code  # what it does` on most lines:
//!   a card per line.
//!
//! Pure functions of the blocks' source text; a byte check keeps the cost off blocks that hold
//! none of the markers.

use crate::caseless;
use crate::notes::inline;
use crate::notes::outline::{Block, BlockKind, Outline};

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
    let marked: Vec<bool> = blocks.iter().map(|b| may_hold(&b.text)).collect();
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
        if m && out.role[i] == Role::None {
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

/// `<details>` … `</details>` among siblings: from the block that opens it to the one that closes
/// it.
fn details(outline: &Outline, list: &[usize], balance: &[i64], out: &mut ReadyMade) {
    let blocks = &outline.blocks;
    let mut j = 0;
    while j < list.len() {
        let b = list[j];
        if out.role[b] != Role::None || caseless::find(&blocks[b].text, "<details").is_none() {
            j += 1;
            continue;
        }
        // The sibling whose subtree closes the last `<details>` opened.
        let mut open = 0i64;
        let mut close = None;
        for (k, &s) in list.iter().enumerate().skip(j).take(DETAILS_REACH) {
            open += balance[blocks[s].end] - balance[s];
            if open <= 0 {
                close = Some(k);
                break;
            }
        }
        let Some(k) = close else {
            j += 1;
            continue;
        };
        let mut text = String::new();
        for &s in &list[j..=k] {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&subtree_text(outline, s));
        }
        let before = (j > 0).then(|| list[j - 1]).filter(|&p| {
            out.role[p] == Role::None
                && blocks[p].end == p + 1
                && blocks[p].text.chars().count() <= LEAD_QUESTION_CHARS
                && caseless::find(&blocks[p].text, "<details").is_none()
        });
        let pairs = details_pairs(&text);
        let mut asker = b;
        let mut cards = Vec::new();
        for (n, (lead, summary, answer)) in pairs.iter().enumerate() {
            // A hint helps with an exercise; it answers no question.
            let label = summary_label(summary);
            if is_hint_label(&label) {
                continue;
            }
            let question = if !is_answer_label(&label) {
                summary.clone()
            } else if !lead.trim().is_empty() {
                lead.clone()
            } else if let (0, Some(p)) = (n, before) {
                asker = p;
                blocks[p].text.clone()
            } else {
                continue;
            };
            cards.push((question, answer.clone()));
        }
        for &s in &list[j..=k] {
            take_subtree(outline, s, out);
        }
        if asker != b {
            out.role[b] = Role::Taken;
        }
        out.role[asker] = Role::Asks;
        let made = out.cards.len();
        for (q, a) in cards {
            push(out, asker, blocks[asker].line, &q, &a, false);
        }
        if out.cards.len() == made {
            out.role[asker] = Role::Taken;
        }
        j = k + 1;
    }
}

/// The `(text before, summary, answer)` of each `<details>` in `text`.
fn details_pairs(text: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = caseless::find(rest, "<details") {
        let lead = &rest[..at];
        let after = &rest[at..];
        let body_at = after.find('>').map_or(after.len(), |k| k + 1);
        let body = &after[body_at..];
        let end = caseless::find(body, "</details").unwrap_or(body.len());
        let inner = &body[..end];
        rest = body[end..].find('>').map_or("", |k| &body[end + k + 1..]);
        let (summary, answer) = match caseless::find(inner, "<summary") {
            Some(s) => {
                let open = inner[s..].find('>').map_or(inner.len(), |k| s + k + 1);
                let close = caseless::find(&inner[open..], "</summary").map(|k| open + k);
                match close {
                    Some(c) => {
                        let after = inner[c..].find('>').map_or(inner.len(), |k| c + k + 1);
                        (&inner[open..c], &inner[after..])
                    }
                    None => ("", &inner[open..]),
                }
            }
            None => ("", inner),
        };
        out.push((
            lead.lines().last().unwrap_or("").to_string(),
            summary.trim().to_string(),
            answer.trim().to_string(),
        ));
    }
    out
}

/// A `<summary>`'s words as the label checks read them: rendered, lower-cased.
fn summary_label(summary: &str) -> String {
    inline::render(summary).text.to_lowercase()
}

/// A summary (see [`summary_label`]) that names no question: `Answer`, `Solution`, `Show
/// answer`, `答案`, ….
fn is_answer_label(label: &str) -> bool {
    let t = label
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .trim();
    t.is_empty()
        || matches!(
            t,
            "answer"
                | "answers"
                | "solution"
                | "solutions"
                | "show answer"
                | "show solution"
                | "see answer"
                | "reveal"
                | "reveal answer"
                | "click to expand"
                | "click to reveal"
                | "click to see answer"
                | "click here"
                | "expand"
                | "show"
                | "explanation"
                | "details"
                | "more"
                | "答案"
                | "解答"
                | "参考答案"
                | "答"
                | "回答"
                | "解説"
                | "正解"
        )
}

/// A summary (see [`summary_label`]) that offers a hint: `Hint`, `Hints`, `Click for hints`,
/// `Click here for a hint`.
fn is_hint_label(label: &str) -> bool {
    let words: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 6
        && words
            .iter()
            .any(|w| matches!(*w, "hint" | "hints" | "提示" | "ヒント"))
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

/// A code block that is a reference list, most of its lines `code  # what it does` (a cheat
/// sheet's `expand('%')   " current file`): a card per such line, the code asking, the comment
/// answering. A program with a few comments is left alone.
fn commented_code(block: &Block, i: usize, lines: &[&str], out: &mut ReadyMade) {
    let body: Vec<(usize, &str)> = lines
        .iter()
        .copied()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with("```") && !t.starts_with("~~~")
        })
        .collect();
    let pairs: Vec<(usize, &str, &str)> = body
        .iter()
        .filter_map(|&(k, l)| code_comment(l).map(|(c, m)| (k, c, m)))
        .collect();
    if pairs.len() < 2 || pairs.len() * 100 < body.len() * COMMENTED_SHARE {
        return;
    }
    for (k, code, comment) in pairs {
        // A comment is plain text: `<li>` in it is words, not markup to take out.
        let question = format!("`{code}`");
        if comment.contains(['<', '*', '_', '[']) {
            out.cards.push(Ready {
                block: i,
                line: block.source_line(k),
                question,
                answer: comment.to_string(),
                both_ways: false,
            });
        } else {
            push(out, i, block.source_line(k), &question, comment, false);
        }
    }
}

/// A code block is a reference list when this share (percent) of its lines end in a comment.
const COMMENTED_SHARE: usize = 60;
/// The code of a commented line has at most this many characters.
const COMMENTED_CODE_CHARS: usize = 60;

/// `code  <marker> comment` (two spaces or more before `#`, `//`, `"`, `--` or `;`): the code and
/// the comment, when the comment has a word and the code fits on a card.
fn code_comment(line: &str) -> Option<(&str, &str)> {
    for marker in ["  # ", "  // ", "  \" ", "  -- ", "  ; "] {
        if let Some(at) = line.find(marker) {
            let (code, comment) = (line[..at].trim(), line[at + marker.len()..].trim());
            // A statement of a program (`x = 1`, `for k in range(n):`) is not an entry.
            let program = code.contains(" = ")
                || code.ends_with([':', '{', '(', '='])
                || code.starts_with(['}', ')']);
            if !code.is_empty()
                && !program
                && code.chars().count() <= COMMENTED_CODE_CHARS
                && !code.contains('`')
                && comment.chars().any(char::is_alphabetic)
            {
                return Some((code, comment));
            }
        }
    }
    None
}

fn is_table_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// A table row's cells: split on `|` outside code spans and escapes, outer pipes dropped.
fn cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t
        .strip_suffix('|')
        .filter(|r| !r.ends_with('\\'))
        .unwrap_or(t);
    let (b, mut out, mut from, mut code) = (t.as_bytes(), Vec::new(), 0, false);
    for (k, &c) in b.iter().enumerate() {
        match c {
            b'`' => code = !code,
            b'|' if !code && (k == 0 || b[k - 1] != b'\\') => {
                out.push(t[from..k].trim());
                from = k + 1;
            }
            _ => {}
        }
    }
    out.push(t[from..].trim());
    out
}

/// A two-column table of terms and facts: a card a row (`lines[0]` the header, `lines[1]` the
/// separator). Any other table is left as it is.
fn table(block: &Block, i: usize, lines: &[&str], out: &mut ReadyMade) {
    if cells(lines[0]).len() != 2 || cells(lines[1]).len() != 2 {
        return;
    }
    let rows: Vec<(usize, Vec<&str>)> = lines[2..]
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(k, l)| (k + 2, cells(l)))
        .collect();
    let fits = |c: &[&str]| {
        c.len() == 2
            && c[0].chars().any(char::is_alphanumeric)
            && c[1].chars().any(char::is_alphanumeric)
            && c[0].chars().count() <= TABLE_TERM_CHARS
            && c[1].chars().count() <= TABLE_FACT_CHARS
    };
    if rows.is_empty() || !rows.iter().all(|(_, c)| fits(c)) || !term_header(&cells(lines[0])) {
        return;
    }
    // Facts, not settings: most rows' facts have a letter.
    let worded = rows
        .iter()
        .filter(|(_, c)| c[1].chars().any(char::is_alphabetic))
        .count();
    if worded * 2 <= rows.len() {
        return;
    }
    for (k, c) in rows {
        push(out, i, block.source_line(k), c[0], c[1], false);
    }
}

/// A header that says its rows are a term and a fact: a name for terms on the left
/// (`Term`, `Command`, `Word`), or a name for what they mean on the right (`Definition`,
/// `Meaning`, `Description`, `Key fact`); an empty header says nothing against it.
fn term_header(head: &[&str]) -> bool {
    let norm = |s: &str| {
        inline::render(s)
            .text
            .trim()
            .trim_matches('*')
            .trim()
            .to_lowercase()
    };
    let (left, right) = (norm(head[0]), norm(head[1]));
    const TERMS: &[&str] = &[
        "term",
        "terms",
        "concept",
        "word",
        "name",
        "command",
        "commands",
        "keyword",
        "key",
        "shortcut",
        "symbol",
        "option",
        "flag",
        "function",
        "method",
        "syntax",
        "expression",
        "code",
        "abbreviation",
        "acronym",
        "operator",
        "property",
        "attribute",
        "variable",
        "example",
        "pattern",
        "element",
        "tag",
        "english",
        "japanese",
        "spanish",
        "french",
        "german",
        "chinese",
        "kanji",
        "hiragana",
        "katakana",
        "vocabulary",
        "question",
        "用語",
        "単語",
        "术语",
        "概念",
        "名称",
        "命令",
        "词汇",
        "語彙",
        "単語",
    ];
    const FACTS: &[&str] = &[
        "definition",
        "meaning",
        "description",
        "key fact",
        "fact",
        "explanation",
        "translation",
        "answer",
        "purpose",
        "what it does",
        "does",
        "result",
        "effect",
        "english",
        "意味",
        "意思",
        "含义",
        "定义",
        "説明",
        "说明",
        "描述",
    ];
    (left.is_empty() && right.is_empty())
        || TERMS.contains(&left.as_str())
        || FACTS.contains(&right.as_str())
}

/// Adds a card, its sides rendered for reading; none when a side reads as nothing.
fn push(out: &mut ReadyMade, block: usize, line: usize, question: &str, answer: &str, both: bool) {
    let q = clean_question(&inline::render(question).text);
    let a = inline::render(answer).text.trim().to_string();
    if q.is_empty() || a.is_empty() || !q.chars().any(char::is_alphanumeric) {
        return;
    }
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
mod tests {
    use super::*;
    use crate::notes::outline::{parse_as, Flavor};

    fn cards(src: &str) -> Vec<(String, String)> {
        let outline = parse_as(src, Flavor::Markdown);
        find(&outline)
            .cards
            .into_iter()
            .map(|r| (r.question, r.answer))
            .collect()
    }

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(q, a)| (q.to_string(), a.to_string()))
            .collect()
    }

    #[test]
    fn a_hint_in_details_is_no_card() {
        let src = "Complete `compute_entropy()`.\n\n<details>\n<summary><font color='blue'>Click for hints</font></summary>\n\nUse `y[y == 1]`.\n</details>\n\n<details><summary>Hint</summary>a set</details>\n";
        assert_eq!(cards(src), pairs(&[]));
        assert!(!is_hint_label(&summary_label(
            "What does hinting do in fonts?"
        )));
    }

    #[test]
    fn details_with_a_question_summary_and_blank_lines() {
        let src = "## IAM\n\n<details>\n<summary>What is IAM?</summary><br><b>\n\nIdentity and access management.\n\nIt is global.\n</b></details>\n\n<details>\n<summary>True or False? Groups hold groups</summary><br><b>\n\nFalse\n</b></details>\n";
        assert_eq!(
            cards(src),
            pairs(&[
                (
                    "What is IAM?",
                    "Identity and access management.\n\nIt is global."
                ),
                ("True or False? Groups hold groups", "False"),
            ])
        );
    }

    #[test]
    fn an_answer_summary_takes_the_question_before_it() {
        let src = "**1. What does `ls` list?**\n\n<details><summary>Answer</summary>\n\nThe files of a folder.\n\n</details>\n";
        assert_eq!(
            cards(src),
            pairs(&[("What does `ls` list?", "The files of a folder.")])
        );
    }

    #[test]
    fn q_and_a_lines_and_blocks() {
        assert_eq!(
            cards("Q: What is 2+2?\nA: 4\nQ: Capital of France?\nA: Paris\n"),
            pairs(&[("What is 2+2?", "4"), ("Capital of France?", "Paris")])
        );
        assert_eq!(
            cards("**Q:** Why sort?\n\n**A:** To search fast.\n"),
            pairs(&[("Why sort?", "To search fast.")])
        );
        // `A.B` is no answer marker; a lone `Q:` without an answer is nothing.
        assert_eq!(cards("Q: open question\nno answer here\n"), pairs(&[]));
    }

    #[test]
    fn bold_question_then_its_paragraph() {
        assert_eq!(
            cards("**What is a monad?**\n\nA monoid in the category of endofunctors.\n"),
            pairs(&[(
                "What is a monad?",
                "A monoid in the category of endofunctors."
            )])
        );
        assert_eq!(
            cards("**Why cache?**\nSpeed.\n"),
            pairs(&[("Why cache?", "Speed.")])
        );
    }

    #[test]
    fn bold_question_then_its_answer_on_the_line() {
        assert_eq!(
            cards("- **What is the input?** The documents retrieved and the query.\n- **什么是 CAS？** CAS 即比较并替换。\n"),
            pairs(&[
                ("What is the input?", "The documents retrieved and the query."),
                ("什么是 CAS？", "CAS 即比较并替换。"),
            ])
        );
        // Too little after it to be an answer; a bold span that asks nothing; not at the head;
        // an answer that points at what follows.
        assert!(cards("- **Why?** Speed.\n- **Note** this is long enough to be.\n- See **why not?** here and there.\n").is_empty());
        assert!(cards("- **如何支持参数动态配置？** 且看 `ThreadPoolExecutor` 提供的下面这些方法。\n- **How to configure it?** Use the methods shown below.\n").is_empty());
    }

    #[test]
    fn two_column_tables_give_a_card_a_row() {
        let src = "| Concept | Key fact |\n| --- | --- |\n| Mitosis | one cell becomes two |\n| `a|b` | a code span with a pipe |\n";
        assert_eq!(
            cards(src),
            pairs(&[
                ("Mitosis", "one cell becomes two"),
                ("`a|b`", "a code span with a pipe"),
            ])
        );
        // Three columns, or numbers only, are not term tables.
        assert_eq!(
            cards("| a | b | c |\n|---|---|---|\n| 1 | 2 | 3 |\n"),
            pairs(&[])
        );
        assert_eq!(
            cards("| port | value |\n|---|---|\n| http | 80 |\n| https | 443 |\n"),
            pairs(&[])
        );
    }

    #[test]
    fn definition_lists_and_the_question_mark_separator() {
        assert_eq!(
            cards("Apple\n: a fruit\n\nKale\n: a leaf\n"),
            pairs(&[("Apple", "a fruit"), ("Kale", "a leaf")])
        );
        assert_eq!(
            cards("How do you write A or B?\n?\nA + B\n"),
            pairs(&[("How do you write A or B?", "A + B")])
        );
        let outline = parse_as("left\n??\nright\n", Flavor::Markdown);
        assert!(find(&outline).cards[0].both_ways);
    }

    #[test]
    fn a_code_block_of_commented_lines_is_a_card_a_line() {
        let src = "## Expand\n\n```vim\nexpand('<cword>')   \" word under cursor\nexpand('%')         \" current file\n\n\"   a note\n```\n";
        assert_eq!(
            cards(src),
            pairs(&[
                ("`expand('<cword>')`", "word under cursor"),
                ("`expand('%')`", "current file"),
            ])
        );
        // A program with a comment or two is code to read, not a list.
        assert_eq!(
            cards("```python\nx = 1  # one\ny = x + 1\nprint(y)\nz = 2\n```\n"),
            pairs(&[])
        );
    }

    #[test]
    fn every_shape_keeps_its_cards_whatever_the_order_they_are_found_in() {
        // A sibling pair found after the `<details>` of later blocks is not lost (the cards are
        // in finding order, not block order, until `find` sorts them).
        for n in [1, 2, 5, 9] {
            let details: String = (0..n)
                .map(|k| format!("<details><summary>What is {k}?</summary>{k}</details>\n\n"))
                .collect();
            let src = format!("Q: What is 2+2?\n\nA: 4\n\n{details}");
            let found = find(&parse_as(&src, Flavor::Markdown));
            assert_eq!(found.role[0], Role::Asks, "{n}");
            assert_eq!(found.cards.len(), n + 1, "{n}");
        }
        // `Q1.` / `A1.` markers.
        assert_eq!(
            cards("Q1. What is X?\nA1. A letter.\n"),
            pairs(&[("What is X?", "A letter.")])
        );
    }

    #[test]
    fn a_block_holding_its_own_card_leaves_its_children_theirs() {
        let outline = parse_as(
            "- Q: What is Rust?\n  A: A systems language.\n\t- ownership :: each value has one owner\n",
            Flavor::Markdown,
        );
        let found = find(&outline);
        assert_eq!(found.cards.len(), 1);
        assert_eq!(found.role[1], Role::None, "the child's own `::` card stays");
    }

    #[test]
    fn hostile_nesting_of_details_is_linear() {
        // Every level opens a `<details>` that never closes: each is counted once.
        let src: String = (0..3000)
            .map(|d| format!("{}- <details> level {d}\n", "\t".repeat(d)))
            .collect();
        let outline = parse_as(&src, Flavor::Markdown);
        assert!(find(&outline).cards.is_empty());
    }

    #[test]
    fn plain_notes_hold_nothing_ready_made() {
        assert_eq!(
            cards("# Title\n\nSome prose? Yes, a question in prose.\n\n- a | b\n- Q is a letter\n"),
            pairs(&[])
        );
    }
}
