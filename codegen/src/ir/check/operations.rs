//! Rules about what operations list: every error is a structure with `smithy.api#error`.

use crate::diagnostics::{Diagnostic, JsonPath};

/// A rule an operation's references break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OperationFinding {
    /// `target`, listed (at `path`) as an error of an operation or service, is not a structure
    /// with the `smithy.api#error` trait; resolution leaves it out of the operation's errors.
    NotAnError { path: JsonPath, target: String },
}

pub(super) fn report(finding: &OperationFinding) -> Diagnostic {
    match finding {
        OperationFinding::NotAnError { path, target } => Diagnostic::at(
            path.clone(),
            format!(
                "`{target}` is listed as an error but is not a structure with the \
                 `smithy.api#error` trait"
            ),
        ),
    }
}
