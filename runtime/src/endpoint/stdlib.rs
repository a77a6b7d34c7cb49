//! The string functions of the rules-engine standard library: `substring`, `uriEncode`,
//! `isValidHostLabel` and `split`. (`parseURL` is in `url.rs`; the functions on values are in
//! the evaluator.)

/// `substring(input, start, stop, reverse)`: the ASCII characters `start..stop` of `input`,
/// counted from the end when `reverse` is set. `None` when `input` is not ASCII, when
/// `start >= stop` or when `input` is shorter than `stop`.
pub(crate) fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Option<&str> {
    if !input.is_ascii() || start < 0 || start >= stop {
        return None;
    }
    let (start, stop) = (usize::try_from(start).ok()?, usize::try_from(stop).ok()?);
    let len = input.len();
    if stop > len {
        return None;
    }
    let (from, to) = if reverse {
        (len - stop, len - start)
    } else {
        (start, stop)
    };
    input.get(from..to)
}

/// `uriEncode(value)`: percent-encodes every byte of the UTF-8 text except the RFC 3986
/// unreserved characters `A-Z a-z 0-9 - _ . ~`, with uppercase hexadecimal digits.
pub(crate) fn uri_encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for &byte in value.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    out
}

/// `isValidHostLabel(value, allowSubDomains)`: whether `value` is an RFC 1123 host label (1 to
/// 63 ASCII letters, digits and hyphens, not starting with a hyphen) or, with
/// `allow_sub_domains`, labels of that kind joined by dots.
pub(crate) fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        value.split('.').all(is_host_label)
    } else {
        is_host_label(value)
    }
}

fn is_host_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// `split(value, delimiter, limit)` (rules engine 1.1): the parts of `value` between
/// occurrences of `delimiter`; with `limit > 0`, at most `limit` parts, the last holding the
/// rest. An empty `value` gives one empty part. `None` for an empty delimiter or a negative
/// limit, which the function does not define.
pub(crate) fn split(value: &str, delimiter: &str, limit: i64) -> Option<Vec<String>> {
    if delimiter.is_empty() || limit < 0 {
        return None;
    }
    let parts: Vec<String> = if limit == 0 {
        value.split(delimiter).map(str::to_owned).collect()
    } else {
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        value.splitn(limit, delimiter).map(str::to_owned).collect()
    };
    Some(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substring_forwards_and_reverse() {
        assert_eq!(substring("abcdefg", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abcdefg", 1, 3, false), Some("bc"));
        assert_eq!(substring("abcdefg", 0, 7, false), Some("abcdefg"));
        assert_eq!(substring("abcdefg", 0, 4, true), Some("defg"));
        assert_eq!(substring("abcdefg", 1, 3, true), Some("ef"));
    }

    #[test]
    fn substring_out_of_range_or_non_ascii_is_none() {
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abc", 0, 4, true), None);
        assert_eq!(substring("abcdef", 3, 3, false), None);
        assert_eq!(substring("abcdef", 4, 2, false), None);
        assert_eq!(substring("abcdef", -1, 2, false), None);
        assert_eq!(substring("", 0, 1, false), None);
        // Non-ASCII anywhere in the input, even outside the range.
        assert_eq!(substring("abcdé", 0, 2, false), None);
        assert_eq!(substring("\u{1F600}abcdef", 1, 3, true), None);
    }

    #[test]
    fn uri_encode_keeps_only_unreserved() {
        assert_eq!(uri_encode("AZaz09-_.~"), "AZaz09-_.~");
        assert_eq!(
            uri_encode("/:,?#[]{}|@! $&'()*+;=%<>\"^`\\"),
            "%2F%3A%2C%3F%23%5B%5D%7B%7D%7C%40%21%20%24%26%27%28%29%2A%2B%3B%3D%25%3C%3E%22%5E%60%5C"
        );
        assert_eq!(uri_encode("é"), "%C3%A9");
        assert_eq!(uri_encode(""), "");
    }

    #[test]
    fn host_labels() {
        assert!(is_valid_host_label("a", false));
        assert!(is_valid_host_label("a-b-1", false));
        assert!(is_valid_host_label("1abc", false));
        assert!(is_valid_host_label(&"a".repeat(63), false));
        assert!(!is_valid_host_label(&"a".repeat(64), false));
        assert!(!is_valid_host_label("", false));
        assert!(!is_valid_host_label("-a", false));
        assert!(!is_valid_host_label("a_b", false));
        assert!(!is_valid_host_label("a.b", false));
        assert!(!is_valid_host_label("é", false));
    }

    #[test]
    fn host_labels_with_sub_domains() {
        assert!(is_valid_host_label("a.b", true));
        assert!(is_valid_host_label("a.b-c.d1", true));
        assert!(is_valid_host_label(
            &format!("{}.{}", "a".repeat(63), "b".repeat(63)),
            true
        ));
        assert!(!is_valid_host_label("", true));
        assert!(!is_valid_host_label(".", true));
        assert!(!is_valid_host_label("a..b", true));
        assert!(!is_valid_host_label("a.b.", true));
        assert!(!is_valid_host_label(".a", true));
        assert!(!is_valid_host_label("a.-b", true));
    }

    #[test]
    fn split_like_the_spec_examples() {
        let s = |v: &str, d: &str, l: i64| split(v, d, l);
        let v = |parts: &[&str]| Some(parts.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>());
        assert_eq!(s("a--b--c", "--", 0), v(&["a", "b", "c"]));
        assert_eq!(s("a--b--c", "--", 2), v(&["a", "b--c"]));
        assert_eq!(s("--b--", "--", 0), v(&["", "b", ""]));
        assert_eq!(s("abc", "x", 0), v(&["abc"]));
        assert_eq!(s("", "--", 0), v(&[""]));
        assert_eq!(s("----", "--", 0), v(&["", "", ""]));
        assert_eq!(s("a--b--c--d", "--", 3), v(&["a", "b", "c--d"]));
        assert_eq!(s("--", "--", 0), v(&["", ""]));
        assert_eq!(s("mybucket", "--", 1), v(&["mybucket"]));
        assert_eq!(
            s("--x-s3--azid--suffix", "--", 4),
            v(&["", "x-s3", "azid", "suffix"])
        );
        assert_eq!(
            s("--x-s3--azid--suffix", "--", 2),
            v(&["", "x-s3--azid--suffix"])
        );
        assert_eq!(s("abc", "", 0), None);
        assert_eq!(s("abc", "b", -1), None);
    }
}
