//! Checks `smithy.api#pattern` values with the engine the runtime uses.
//!
//! Smithy patterns are ECMA-262 regular expressions, matched unanchored. The runtime compiles
//! them with `regress` (an ECMAScript engine): in Unicode mode (`u` flag) when the pattern is
//! valid there, so that `\p{…}` classes work and `.` matches whole code points, and otherwise
//! in legacy mode, which accepts Annex B syntax such as `\-` outside a class. This module
//! applies the same rule at generation time, so a pattern that passes here compiles at run time.
//! Keep it in step with `shapegen::__private::Pattern`.

/// `Ok` when the runtime will be able to compile `source`; otherwise the engine's message.
pub fn check(source: &str) -> Result<(), String> {
    if regress::Regex::with_flags(source, "u").is_ok() {
        return Ok(());
    }
    regress::Regex::new(source)
        .map(|_| ())
        .map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_ecmascript_features_the_regex_crate_lacks() {
        check("^[a-fA-F0-9]{8}(?:-[a-fA-F0-9]{4}){3}-[a-fA-F0-9]{12}$").unwrap();
        check(r"^(?!.*?(.)\1{3})[-_!@#$a-zA-Z0-9]*$").unwrap();
        check(r"^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$").unwrap();
        check(r"^[\w\-]+$").unwrap();
    }

    #[test]
    fn rejects_invalid_patterns() {
        let message = check("[a-").unwrap_err();
        assert!(!message.is_empty());
        assert!(check("(?<").is_err());
    }
}
