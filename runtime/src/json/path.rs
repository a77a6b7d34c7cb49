//! Where in a document a byte offset falls, as a member path (`Attendees[3].CreatedAt`).
//!
//! Used only when reading fails, to say which member could not be read: the document is walked
//! again up to the error's offset, so a successful read pays nothing for it.

use super::{Kind, Reader};

/// One step of a path: an object member or an array element.
enum Step {
    Key(String),
    Index(usize),
}

/// The path of the innermost value that contains byte `offset` of `body`, or `None` when the
/// offset is at the top level. Keys are written as they appear in the document.
pub fn path_at(body: &[u8], offset: usize) -> Option<String> {
    let mut reader = Reader::new(body).ok()?;
    let mut steps = Vec::new();
    // Whether the walk reached the offset or stopped at a syntax error on the way, the steps
    // taken so far lead to the value in question.
    let _ = walk(&mut reader, offset, &mut steps);
    if steps.is_empty() {
        return None;
    }
    let mut path = String::new();
    for step in &steps {
        match step {
            Step::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                push_key(&mut path, key);
            }
            Step::Index(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    Some(path)
}

/// Keys longer than this are cut short in a path (an error message should not carry a reply's
/// arbitrarily long key).
const MAX_KEY_CHARS: usize = 64;

/// Appends a key: bare when it reads unambiguously in a path, otherwise quoted and escaped (an
/// empty key, or one with spaces, control characters or `.[]"` in it); cut at
/// [`MAX_KEY_CHARS`] characters either way.
fn push_key(path: &mut String, key: &str) {
    let plain = |c: char| !(c.is_control() || c.is_whitespace() || ".[]\"`".contains(c));
    if !key.is_empty() && key.chars().count() <= MAX_KEY_CHARS && key.chars().all(plain) {
        path.push_str(key);
        return;
    }
    let mut chars = key.chars();
    let shown: String = chars.by_ref().take(MAX_KEY_CHARS).collect();
    let quoted = format!("{shown:?}");
    match quoted.strip_suffix('"') {
        // Cut short: `"kkkk…"`.
        Some(open) if chars.next().is_some() => {
            path.push_str(open);
            path.push_str("…\"");
        }
        _ => path.push_str(&quoted),
    }
}

/// Walks the next value; `Ok(true)` once the value containing `target` is found (its steps are
/// on `steps`). Recursion is bounded by the reader's nesting limit.
fn walk(r: &mut Reader<'_>, target: usize, steps: &mut Vec<Step>) -> Result<bool, ()> {
    let kind = r.peek().map_err(drop)?;
    if r.offset() >= target {
        return Ok(true);
    }
    match kind {
        Kind::Object => {
            r.begin_object().map_err(drop)?;
            while let Some(key) = r.next_key().map_err(drop)? {
                steps.push(Step::Key(key.into_owned()));
                if walk(r, target, steps)? {
                    return Ok(true);
                }
                steps.pop();
            }
        }
        Kind::Array => {
            r.begin_array().map_err(drop)?;
            let mut index = 0;
            while r.next_element().map_err(drop)? {
                steps.push(Step::Index(index));
                if walk(r, target, steps)? {
                    return Ok(true);
                }
                steps.pop();
                index += 1;
            }
        }
        _ => {
            r.skip_value().map_err(drop)?;
            if target < r.offset() {
                return Ok(true);
            }
        }
    }
    Ok(target < r.offset())
}

#[cfg(test)]
mod tests {
    use super::path_at;

    fn path(body: &str, marker: &str) -> Option<String> {
        path_at(body.as_bytes(), body.find(marker).unwrap())
    }

    #[test]
    fn finds_the_member_at_an_offset() {
        let body =
            r#"{"Attendees":[{"Id":"a"},{"Id":"b"},{"Id":"c"},{"Id":"d","CreatedAt":"bad"}]}"#;
        assert_eq!(
            path(body, "\"bad\"").as_deref(),
            Some("Attendees[3].CreatedAt")
        );
        assert_eq!(path(body, "\"b\"").as_deref(), Some("Attendees[1].Id"));
        assert_eq!(path(body, "{\"Attendees").as_deref(), None);
        assert_eq!(
            path(r#"{"a": {"b": [1, 2, tru]}}"#, "tru").as_deref(),
            Some("a.b[2]")
        );
        // Inside a string or a number, the member is still found.
        assert_eq!(path(r#"{"n": 12345}"#, "345").as_deref(), Some("n"));
        // A syntax error stops the walk where it is.
        assert_eq!(path(r#"{"a": [1 2]}"#, "2]").as_deref(), Some("a"));
        assert_eq!(path_at(b"\xff", 0), None);
    }

    #[test]
    fn quotes_keys_that_would_not_read_as_one_step() {
        // Found by the json_reader fuzz target: an empty key made an empty path.
        assert_eq!(path(r#"{"": tru}"#, "tru").as_deref(), Some(r#""""#));
        assert_eq!(
            path(r#"{"a.b": {"c d": [{"\n": tru}]}}"#, "tru").as_deref(),
            Some(r#""a.b"."c d"[0]."\n""#)
        );
        assert_eq!(
            path(r#"{"aws:x-y": tru}"#, "tru").as_deref(),
            Some("aws:x-y")
        );
        let body = format!(r#"{{"{}": tru}}"#, "k".repeat(100));
        let cut = format!("\"{}…\"", "k".repeat(64));
        assert_eq!(path(&body, "tru"), Some(cut));
    }
}
