//! Decks as a tree: `vault/lang/python` under `vault/lang` under `vault`, each node's counts
//! its own and its sub-decks' together, and as much of the tree as fits a screenful (the
//! smallest folded decks opened first; a top level too long cut, the rest summed in one line).
//! Pure: rows in, rows to print out.

use std::collections::BTreeMap;

/// Counts that add up the tree.
pub trait Totals: Default + Clone {
    fn add(&mut self, other: &Self);
}

/// Any fixed set of counts (new, due, total, …) adds up column by column.
impl<const N: usize> Totals for [i64; N]
where
    [i64; N]: Default,
{
    fn add(&mut self, other: &Self) {
        for (a, b) in self.iter_mut().zip(other) {
            *a += b;
        }
    }
}

/// One line of the tree as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<T> {
    /// 0 for a top-level deck.
    pub depth: usize,
    /// The last part of the name (`python` for `vault/lang/python`).
    pub label: String,
    /// The whole name.
    pub name: String,
    /// Its own and every sub-deck's.
    pub totals: T,
    /// Sub-decks folded away under it (not shown).
    pub folded: usize,
}

/// A line standing for decks left out at the end: how many, and their totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Rest<T> {
    pub decks: usize,
    pub totals: T,
}

#[derive(Default)]
struct Node<T> {
    totals: T,
    children: BTreeMap<String, Node<T>>,
}

impl<T: Totals> Node<T> {
    fn size(&self) -> usize {
        self.children.values().map(|c| 1 + c.size()).sum()
    }
}

/// The tree of `decks` (name and its own counts) in at most `max_rows` rows: the top level,
/// then the folded decks opened one at a time, those with the fewest sub-decks first, while
/// their sub-decks fit (a deck left folded says how many it holds); a [`Rest`] line when even
/// the top level does not fit.
pub fn tree<T: Totals>(decks: &[(String, T)], max_rows: usize) -> (Vec<Row<T>>, Option<Rest<T>>) {
    let max_rows = max_rows.max(1);
    let mut root: Node<T> = Node::default();
    for (name, own) in decks {
        let mut node = &mut root;
        for part in name.split('/').filter(|p| !p.is_empty()) {
            node.totals.add(own);
            node = node.children.entry(part.to_string()).or_default();
        }
        node.totals.add(own);
    }
    // Open decks while their children fit: the fewest children first (ties: first in order).
    let mut open: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut shown = root.children.len();
    loop {
        let mut best: Option<(usize, String)> = None;
        visible(&root, "", &open, &mut |name, node| {
            let n = node.children.len();
            if n > 0 && !open.contains(name) && best.as_ref().is_none_or(|(b, _)| n < *b) {
                best = Some((n, name.to_string()));
            }
        });
        match best {
            Some((n, name)) if shown + n <= max_rows => {
                shown += n;
                open.insert(name);
            }
            _ => break,
        }
    }
    let mut rows = Vec::new();
    walk(&root, "", 0, &open, &mut rows);
    if rows.len() <= max_rows {
        return (rows, None);
    }
    // Even the top level is too long: the first rows, then one for the rest.
    let rest_rows = rows.split_off(max_rows.saturating_sub(1));
    let mut totals = T::default();
    let mut count = 0;
    for r in &rest_rows {
        totals.add(&r.totals);
        count += 1 + r.folded;
    }
    (
        rows,
        Some(Rest {
            decks: count,
            totals,
        }),
    )
}

/// Calls `f` with every shown deck (its name and node), in order.
fn visible<T: Totals>(
    node: &Node<T>,
    prefix: &str,
    open: &std::collections::HashSet<String>,
    f: &mut dyn FnMut(&str, &Node<T>),
) {
    for (label, child) in &node.children {
        let name = join(prefix, label);
        f(&name, child);
        if open.contains(&name) {
            visible(child, &name, open, f);
        }
    }
}

fn join(prefix: &str, label: &str) -> String {
    if prefix.is_empty() {
        label.to_string()
    } else {
        format!("{prefix}/{label}")
    }
}

