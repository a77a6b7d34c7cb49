//! Client-side validation: every violated constraint, with its field path, before any I/O.

use std::fmt;
use std::sync::OnceLock;

use crate::error::BuildError;

/// The input broke one or more constraints of the model; nothing was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    violations: Vec<Violation>,
}

impl ValidationError {
    /// Every violation, in field order.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.violations.len();
        let plural = if count == 1 { "" } else { "s" };
        write!(
            f,
            "invalid input, nothing was sent: {count} validation error{plural} detected: "
        )?;
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            f.write_str(&violation.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// Which kind of constraint was violated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ViolationKind {
    /// A required member was not set.
    Required,
    /// A string, list or map length is out of bounds.
    Length,
    /// A string does not match the member's pattern.
    Pattern,
    /// A number is out of range.
    Range,
    /// An enum value is not one the model defines.
    Enum,
}

/// One violated constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    path: String,
    kind: ViolationKind,
    message: String,
}

impl Violation {
    /// Where: model member names, list indexes and map keys, e.g. `Attendees[3].ExternalUserId`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Which kind of constraint was violated.
    pub fn kind(&self) -> ViolationKind {
        self.kind
    }

    /// AWS-style text, e.g. `Value with length 1 at 'Attendees[0].ExternalUserId' failed to
    /// satisfy constraint: Member must have length between 2 and 64, inclusive`.
    ///
    /// Values themselves are never included (they may be sensitive); lengths are.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A location in an input value, built on the stack while validating (no allocation unless a
/// violation is reported).
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// The operation input itself.
    Root,
    /// A member of a structure, by model name.
    Field(&'a Path<'a>, &'static str),
    /// An item of a list.
    Index(&'a Path<'a>, usize),
    /// A value of a map.
    Key(&'a Path<'a>, &'a str),
    /// A value of a map whose keys are sensitive.
    RedactedKey(&'a Path<'a>),
}

impl<'a> Path<'a> {
    /// The input root.
    pub const fn root() -> Path<'static> {
        Path::Root
    }

    /// A member of the structure at this path.
    pub fn field(&'a self, name: &'static str) -> Path<'a> {
        Path::Field(self, name)
    }

