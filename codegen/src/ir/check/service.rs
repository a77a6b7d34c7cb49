//! Rules the resolved service shows by itself: a signing name for `aws.auth#sigv4`, and a
//! warning for each operation left out of the client.

use crate::diagnostics::Diagnostic;
use crate::ir::Ir;
use crate::model::{Model, traits};

/// The problems of `ir`'s service: errors, then warnings, in model order.
pub(super) fn check(model: &Model, ir: &Ir) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // Resolution leaves the signing name out when `aws.auth#sigv4` has no string `name`.
    if let Some(shape) = model.shape(&ir.service.id)
        && shape.traits.has(traits::SIGV4)
        && ir.service.signing_name.is_none()
    {
        found.push(Diagnostic::at(
            shape.path.trait_(traits::SIGV4).key("name"),
            "`aws.auth#sigv4` needs a `name` (the signing name)",
        ));
    }
    for skipped in &ir.skipped_operations {
        found.push(Diagnostic::warning(
            skipped.path.clone(),
            format!(
                "operation `{}` is not generated: {}, and shapegen does not support event \
                 streams yet",
                skipped.name, skipped.reason
            ),
        ));
    }
    found
}
