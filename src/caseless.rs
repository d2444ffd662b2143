//! Finding ASCII words whatever their case (`<details>`, `<DETAILS>`, `</Summary>`): the tags and
//! markers notes and packages hold are ASCII, so the search skips to each byte that could start a
//! match (with `memchr`) and compares only there.

/// Where `needle` first occurs in `hay`, ASCII letters compared without case.
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    let mut from = 0;
    while from + n.len() <= h.len() {
        let at = from + memchr::memchr2(lower, upper, &h[from..=h.len() - n.len()])?;
        if h[at..at + n.len()].eq_ignore_ascii_case(n) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// How many times `needle` occurs in `hay` without overlapping, ASCII letters compared without
/// case.
pub fn count(hay: &str, needle: &str) -> usize {
    let mut n = 0;
    let mut rest = hay;
    while let Some(at) = find(rest, needle) {
        n += 1;
        rest = &rest[at + needle.len()..];
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_whatever_the_case() {
        assert_eq!(find("a <DETAILS>", "<details"), Some(2));
        assert_eq!(find("<Details", "<details"), Some(0));
        assert_eq!(find("x<detail", "<details"), None);
        assert_eq!(find("", "<a"), None);
        assert_eq!(find("abc", ""), None);
        assert_eq!(find("ééA", "a"), Some(4));
        assert_eq!(find("<d<d <D>", "<d>"), Some(5));
    }

    #[test]
    fn counts_without_overlap() {
        assert_eq!(count("<details><DETAILS></details>", "<details"), 2);
        assert_eq!(count("aaaa", "aa"), 2);
        assert_eq!(count("none here", "<x"), 0);
    }
}