    /// An item of the list at this path.
    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// A value of the map at this path.
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    /// A value of the map at this path, without showing the (sensitive) key.
    pub fn redacted_key(&'a self) -> Path<'a> {
        Path::RedactedKey(self)
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Field(Path::Root, name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
            Path::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
            Path::RedactedKey(parent) => write!(f, "{parent}[***]"),
        }
    }
}

/// Collects violations while generated code walks an input.
#[derive(Debug, Default)]
pub struct Violations {
    list: Vec<Violation>,
}

impl Violations {
    /// No violations yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// `Err(ValidationError)` if anything was reported.
    pub fn into_result(self) -> Result<(), ValidationError> {
        if self.list.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                violations: self.list,
            })
        }
    }

    /// `Err(BuildError)` naming every missing member if any was reported (a builder's
    /// `build()` reports only those, with [`missing`](Self::missing)).
    pub fn into_build_result(self, type_name: &'static str) -> Result<(), BuildError> {
        if self.list.is_empty() {
            return Ok(());
        }
        let missing = self
            .list
            .into_iter()
            .filter(|violation| violation.kind == ViolationKind::Required)
            .map(|violation| violation.path)
            .collect();
        Err(BuildError::new(type_name, missing))
    }

    fn push(&mut self, path: &Path<'_>, kind: ViolationKind, value: &str, constraint: String) {
        let path = path.to_string();
        let message =
            format!("{value} at '{path}' failed to satisfy constraint: Member must {constraint}");
        self.list.push(Violation {
            path,
            kind,
            message,
        });
    }

    /// A required member is not set.
    pub fn missing(&mut self, path: &Path<'_>) {
        self.push(
            path,
            ViolationKind::Required,
            "Value",
            "not be null".to_owned(),
        );
    }

    /// Checks a string's length in Unicode scalar values.
    pub fn str_length(&mut self, path: &Path<'_>, value: &str, min: Option<u64>, max: Option<u64>) {
        // Byte length bounds the character count from above: skip counting when it is safe.
        let bytes = value.len() as u64;
        if min.is_none_or(|min| min == 0) && max.is_none_or(|max| bytes <= max) {
            return;
        }
        self.count(path, value.chars().count(), min, max);
    }

    /// Checks the length of a string (in characters), list or map.
    pub fn count(&mut self, path: &Path<'_>, length: usize, min: Option<u64>, max: Option<u64>) {
        let length = length as u64;
        if min.is_some_and(|min| length < min) || max.is_some_and(|max| length > max) {
            let constraint = match (min, max) {
                (Some(min), Some(max)) => {
                    format!("have length between {min} and {max}, inclusive")
                }
                (Some(min), None) => format!("have length greater than or equal to {min}"),
                (None, Some(max)) => format!("have length less than or equal to {max}"),
                (None, None) => return,
            };
            let value = format!("Value with length {length}");
            self.push(path, ViolationKind::Length, &value, constraint);
        }
    }

    /// Checks a string against a pattern (unanchored, like Smithy).
    pub fn pattern(&mut self, path: &Path<'_>, value: &str, pattern: &Pattern) {
        if !pattern.is_match(value) {
            let constraint = format!("satisfy regular expression pattern: {}", pattern.source());
            self.push(path, ViolationKind::Pattern, "Value", constraint);
        }
    }

    /// Checks an integer against a `range`.
    pub fn int_range(&mut self, path: &Path<'_>, value: i64, min: Option<i64>, max: Option<i64>) {
        if min.is_some_and(|min| value < min) || max.is_some_and(|max| value > max) {
            self.range(path, min.map(|m| m.to_string()), max.map(|m| m.to_string()));
        }
    }

    /// Checks a float against a `range` (NaN is outside every range).
    pub fn float_range(&mut self, path: &Path<'_>, value: f64, min: Option<f64>, max: Option<f64>) {
        let outside = value.is_nan()
            || min.is_some_and(|min| value < min)
            || max.is_some_and(|max| value > max);
        if outside && (min.is_some() || max.is_some()) {
            self.range(path, min.map(|m| m.to_string()), max.map(|m| m.to_string()));
        }
    }

    fn range(&mut self, path: &Path<'_>, min: Option<String>, max: Option<String>) {
        let constraint = match (min, max) {
            (Some(min), Some(max)) => format!("be between {min} and {max}, inclusive"),
            (Some(min), None) => format!("be greater than or equal to {min}"),
            (None, Some(max)) => format!("be less than or equal to {max}"),
            (None, None) => return,
        };
        self.push(path, ViolationKind::Range, "Value", constraint);
    }

    /// A string enum value the model does not define.
    pub fn unknown_enum(&mut self, path: &Path<'_>, allowed: &[&str]) {
        let constraint = format!("satisfy enum value set: [{}]", allowed.join(", "));
        self.push(path, ViolationKind::Enum, "Value", constraint);
    }

    /// A union holding a variant this client does not know (it cannot be sent).
    pub fn unknown_union_variant(&mut self, path: &Path<'_>) {
        self.push(
            path,
            ViolationKind::Enum,
            "Value",
            "be one of the union's known variants".to_owned(),
        );
    }

    /// An int enum value the model does not define.
    pub fn unknown_int_enum(&mut self, path: &Path<'_>, allowed: &[i32]) {
        let allowed: Vec<String> = allowed.iter().map(i32::to_string).collect();
        let constraint = format!("satisfy enum value set: [{}]", allowed.join(", "));
        self.push(path, ViolationKind::Enum, "Value", constraint);
    }
}

/// Implemented by generated structures that are part of an operation input.
pub trait Validate {
    /// Reports every violated constraint of `self`, located at `path`.
    fn validate(&self, path: &Path<'_>, violations: &mut Violations);
}

/// A `pattern` constraint, compiled on first use and then shared.
///
/// Smithy patterns are ECMA-262 regular expressions matched unanchored; `regress` is an
/// ECMAScript engine. The source is what the code generator settled on: the model's pattern,
/// or its exact ECMA-262 translation when the model used Java-only syntax (`^(?s)…` becomes
/// the modifier group `(?s:^…)`, possessive quantifiers become greedy), so no flags are
/// needed beyond one rule: Unicode mode when the source is valid there, else legacy mode. A
/// pattern neither mode accepts is not enforced (it matches everything), and a warning says so
/// once; `shapegen check` reports such patterns at generation time.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regress::Regex>>,
}

