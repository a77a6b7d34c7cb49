//! `parseURL`: an `http`/`https` URL split into the parts endpoint rules use.

/// The `URL` structure of the rules engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedUrl {
    /// `http` or `https`, lowercase.
    pub(crate) scheme: String,
    /// Host and port as written, without any userinfo.
    pub(crate) authority: String,
    /// The path as written: empty, or starting with `/`.
    pub(crate) path: String,
    /// The path starting and ending with `/`.
    pub(crate) normalized_path: String,
    /// Whether the host is an IPv4 or (bracketed) IPv6 address.
    pub(crate) is_ip: bool,
}

/// Parses `input`; `None` unless it is an absolute `http` or `https` URL with a host and
/// without a query. A fragment is ignored.
pub(crate) fn parse_url(input: &str) -> Option<ParsedUrl> {
    let (scheme, rest) = input.split_once(':')?;
    if !is_scheme(scheme) {
        return None;
    }
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let rest = rest.strip_prefix("//")?;
    let rest = rest
        .split_once('#')
        .map_or(rest, |(before, _fragment)| before);
    if rest.contains('?') {
        return None;
    }
    let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_userinfo, host)| host);
    let (host, port) = split_host_port(host_and_port)?;
    if let Some(port) = port
        && !port.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    if host.is_empty()
        || host
            .bytes()
            .any(|b| b.is_ascii_control() || b == b' ' || b == b'@')
    {
        return None;
    }
    let is_ipv6 = host.starts_with('[');
    if is_ipv6 && !is_ipv6_address(&host[1..host.len() - 1]) {
        return None;
    }
    Some(ParsedUrl {
        scheme,
        authority: host_and_port.to_owned(),
        path: path.to_owned(),
        normalized_path: normalize_path(path),
        is_ip: is_ipv6 || is_ipv4_address(host),
    })
}