fn walk<T: Totals>(
    node: &Node<T>,
    prefix: &str,
    depth: usize,
    open: &std::collections::HashSet<String>,
    out: &mut Vec<Row<T>>,
) {
    for (label, child) in &node.children {
        let name = join(prefix, label);
        let is_open = open.contains(&name);
        out.push(Row {
            depth,
            label: label.clone(),
            name: name.clone(),
            totals: child.totals.clone(),
            folded: if is_open { 0 } else { child.size() },
        });
        if is_open {
            walk(child, &name, depth + 1, open, out);
        }
    }
}

/// One line of a deck tree as the commands print it.
pub struct TreeLine<T> {
    pub depth: usize,
    /// The deck's last name part with the sub-decks folded under it (`journal (+30
    /// sub-decks)`), or `… 12 more decks` for those left out at the end.
    pub label: String,
    pub totals: T,
}

impl<T> TreeLine<T> {
    /// The label indented by its depth, for a terminal.
    pub fn indented(&self) -> String {
        format!("{}{}", "  ".repeat(self.depth), self.label)
    }
}

/// The deck tree of `own` (each deck's own counts) folded to `max_rows` lines, the last one
/// for the decks left out when even the top level does not fit.
pub fn tree_lines<T: Totals>(own: &[(String, T)], max_rows: usize) -> Vec<TreeLine<T>> {
    let (rows, rest) = tree(own, max_rows);
    let folded = |r: &Row<T>| match r.folded {
        0 => String::new(),
        n => format!(" (+{})", crate::display::counted(n, "sub-deck")),
    };
    (rows.iter())
        .map(|r| TreeLine {
            depth: r.depth,
            label: format!("{}{}", r.label, folded(r)),
            totals: r.totals.clone(),
        })
        .chain(rest.map(|r| TreeLine {
            depth: 0,
            label: format!("… {} more", crate::display::counted(r.decks, "deck")),
            totals: r.totals,
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, Clone, PartialEq)]
    struct N(i64);

    impl Totals for N {
        fn add(&mut self, other: &Self) {
            self.0 += other.0;
        }
    }

    fn shown(rows: &[Row<N>]) -> Vec<(usize, &str, i64, usize)> {
        rows.iter()
            .map(|r| (r.depth, r.label.as_str(), r.totals.0, r.folded))
            .collect()
    }

    #[test]
    fn sub_decks_roll_up_into_their_parents() {
        let decks = [
            ("python".to_string(), N(3)),
            ("vault/lang/python".to_string(), N(5)),
            ("vault/lang/rust".to_string(), N(2)),
            ("vault".to_string(), N(1)),
        ];
        let (rows, rest) = tree(&decks, 40);
        assert_eq!(rest, None);
        assert_eq!(
            shown(&rows),
            [
                (0, "python", 3, 0),
                (0, "vault", 8, 0),
                (1, "lang", 7, 0),
                (2, "python", 5, 0),
                (2, "rust", 2, 0),
            ]
        );
    }

    #[test]
    fn deep_levels_fold_first_then_a_long_top_level_is_cut() {
        let mut decks: Vec<(String, N)> = (0..30)
            .map(|i| (format!("vault/journal/2026-{i:02}"), N(1)))
            .collect();
        decks.push(("python".into(), N(4)));
        decks.push(("vault/lang/rust".into(), N(2)));
        let (rows, rest) = tree(&decks, 10);
        assert_eq!(rest, None);
        assert_eq!(
            shown(&rows),
            [
                (0, "python", 4, 0),
                (0, "vault", 32, 0),
                (1, "journal", 30, 30),
                (1, "lang", 2, 0),
                (2, "rust", 2, 0)
            ],
            "the small subtree opens, the big one stays folded"
        );
        let many: Vec<(String, N)> = (0..2000).map(|i| (format!("d{i:04}"), N(1))).collect();
        let (rows, rest) = tree(&many, 20);
        assert_eq!(rows.len(), 19);
        assert_eq!(
            rest,
            Some(Rest {
                decks: 1981,
                totals: N(1981)
            })
        );
    }
}
