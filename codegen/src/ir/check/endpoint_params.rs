//! Rules about endpoint rule-set parameters an operation sets: `staticContextParams` values
//! are booleans, strings or lists; `contextParam` members are strings, booleans or lists of
//! strings; `operationContextParams` paths lead through the input to such a value.

use std::fmt;

use crate::diagnostics::{Diagnostic, JsonPath};

/// An endpoint parameter resolution could not bind; it leaves the parameter out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EndpointParamFinding {
    /// A static context parameter (at `path`) whose `value` is missing or of another type.
    StaticValue { path: JsonPath },
    /// The input member at `path` sets the context parameter `name` but is of another type.
    ContextParamMember { path: JsonPath, name: String },
    /// An operation context parameter (at `path`) with no string `path`.
    MissingPath { path: JsonPath },
    /// The operation context parameter path `expression` (at `path`) does not resolve.
    UnresolvedPath {
        path: JsonPath,
        expression: String,
        problem: PathProblem,
    },
}

/// Why an `operationContextParams` path does not resolve against the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PathProblem {
    /// A step after one whose value is not a structure.
    NotInStructure { name: String },
    /// A step into a structure that is not resolved.
    Unresolved { structure: String },
    /// A step naming no member.
    NoMember { name: String },
    /// `name[*]` where `name` is not a list.
    NotAList { name: String },
    /// `keys(...)` of something other than a map.
    KeysOfNonMap,
    /// No step at all.
    Empty,
    /// The path ends at a value that is not a string, boolean or list of strings.
    WrongEnd,
}

impl fmt::Display for PathProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotInStructure { name } => write!(f, "`{name}` is not a member of a structure"),
            Self::Unresolved { structure } => write!(f, "`{structure}` is not resolved yet"),
            Self::NoMember { name } => write!(f, "no member `{name}`"),
            Self::NotAList { name } => write!(f, "`{name}[*]` needs a list"),
            Self::KeysOfNonMap => f.write_str("`keys()` needs a map"),
            Self::Empty => f.write_str("an empty path"),
            Self::WrongEnd => {
                f.write_str("the path must end at a string, boolean or list of strings")
            }
        }
    }
}

pub(super) fn report(finding: &EndpointParamFinding) -> Diagnostic {
    match finding {
        EndpointParamFinding::StaticValue { path } => Diagnostic::at(
            path.clone(),
            "a static context parameter needs a boolean, string or list `value`",
        ),
        EndpointParamFinding::ContextParamMember { path, name } => Diagnostic::at(
            path.clone(),
            format!(
                "the context parameter `{name}` needs a string, boolean or list of strings member"
            ),
        ),
        EndpointParamFinding::MissingPath { path } => Diagnostic::at(
            path.clone(),
            "an operation context parameter needs a `path`",
        ),
        EndpointParamFinding::UnresolvedPath {
            path,
            expression,
            problem,
        } => Diagnostic::at(path.clone(), format!("path `{expression}`: {problem}")),
    }
}
