//! Rules about enum values: an `enum` member's `smithy.api#enumValue` is a string (or absent),
//! an `intEnum` member's an integer, and a Smithy 1.0 `smithy.api#enum` entry has a `value`.

use crate::diagnostics::{Diagnostic, JsonPath};

/// A rule an enum's values break; resolution leaves the value out of the enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum EnumFinding {
    /// The `smithy.api#enumValue` at `path` is not of the enum's kind (`int`: an `intEnum`).
    ValueOfWrongKind { path: JsonPath, int: bool },
    /// A `smithy.api#enum` entry has no string `value` (`path` is the missing key's).
    EntryWithoutValue { path: JsonPath },
}

pub(super) fn report(finding: &EnumFinding) -> Diagnostic {
    match finding {
        EnumFinding::ValueOfWrongKind { path, int } => {
            let (kind, value) = if *int {
                ("intEnum", "an integer")
            } else {
                ("enum", "a string")
            };
            Diagnostic::at(
                path.clone(),
                format!("an {kind} member needs {value} `smithy.api#enumValue`"),
            )
        }
        EnumFinding::EntryWithoutValue { path } => {
            Diagnostic::at(path.clone(), "missing enum `value`")
        }
    }
}
