//! The check pass: model consistency rules over a model that could be resolved, run after
//! resolution over the model, the resolved IR and the [`Finding`]s resolution recorded.
//!
//! Resolution reports only what stops it from building the IR (see `resolve/failures.rs`);
//! anything else it meets that breaks a rule (a URI label with no member, a binding on a member
//! of the wrong type, a malformed constraint value, a pattern with no ECMA-262 equivalent...)
//! it skips or defaults silently and records as a [`Finding`]: plain data, with the JSON path
//! where the model has it. This pass decides what each one is (an error, or a warning for what
//! the client does not honour), words it and reports it once, in the order met; it also
//! checks what the IR itself shows ([`service`]). One module per area:
//!
//! | module | rules |
//! |---|---|
//! | [`service`] | `aws.auth#sigv4` names the signing name; event-stream operations left out |
//! | [`operations`] | what an operation lists as an error has the `smithy.api#error` trait |
//! | [`http`] | URI labels ↔ `httpLabel` members, binding ↔ member type, host-prefix labels |
//! | [`shapes`] | no list or map contains itself with no structure or union in between |
//! | [`enums`] | enum values of the enum's kind |
//! | [`constraints`] | `length`/`range` bounds are numbers, patterns are (ECMA-262) strings |
//! | [`endpoint_params`] | context parameters have fitting values, members and paths |

mod constraints;
mod endpoint_params;
mod enums;
mod http;
mod operations;
mod service;
mod shapes;
#[cfg(test)]
mod tests;

pub(crate) use constraints::ConstraintFinding;
pub(crate) use endpoint_params::{EndpointParamFinding, PathProblem};
pub(crate) use enums::EnumFinding;
pub(crate) use http::{BindingTrait, HttpFinding};
pub(crate) use operations::OperationFinding;
pub(crate) use shapes::ShapeFinding;

use super::Resolution;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Model;

/// Something resolution met that breaks a model rule, set aside for this pass as data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Finding {
    Operation(OperationFinding),
    Http(HttpFinding),
    Shape(ShapeFinding),
    Enum(EnumFinding),
    Constraint(ConstraintFinding),
    EndpointParam(EndpointParamFinding),
}

/// What resolution set aside for the check pass, in the order it was met.
#[derive(Debug, Clone, Default)]
pub struct Findings(Vec<Finding>);

impl Findings {
    /// Records a finding.
    pub(crate) fn record(&mut self, finding: impl Into<Finding>) {
        self.0.push(finding.into());
    }
}

/// Checks a resolved model: adds every rule it breaks to `diagnostics`, each once (a shape's
/// traits are read once per member that targets it), in the order the IR's service and the
/// findings give.
pub fn check(model: &Model, resolution: &Resolution, diagnostics: &mut Diagnostics) {
    let mut found = service::check(model, &resolution.ir);
    found.extend(resolution.findings.0.iter().map(report));
    for diagnostic in found {
        if !diagnostics.iter().any(|d| *d == diagnostic) {
            diagnostics.push(diagnostic);
        }
    }
}

/// The diagnostic of one finding.
fn report(finding: &Finding) -> Diagnostic {
    match finding {
        Finding::Operation(finding) => operations::report(finding),
        Finding::Http(finding) => http::report(finding),
        Finding::Shape(finding) => shapes::report(finding),
        Finding::Enum(finding) => enums::report(finding),
        Finding::Constraint(finding) => constraints::report(finding),
        Finding::EndpointParam(finding) => endpoint_params::report(finding),
    }
}

macro_rules! finding_from {
    ($($area:ident => $variant:ident),* $(,)?) => {
        $(impl From<$area> for Finding {
            fn from(finding: $area) -> Self {
                Finding::$variant(finding)
            }
        })*
    };
}

finding_from! {
    OperationFinding => Operation,
    HttpFinding => Http,
    ShapeFinding => Shape,
    EnumFinding => Enum,
    ConstraintFinding => Constraint,
    EndpointParamFinding => EndpointParam,
}