impl Pattern {
    /// A pattern that will be compiled on first use.
    pub const fn new(source: &'static str) -> Self {
        Self {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// The ECMA-262 source: the model's pattern, or its exact translation.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether the pattern compiles (and so is enforced).
    pub fn compiles(&self) -> bool {
        self.compiled().is_some()
    }

    fn compiled(&self) -> Option<&regress::Regex> {
        self.compiled
            .get_or_init(|| {
                let compiled = regress::Regex::with_flags(self.source, "u")
                    .or_else(|_| regress::Regex::new(self.source));
                if let Err(error) = &compiled {
                    tracing::warn!(
                        pattern = self.source,
                        %error,
                        "a `pattern` constraint is not ECMA-262 and is not enforced: any value is accepted",
                    );
                }
                compiled.ok()
            })
            .as_ref()
    }

    /// Whether `value` contains a match.
    ///
    /// A pattern that does not compile matches everything rather than rejecting valid input.
    pub fn is_match(&self, value: &str) -> bool {
        match self.compiled() {
            Some(regex) => regex.find(value).is_some(),
            None => true,
        }
    }
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_member_names_indexes_and_keys() {
        let root = Path::root();
        let attendees = root.field("Attendees");
        let third = attendees.index(3);
        let id = third.field("ExternalUserId");
        assert_eq!(id.to_string(), "Attendees[3].ExternalUserId");
        let tags = root.field("Tags");
        assert_eq!(tags.key("team").to_string(), "Tags[\"team\"]");
        assert_eq!(tags.redacted_key().to_string(), "Tags[***]");
    }

    #[test]
    fn lengths_count_unicode_scalar_values() {
        let mut violations = Violations::new();
        let root = Path::root();
        let path = root.field("Name");
        violations.str_length(&path, "éé", Some(2), Some(2));
        assert!(violations.is_empty(), "two characters, four bytes");
        violations.str_length(&path, "é", Some(2), Some(64));
        let error = violations.into_result().unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid input, nothing was sent: 1 validation error detected: Value with length 1 at 'Name' failed to satisfy \
             constraint: Member must have length between 2 and 64, inclusive"
        );
    }

    #[test]
    fn every_kind_of_violation_is_reported_together() {
        static GUID: Pattern = Pattern::new("^[a-f0-9]{8}$");
        let mut violations = Violations::new();
        let root = Path::root();
        violations.missing(&root.field("A"));
        violations.pattern(&root.field("B"), "XYZ", &GUID);
        violations.int_range(&root.field("C"), 11, Some(0), Some(10));
        violations.float_range(&root.field("D"), f64::NAN, Some(0.0), None);
        violations.unknown_enum(&root.field("E"), &["a", "b"]);
        violations.count(&root.field("F"), 0, Some(1), None);
        let error = violations.into_result().unwrap_err();
        let kinds: Vec<ViolationKind> = error.violations().iter().map(Violation::kind).collect();
        assert_eq!(
            kinds,
            [
                ViolationKind::Required,
                ViolationKind::Pattern,
                ViolationKind::Range,
                ViolationKind::Range,
                ViolationKind::Enum,
                ViolationKind::Length
            ]
        );
        assert!(
            error
                .to_string()
                .starts_with("invalid input, nothing was sent: 6 validation errors detected: ")
        );
        assert_eq!(
            error.violations()[1].message(),
            "Value at 'B' failed to satisfy constraint: Member must satisfy regular expression \
             pattern: ^[a-f0-9]{8}$"
        );
    }

    #[test]
    fn patterns_are_unanchored_ecmascript() {
        static DIGITS: Pattern = Pattern::new("[0-9]+");
        assert!(DIGITS.is_match("abc1"));
        assert!(!DIGITS.is_match("abc"));
        static LOOKAHEAD: Pattern = Pattern::new(r"^(?!.*?(.)\1{3})[a-z]*$");
        assert!(LOOKAHEAD.is_match("aaab"));
        assert!(!LOOKAHEAD.is_match("aaaab"));
    }

    #[test]
    fn translated_java_dot_all_is_a_modifier_group() {
        // What the generator emits for the model's `^(?s).+$`.
        static DOT_ALL: Pattern = Pattern::new("(?s:^.+$)");
        assert!(DOT_ALL.compiles());
        assert!(DOT_ALL.is_match("line one\nline two"));
        assert!(!DOT_ALL.is_match(""));
        static PLAIN: Pattern = Pattern::new("^.+$");
        assert!(!PLAIN.is_match("line one\nline two"));
    }

    #[test]
    fn a_pattern_the_engine_rejects_is_not_enforced() {
        // `${2,64}`: a quantifier on an assertion, which ECMA-262 rejects in both modes
        // (chime-sdk-voice writes it).
        static JAVA_ONLY: Pattern = Pattern::new("^[-a-z0-9]*${2,64}$");
        assert!(!JAVA_ONLY.compiles());
        assert!(JAVA_ONLY.is_match("ANY value at all"));
        let mut violations = Violations::default();
        violations.pattern(&Path::root(), "ANY value", &JAVA_ONLY);
        assert!(violations.is_empty());
    }
}
