//! Rewrites the Java-only syntax some published `smithy.api#pattern` values contain when it
//! has an exact ECMA-262 equivalent, and (with the `check-patterns` feature) tells which
//! patterns the runtime will not be able to enforce.
//!
//! Smithy patterns are ECMA-262 regular expressions, matched unanchored. The runtime compiles
//! them with `regress` (an ECMAScript engine): in Unicode mode (`u` flag) when the pattern is
//! valid there, so that `\p{…}` classes work and `.` matches whole code points, and otherwise
//! in legacy mode, which accepts Annex B syntax such as `\-` outside a class; a pattern neither
//! accepts is not enforced (`shapegen::__private::Pattern`). Generated code is given the source
//! [`runtime_source`] settles on, which needs no engine: so the proc macro, which cannot
//! print warnings, is built without one and generates the same code as `shapegen expand`.
//! [`unenforceable`] applies the runtime's rule at generation time, to warn.

mod syntax;
mod translate;

/// The ECMA-262 source generated code compiles for a model's pattern: its exact translation
/// when the model uses Java-only syntax that has one (see the `translate` module), else the
/// model's own.
///
/// The two constructs translated (`(?s)` at the start, possessive quantifiers) are syntax
/// errors in ECMA-262, in Unicode and legacy mode alike, so a pattern the runtime could
/// compile as written is never rewritten (a test checks this on every pattern it translates).
pub fn runtime_source(source: &str) -> String {
    translate::translate(source).unwrap_or_else(|| source.to_owned())
}

/// Why the runtime will not enforce `source` (the engine's message on the model's pattern),
/// or `None` when it will: [`runtime_source`] compiles in one of the runtime's two modes.
#[cfg(feature = "check-patterns")]
pub fn unenforceable(source: &str) -> Option<String> {
    let compiled = runtime_source(source);
    check(&compiled).err()?;
    Some(match check(source) {
        Err(message) => message,
        Ok(()) => check(&compiled).err().unwrap_or_default(),
    })
}

/// `Ok` when the runtime compiles `source` as it is; otherwise the engine's message.
#[cfg(feature = "check-patterns")]
fn check(source: &str) -> Result<(), String> {
    if regress::Regex::with_flags(source, "u").is_ok() {
        return Ok(());
    }
    regress::Regex::new(source)
        .map(|_| ())
        .map_err(|error| error.to_string())
}

#[cfg(all(test, feature = "check-patterns"))]
mod tests {
    use super::{check, runtime_source, unenforceable};

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
        assert_eq!(runtime_source("^[a-z]+$"), "^[a-z]+$");
        assert_eq!(runtime_source(r"^\-$"), r"^\-$");
        assert_eq!(unenforceable(r"^\-$"), None);
    }

    /// A rewrite never replaces a pattern the runtime could compile as written: each construct
    /// rewritten is a syntax error in both of the runtime's modes.
    #[test]
    fn only_patterns_invalid_as_written_are_rewritten() {
        for model in [
            "^(?s)",
            "^(?s).+$",
            "(?s)a|b",
            r"^(?s)\s*-----BEGIN X-----.+-----END X-----\s*$",
            r"^[\/]?+[a-zA-Z0-9!_.*'()-]+(\/[a-zA-Z0-9!_.*'()-]+)*$",
            r"^[0-9A-Z]{2}+$",
            r"^a*+$",
            r"a++|b",
            r"^\d{1,3}+:",
            r"^[a-z]{0,3}+-",
        ] {
            let compiled = runtime_source(model);
            assert_ne!(compiled, model, "{model} is rewritten");
            assert!(check(model).is_err(), "{model} compiles as written");
            assert_eq!(check(&compiled), Ok(()), "{model} -> {compiled}");
            assert_eq!(unenforceable(model), None, "{model}");
        }
    }

    #[test]
    fn java_dot_all_is_enforced_with_the_same_meaning() {
        let source = runtime_source("^(?s).+$");
        assert!(matches(&source, "line one\nline two"));
        assert!(!matches(&source, ""));
        assert!(!matches("^.+$", "line one\nline two"), "without dotAll");
        let source = runtime_source(r"^(?s)\s*-----BEGIN X-----.+-----END X-----\s*$");
        assert!(matches(
            &source,
            "-----BEGIN X-----\nabc\n-----END X-----\n"
        ));
        assert!(!matches(&source, "-----BEGIN X-----\n"));
    }

    #[test]
    fn java_possessive_quantifiers_are_enforced_as_greedy_ones() {
        let source = runtime_source(r"^[\/]?+[a-zA-Z0-9!_.*'()-]+(\/[a-zA-Z0-9!_.*'()-]+)*$");
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
            let message = unenforceable(model);
            assert!(
                message.is_some_and(|m| !m.is_empty()),
                "{model} has no exact ECMA-262 equivalent"
            );
        }
    }
}
