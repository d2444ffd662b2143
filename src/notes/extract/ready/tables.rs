//! Ready-made pairs in tables (a term column and a fact column) and in commented code (a
//! line of code and the comment that says what it does).

use super::*;

/// A code block that is a reference list, most of its lines `code  # what it does` (a cheat
/// sheet's `expand('%')   " current file`): a card per such line, the code asking, the comment
/// answering. A program with a few comments is left alone.
pub(super) fn commented_code(block: &Block, i: usize, lines: &[&str], out: &mut ReadyMade) {
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
pub(super) const COMMENTED_SHARE: usize = 60;

/// The code of a commented line has at most this many characters.
pub(super) const COMMENTED_CODE_CHARS: usize = 60;

/// `code  <marker> comment` (two spaces or more before `#`, `//`, `"`, `--` or `;`): the code and
/// the comment, when the comment has a word and the code fits on a card.
pub(super) fn code_comment(line: &str) -> Option<(&str, &str)> {
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

pub(super) fn is_table_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// A table row's cells: split on `|` outside code spans and escapes, outer pipes dropped.
pub(super) fn cells(line: &str) -> Vec<&str> {
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
pub(super) fn table(block: &Block, i: usize, lines: &[&str], out: &mut ReadyMade) {
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
pub(super) fn term_header(head: &[&str]) -> bool {
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
