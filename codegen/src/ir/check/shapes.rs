//! Rules about the shapes members reach: no list or map contains itself with no structure or
//! union in between (it would have no finite Rust type, and Smithy forbids it).

use crate::diagnostics::{Diagnostic, JsonPath};

/// A rule the shapes reached break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ShapeFinding {
    /// The member at `path` targets `target`, a list or map (`kind`) already being resolved
    /// around it; resolution leaves the member out.
    SelfContainingCollection {
        path: JsonPath,
        target: String,
        kind: &'static str,
    },
}

pub(super) fn report(finding: &ShapeFinding) -> Diagnostic {
    match finding {
        ShapeFinding::SelfContainingCollection { path, target, kind } => Diagnostic::at(
            path.clone(),
            format!(
                "`{target}` is a {kind} that contains itself with no structure or union in \
                 between; Smithy requires recursion to pass through a structure or union"
            ),
        ),
    }
}
