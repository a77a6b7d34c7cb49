//! Which service and operations are generated: the service `settings` select (or the only
//! one), its protocol, and its operations (through resources), less event-stream operations.
//! A service, protocol or operation that cannot be found is a resolution failure, as is an
//! operation the settings name that cannot be generated.

use std::collections::BTreeSet;

use super::Resolver;
use crate::diagnostics::{Diagnostic, Diagnostics, JsonPath};
use crate::ir::{ProtocolIr, SkippedOperation};
use crate::model::{Model, Shape, ShapeKind, ShapeRef, traits};
use crate::settings::Settings;

/// Protocol traits shapegen knows of; `restJson1` and `awsJson1_0`/`1_1` are supported.
const PROTOCOL_TRAITS: &[&str] = &[
    traits::REST_JSON1,
    traits::AWS_JSON1_0,
    traits::AWS_JSON1_1,
    traits::AWS_QUERY,
    traits::EC2_QUERY,
    traits::REST_XML,
    traits::RPC_V2_CBOR,
];

pub(super) fn select_service<'m>(
    model: &'m Model,
    settings: &Settings,
    diagnostics: &mut Diagnostics,
) -> Option<&'m Shape> {
    let services: Vec<&Shape> = model.services().collect();
    let listed = || {
        services
            .iter()
            .map(|s| format!("`{}`", s.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match settings.selected_service() {
        Some(id) => match model.shape(id) {
            Some(shape) if matches!(shape.kind, ShapeKind::Service(_)) => Some(shape),
            Some(shape) => {
                diagnostics.push(Diagnostic::argument(
                    "service",
                    format!("`{id}` is a {}, not a service", shape.kind.type_name()),
                ));
                None
            }
            None => {
                let known = if services.is_empty() {
                    "the model has no service shape".to_owned()
                } else {
                    format!("the model's services: {}", listed())
                };
                diagnostics.push(Diagnostic::argument(
                    "service",
                    format!("no service `{id}` in the model ({known})"),
                ));
                None
            }
        },
        None => match services.as_slice() {
            [only] => Some(*only),
            [] => {
                diagnostics.error(
                    JsonPath::root().key("shapes"),
                    "the model has no service shape, so there is no client to generate",
                );
                None
            }
            _ => {
                diagnostics.push(Diagnostic::argument(
                    "service",
                    format!(
                        "the model has {} services ({}); choose one with `service: \"<shape id>\"`",
                        services.len(),
                        listed()
                    ),
                ));
                None
            }
        },
    }
}

/// The service's protocol; an unsupported or missing one is a failure (and restJson1 is
/// assumed so that the rest of the model is still resolved and checked).
pub(super) fn protocol(service: &Shape, diagnostics: &mut Diagnostics) -> ProtocolIr {
    let query_compatible = service.traits.has(traits::AWS_QUERY_COMPATIBLE);
    if service.traits.has(traits::REST_JSON1) {
        return ProtocolIr::RestJson1;
    }
    if service.traits.has(traits::AWS_JSON1_0) || service.traits.has(traits::AWS_JSON1_1) {
        return ProtocolIr::AwsJson {
            v1_1: !service.traits.has(traits::AWS_JSON1_0),
            query_compatible,
        };
    }
    let declared: Vec<&str> = PROTOCOL_TRAITS
        .iter()
        .copied()
        .filter(|id| service.traits.has(id))
        .collect();
    let path = service.path.key("traits");
    let supported = "shapegen supports `aws.protocols#restJson1`, `aws.protocols#awsJson1_0` \
                     and `aws.protocols#awsJson1_1`";
    if declared.is_empty() {
        diagnostics.error(
            path,
            format!("the service declares no protocol trait; {supported}"),
        );
    } else {
        diagnostics.error(
            path.key(declared[0]),
            format!("unsupported protocol `{}`; {supported}", declared[0]),
        );
    }
    ProtocolIr::RestJson1
}

/// Why an operation cannot be generated yet, with the JSON path to blame: a member of its input
/// or output is an event stream (targets a union with `smithy.api#streaming`).
pub(super) fn event_stream(model: &Model, operation: &Shape) -> Option<(JsonPath, String)> {
    let ShapeKind::Operation(op) = &operation.kind else {
        return None;
    };
    for (direction, structure) in [("input", &op.input), ("output", &op.output)] {
        let shape = structure.as_ref().and_then(|r| model.shape(&r.target));
        let Some(ShapeKind::Structure { members }) = shape.map(|s| &s.kind) else {
            continue;
        };
        for member in members {
            if let Some(target) = model.shape(&member.target)
                && matches!(target.kind, ShapeKind::Union { .. })
                && target.traits.has(traits::STREAMING)
            {
                let reason = format!(
                    "its {direction} member `{}` targets the event stream `{}`",
                    member.name, target.id
                );
                return Some((member.path.key("target"), reason));
            }
        }
    }
    None
}

impl<'m> Resolver<'m, '_> {
    /// The operations to generate, in model order, with where each was referenced.
    pub(super) fn select_operations(
        &mut self,
        service_shape: &Shape,
        service: &'m crate::model::Service,
        settings: &Settings,
    ) -> Vec<(&'m Shape, JsonPath)> {
        let mut all: Vec<(String, JsonPath)> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut stack: Vec<(&[ShapeRef], &[ShapeRef])> =
            vec![(&service.operations, &service.resources)];
        while let Some((operations, resources)) = stack.pop() {
            for op in operations {
                if seen.insert(op.target.clone()) {
                    all.push((op.target.clone(), op.path.clone()));
                }
            }
            for resource_ref in resources {
                match self.model.shape(&resource_ref.target).map(|s| &s.kind) {
                    Some(ShapeKind::Resource(resource)) => {
                        stack.push((&resource.operations, &resource.resources));
                    }
                    Some(other) => self.cannot_resolve(
                        resource_ref.path.clone(),
                        format!(
                            "`{}` is a {}, not a resource",
                            resource_ref.target,
                            other.type_name()
                        ),
                    ),
                    None => self.unknown_target(&resource_ref.path, &resource_ref.target),
                }
            }
        }
        let mut resolved: Vec<(&'m Shape, JsonPath)> = Vec::new();
        for (id, path) in all {
            match self.model.shape(&id) {
                Some(shape) if matches!(shape.kind, ShapeKind::Operation(_)) => {
                    resolved.push((shape, path));
                }
                Some(shape) => self.cannot_resolve(
                    path,
                    format!("`{id}` is a {}, not an operation", shape.kind.type_name()),
                ),
                None => self.unknown_target(&path, &id),
            }
        }
        let Some(wanted) = settings.selected_operations() else {
            // In full, operations using an event stream are left out (the check pass warns).
            resolved.retain(|(shape, _)| match event_stream(self.model, shape) {
                Some((path, reason)) => {
                    self.skipped_operations.push(SkippedOperation {
                        name: shape.name().to_owned(),
                        path,
                        reason,
                    });
                    false
                }
                None => true,
            });
            return resolved;
        };
        let mut selected = Vec::new();
        for name in wanted {
            let found = resolved
                .iter()
                .find(|(shape, _)| shape.id == *name || shape.name() == name);
            let stream = found.and_then(|(shape, _)| event_stream(self.model, shape));
            match (found, stream) {
                (Some(_), Some((_, reason))) => {
                    self.diagnostics.push(Diagnostic::argument(
                        "operations",
                        format!(
                            "operation `{name}` cannot be generated: {reason}, and shapegen does \
                             not support event streams yet"
                        ),
                    ));
                }
                (Some(entry), None) => {
                    if !selected
                        .iter()
                        .any(|(s, _): &(&Shape, JsonPath)| s.id == entry.0.id)
                    {
                        selected.push(entry.clone());
                    }
                }
                (None, _) => {
                    let names: Vec<&str> = resolved.iter().map(|(s, _)| s.name()).collect();
                    let hint = match closest(name, &names) {
                        Some(close) => format!("; did you mean `{close}`?"),
                        None => String::new(),
                    };
                    self.diagnostics.push(Diagnostic::argument(
                        "operations",
                        format!(
                            "no operation `{name}` in service `{}` ({} operation{}){hint}",
                            service_shape.id,
                            names.len(),
                            if names.len() == 1 { "" } else { "s" }
                        ),
                    ));
                }
            }
        }
        selected
    }
}

/// The candidate closest to `name` by edit distance, if reasonably close.
pub(super) fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

pub(super) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::{closest, edit_distance};

    #[test]
    fn edit_distance_counts_insertions_deletions_and_substitutions() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn closest_suggests_only_reasonably_close_names_ignoring_case() {
        let names = ["ListThings", "GetThing", "DeleteThing"];
        assert_eq!(closest("listthing", &names), Some("ListThings"));
        assert_eq!(closest("GetThings", &names), Some("GetThing"));
        assert_eq!(closest("CreateBucket", &names), None);
    }
}
