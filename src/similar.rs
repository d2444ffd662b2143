//! How alike two short texts are (a reworded question, a mistyped deck name).

/// How alike `a` and `b` are, 0–1: the better of normalised Levenshtein (small edits of long
/// text) and Sørensen–Dice on letter pairs (small edits of short text: `wraps` → `wraps(f)`).
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b).max(strsim::sorensen_dice(a, b))
}
