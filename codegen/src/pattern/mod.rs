//! Checks `smithy.api#pattern` values with the engine the runtime uses, and rewrites the
//! Java-only syntax some published models contain when it has an exact ECMA-262 equivalent.
//!
//! Smithy patterns are ECMA-262 regular expressions, matched unanchored. The runtime compiles
//! them with `regress` (an ECMAScript engine): in Unicode mode (`u` flag) when the pattern is
//! valid there, so that `\p{…}` classes work and `.` matches whole code points, and otherwise
//! in legacy mode, which accepts Annex B syntax such as `\-` outside a class. This module
//! applies the same rule at generation time ([`check`]), so a pattern that passes here compiles
//! at run time. Keep it in step with `shapegen::__private::Pattern`, which is given the source
//! [`prepare`] settles on and compiles exactly that, with no flags of its own.

mod syntax;
mod translate;

/// What generated code does with a model's pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prepared {
    /// Compile this ECMA-262 source: the model's own, or its exact translation
    /// (see the `translate` module).
    Enforce(String),
    /// The pattern is not ECMA-262 and has no exact equivalent: it is not enforced. The
    /// engine's message on the model's source.
    NotEnforced(String),
}

/// Decides how `source` (a model's pattern) is checked at run time.
pub fn prepare(source: &str) -> Prepared {
    let message = match check(source) {
        Ok(()) => return Prepared::Enforce(source.to_owned()),
        Err(message) => message,
    };
    match translate::translate(source) {
        Some(translated) if check(&translated).is_ok() => Prepared::Enforce(translated),
        _ => Prepared::NotEnforced(message),
    }
}

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
    use super::{Prepared, check, prepare};

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

    fn matches(source: &str, text: &str) -> bool {
        let regex = regress::Regex::with_flags(source, "u")
            .or_else(|_| regress::Regex::new(source))
            .unwrap();
        regex.find(text).is_some()
    }

    #[test]
    fn ecma_patterns_are_kept_as_written() {
        assert_eq!(
            prepare("^[a-z]+$"),
            Prepared::Enforce("^[a-z]+$".to_owned())
        );
        assert_eq!(prepare(r"^\-$"), Prepared::Enforce(r"^\-$".to_owned()));
    }

    #[test]
    fn java_dot_all_is_enforced_with_the_same_meaning() {
        let Prepared::Enforce(source) = prepare("^(?s).+$") else {
            panic!("translated")
        };
        assert!(matches(&source, "line one\nline two"));
        assert!(!matches(&source, ""));
        assert!(!matches("^.+$", "line one\nline two"), "without dotAll");
        let Prepared::Enforce(source) = prepare(r"^(?s)\s*-----BEGIN X-----.+-----END X-----\s*$")
        else {
            panic!("translated")
        };
        assert!(matches(
            &source,
            "-----BEGIN X-----\nabc\n-----END X-----\n"
        ));
        assert!(!matches(&source, "-----BEGIN X-----\n"));
    }

    #[test]
    fn java_possessive_quantifiers_are_enforced_as_greedy_ones() {
        let model = r"^[\/]?+[a-zA-Z0-9!_.*'()-]+(\/[a-zA-Z0-9!_.*'()-]+)*$";
        let Prepared::Enforce(source) = prepare(model) else {
            panic!("translated")
        };
        for (text, expected) in [
            ("/bucket/key", true),
            ("bucket", true),
            ("//bucket", false),
            ("/", false),
            ("a b", false),
        ] {
            assert_eq!(matches(&source, text), expected, "{text:?}");
        }
    }

    #[test]
    fn patterns_without_an_exact_equivalent_are_not_enforced() {
        for model in [
            r"^[-_a-zA-Z0-9]*${2,64}$",
            "^[^-A-Za-z0-9+/=]|=[^=]|={3,}${1,4096}$",
            "^arn:aws:rbin:[0-9a-zA-Z]{11}{0,1011}$",
            "^(?i)(true|false)$",
            "^a*+a$",
        ] {
            let Prepared::NotEnforced(message) = prepare(model) else {
                panic!("{model} has no exact ECMA-262 equivalent")
            };
            assert!(!message.is_empty());
        }
    }
}