/// RFC 3986 scheme: a letter, then letters, digits, `+`, `-` and `.`.
fn is_scheme(scheme: &str) -> bool {
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// Splits `host[:port]`, where the host may be a bracketed IPv6 address.
fn split_host_port(authority: &str) -> Option<(&str, Option<&str>)> {
    if authority.starts_with('[') {
        let close = authority.find(']')?;
        let (host, rest) = authority.split_at(close + 1);
        return match rest {
            "" => Some((host, None)),
            _ => Some((host, Some(rest.strip_prefix(':')?))),
        };
    }
    Some(match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

/// The path starting and ending with `/` (`/` for an empty path).
fn normalize_path(path: &str) -> String {
    let mut normalized = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized.push('/');
    }
    normalized.push_str(path);
    if !normalized.ends_with('/') {
        normalized.push('/');
    }
    normalized
}

/// Four dot-separated decimal numbers, each at most 255.
pub(crate) fn is_ipv4_address(host: &str) -> bool {
    let mut count = 0;
    for part in host.split('.') {
        count += 1;
        if count > 4
            || part.is_empty()
            || !part.bytes().all(|b| b.is_ascii_digit())
            || part.parse::<u32>().map_or(true, |n| n > 255)
        {
            return false;
        }
    }
    count == 4
}

/// An RFC 4291 text address: eight groups of 1 to 4 hex digits separated by `:`, at most one
/// `::` standing for one or more zero groups, optionally ending in a dotted IPv4 address
/// (worth two groups).
fn is_ipv6_address(text: &str) -> bool {
    let (head, tail, compressed) = match text.split_once("::") {
        Some((head, tail)) => (head, tail, true),
        None => (text, "", false),
    };
    if tail.contains("::") {
        return false;
    }
    let groups = |part: &str, may_end_in_ipv4: bool| -> Option<usize> {
        if part.is_empty() {
            return Some(0);
        }
        let pieces: Vec<&str> = part.split(':').collect();
        let mut count = 0;
        for (i, piece) in pieces.iter().enumerate() {
            let last = i + 1 == pieces.len();
            if last && may_end_in_ipv4 && piece.contains('.') {
                if !is_ipv4_address(piece) {
                    return None;
                }
                count += 2;
            } else if (1..=4).contains(&piece.len()) && piece.bytes().all(|b| b.is_ascii_hexdigit())
            {
                count += 1;
            } else {
                return None;
            }
        }
        Some(count)
    };
    let Some(head_groups) = groups(head, !compressed) else {
        return false;
    };
    let Some(tail_groups) = groups(tail, true) else {
        return false;
    };
    let total = head_groups + tail_groups;
    if compressed { total < 8 } else { total == 8 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(scheme: &str, authority: &str, path: &str, normalized: &str, is_ip: bool) -> ParsedUrl {
        ParsedUrl {
            scheme: scheme.into(),
            authority: authority.into(),
            path: path.into(),
            normalized_path: normalized.into(),
            is_ip,
        }
    }

    #[test]
    fn the_spec_examples() {
        assert_eq!(
            parse_url("https://example.com"),
            Some(url("https", "example.com", "", "/", false))
        );
        assert_eq!(parse_url("https://example.com:8443?foo=bar&faz=baz"), None);
        assert_eq!(
            parse_url("http://example.com:80/foo/bar"),
            Some(url(
                "http",
                "example.com:80",
                "/foo/bar",
                "/foo/bar/",
                false
            ))
        );
        assert_eq!(
            parse_url("https://127.0.0.1"),
            Some(url("https", "127.0.0.1", "", "/", true))
        );
        assert_eq!(
            parse_url("https://[fe80::1]"),
            Some(url("https", "[fe80::1]", "", "/", true))
        );
    }

    #[test]
    fn paths_ports_and_userinfo() {
        assert_eq!(
            parse_url("http://beta.example.com:1234/path/"),
            Some(url(
                "http",
                "beta.example.com:1234",
                "/path/",
                "/path/",
                false
            ))
        );
        assert_eq!(
            parse_url("https://example.com/"),
            Some(url("https", "example.com", "/", "/", false))
        );
        assert_eq!(
            parse_url("HTTPS://user:pw@10.0.1.12:433/a#frag"),
            Some(url("https", "10.0.1.12:433", "/a", "/a/", true))
        );
        assert_eq!(
            parse_url("https://[::ffff:10.0.0.1]:8443"),
            Some(url("https", "[::ffff:10.0.0.1]:8443", "", "/", true))
        );
    }

    #[test]
    fn rejects_what_is_not_an_http_url() {
        for input in [
            "beta.example.com",
            "abcde://nota#url",
            "ftp://example.com",
            "https:example.com",
            "https://",
            "https:///path",
            "https://example.com?",
            "https://example.com/path?x=1",
            "https://example.com:port",
            "https://[fe80::1",
            "https://[not-ipv6]",
            "https://[1:2:3:4:5:6:7:8:9]",
            "https://exa mple.com",
            "",
            "://",
        ] {
            assert_eq!(parse_url(input), None, "{input}");
        }
    }

    #[test]
    fn ip_detection() {
        assert!(is_ipv4_address("192.168.0.1"));
        assert!(!is_ipv4_address("192.168.0.256"));
        assert!(!is_ipv4_address("192.168.0"));
        assert!(!is_ipv4_address("1.2.3.4.5"));
        assert!(!is_ipv4_address("a.b.c.d"));
        assert!(!parse_url("https://1.2.3.example.com").is_some_and(|u| u.is_ip));
        assert!(is_ipv6_address("::"));
        assert!(is_ipv6_address("1:2:3:4:5:6:7:8"));
        assert!(is_ipv6_address("1::8"));
        assert!(is_ipv6_address("::1.2.3.4"));
        assert!(!is_ipv6_address("1:2:3:4:5:6:7"));
        assert!(!is_ipv6_address("1::2::3"));
        assert!(!is_ipv6_address("12345::"));
    }
}
