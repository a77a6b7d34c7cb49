//! The errors of parsing rule sets and partition tables, and of resolving endpoints.

use std::fmt;

use super::params::ParamType;

/// A rule set that could not be parsed: not JSON, or not a valid rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetError {
    location: String,
    kind: RuleSetErrorKind,
}

/// What is wrong with a rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RuleSetErrorKind {
    /// The text is not JSON (the reader's message, with its byte offset).
    Json(String),
    /// The rule set's `version` is not one this engine implements (1.x).
    UnsupportedVersion(String),
    /// A function this engine does not know.
    UnknownFunction(String),
    /// A function called with the wrong number of arguments.
    ArgumentCount {
        /// The function's name.
        function: &'static str,
        /// What the function takes, e.g. `2` or `at least 2`.
        expected: String,
        /// How many it was given.
        found: usize,
    },
    /// A reference (`ref` or a template placeholder) to a name not in scope there.
    UnknownName(String),
    /// Anything else: a member missing or of the wrong type, a bad template or path.
    Invalid(String),
}

impl RuleSetError {
    pub(crate) fn new(location: String, kind: RuleSetErrorKind) -> Self {
        Self { location, kind }
    }

    /// Where in the rule set, e.g. `rules[2].conditions[0].argv[1]` (empty for the whole text).
    pub fn location(&self) -> &str {
        &self.location
    }

    /// What is wrong.
    pub fn kind(&self) -> &RuleSetErrorKind {
        &self.kind
    }
}

impl fmt::Display for RuleSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid endpoint rule set")?;
        if !self.location.is_empty() {
            write!(f, " at {}", self.location)?;
        }
        f.write_str(": ")?;
        match &self.kind {
            RuleSetErrorKind::Json(message) => write!(f, "not JSON: {message}"),
            RuleSetErrorKind::UnsupportedVersion(version) => {
                write!(
                    f,
                    "unsupported version {version:?} (this engine implements 1.x)"
                )
            }
            RuleSetErrorKind::UnknownFunction(name) => write!(f, "unknown function `{name}`"),
            RuleSetErrorKind::ArgumentCount {
                function,
                expected,
                found,
            } => write!(
                f,
                "`{function}` takes {expected} argument(s), given {found}"
            ),
            RuleSetErrorKind::UnknownName(name) => write!(f, "`{name}` is not defined here"),
            RuleSetErrorKind::Invalid(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for RuleSetError {}

/// A partition table that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionsError {
    message: String,
}

impl PartitionsError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for PartitionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid partition table: {}", self.message)
    }
}

impl std::error::Error for PartitionsError {}

/// Why no endpoint was resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResolveError {
    /// An error rule of the rule set matched; this is its message, e.g. `Invalid
    /// Configuration: FIPS and custom endpoint are not supported`.
    Rule(String),
    /// A required parameter without a default was given no value.
    MissingParameter(String),
    /// A parameter was given a value of the wrong type.
    ParameterType {
        /// The parameter's name.
        name: String,
        /// The type the rule set declares.
        expected: ParamType,
        /// The type of the value given.
        found: ParamType,
    },
    /// Every rule was tried and none matched (the rule set does not cover these values).
    NoRuleMatched,
    /// The rule set applied a function to a value of the wrong type: a fault of the rule set,
    /// which static checks of the model would have caught.
    Evaluation(String),
    /// The rule set itself could not be parsed (from [`LazyResolver`](super::LazyResolver)).
    RuleSet(RuleSetError),
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Rule(message) => f.write_str(message),
            ResolveError::MissingParameter(name) => {
                write!(
                    f,
                    "endpoint parameter `{name}` is required but has no value"
                )
            }
            ResolveError::ParameterType {
                name,
                expected,
                found,
            } => write!(
                f,
                "endpoint parameter `{name}` is a {expected}, given a {found}"
            ),
            ResolveError::NoRuleMatched => {
                f.write_str("no endpoint rule matched the given parameters")
            }
            ResolveError::Evaluation(message) => {
                write!(f, "endpoint rule set evaluation failed: {message}")
            }
            ResolveError::RuleSet(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ResolveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResolveError::RuleSet(error) => Some(error),
            _ => None,
        }
    }
}
