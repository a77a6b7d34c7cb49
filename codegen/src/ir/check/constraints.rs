//! Rules about constraint traits: `length` and `range` bounds are numbers, a `pattern` is a
//! string, and a pattern with no exact ECMA-262 equivalent is a warning (the runtime does not
//! enforce it; only known with codegen's `check-patterns` feature).

use crate::diagnostics::{Diagnostic, JsonPath};

/// A constraint value resolution could not use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ConstraintFinding {
    /// The bound `key` (`min` or `max`, at `path`) is neither a number nor null; resolution
    /// drops the whole `length` or `range`.
    BoundNotNumber { path: JsonPath, key: String },
    /// The `pattern` at `path` is not a string; resolution drops it.
    PatternNotString { path: JsonPath },
    /// The pattern `source` (at `path`) has no exact ECMA-262 equivalent, for `reason`;
    /// generated code keeps it, and the runtime, unable to compile it, does not enforce it.
    #[cfg(feature = "check-patterns")]
    PatternNotEnforced {
        path: JsonPath,
        source: String,
        reason: String,
    },
}

pub(super) fn report(finding: &ConstraintFinding) -> Diagnostic {
    match finding {
        ConstraintFinding::BoundNotNumber { path, key } => {
            Diagnostic::at(path.clone(), format!("`{key}` must be a number"))
        }
        ConstraintFinding::PatternNotString { path } => {
            Diagnostic::at(path.clone(), "a pattern must be a string")
        }
        #[cfg(feature = "check-patterns")]
        ConstraintFinding::PatternNotEnforced {
            path,
            source,
            reason,
        } => Diagnostic::warning(
            path.clone(),
            format!(
                "pattern `{source}` is not ECMA-262 ({reason}) and has no exact ECMA-262 \
                 equivalent: it is not enforced (generated code accepts any value here)"
            ),
        ),
    }
}
