//! The secret that opens the server: made from the operating system's randomness, 128 bits,
//! and compared in constant time wherever a request brings it (a header, the page's cookie,
//! or the address `recall serve` printed).

use rand::rngs::SysRng;
use rand::TryRng as _;
use subtle::ConstantTimeEq as _;

/// The cookie that carries the token for the page, its script and its images.
pub const COOKIE: &str = "recall_token";

/// The shortest token `--token` may give: 16 characters.
pub const MIN_LEN: usize = 16;

/// Whether `token` may be given with `--token`: at least [`MIN_LEN`] characters of
/// `A-Z a-z 0-9 - _`, which a URL, a header and a cookie carry as they are.
pub fn is_valid(token: &str) -> bool {
    token.len() >= MIN_LEN
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A new token: 16 random bytes from the operating system, as 32 hex digits.
pub fn generate() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    SysRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| format!("the operating system gave no randomness for a token: {e}"))?;
    Ok(crate::text::hex(&bytes))
}

/// Whether `given` is `expected`, in time that does not depend on where they differ.
pub fn matches(given: &str, expected: &str) -> bool {
    given.len() == expected.len() && bool::from(given.as_bytes().ct_eq(expected.as_bytes()))
}

/// The token a `Cookie:` header carries, if any.
pub fn from_cookie(header: &str) -> Option<&str> {
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value)
}

/// The `token=` parameter of a query string, if any.
pub fn from_query(query: &str) -> Option<&str> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "token")
        .map(|(_, value)| value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_distinct() {
        let (a, b) = (generate().unwrap(), generate().unwrap());
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn given_tokens_travel_as_they_are() {
        assert!(is_valid("serve-test-token-0123456789abcdef"));
        assert!(!is_valid("short"));
        assert!(!is_valid("has&an=ampersand-in-it"));
        assert!(!is_valid("naïve-token-with-accent"));
    }

    #[test]
    fn matching_is_exact() {
        assert!(matches("abcdef0123456789", "abcdef0123456789"));
        assert!(!matches("abcdef0123456788", "abcdef0123456789"));
        assert!(!matches("abcdef012345678", "abcdef0123456789"));
        assert!(!matches("", "abcdef0123456789"));
    }

    #[test]
    fn cookies_and_queries_are_read() {
        assert_eq!(from_cookie("a=1; recall_token=xyz; b=2"), Some("xyz"));
        assert_eq!(from_cookie("recall_tokens=xyz"), None);
        assert_eq!(from_query("x=1&token=abc"), Some("abc"));
        assert_eq!(from_query("tokenx=abc"), None);
    }
}
