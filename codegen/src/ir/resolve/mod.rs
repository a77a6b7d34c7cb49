//! Model + settings → IR, in passes: [`selection`] picks the service and operations,
//! [`operations`] and [`shapes`] walk the closure they reach (with [`http`] bindings and
//! [`constraints`]), then the graph passes ([`endpoint_params`], [`pagination`], [`graph`],
//! [`patterns`]) complete the IR.
//!
//! Resolution reports only its [`failures`] (what it cannot build the IR without), and goes on
//! past them so that all problems are reported together. It is lenient about everything else:
//! a part of the model that breaks a rule is skipped or defaulted silently and recorded as a
//! [`Finding`] for the check pass (`ir/check`), which reports it.

mod constraints;
mod endpoint_params;
mod failures;
mod graph;
mod http;
mod operations;
mod pagination;
mod patterns;
mod selection;
mod shapes;
#[cfg(test)]
mod testing;

use selection::{protocol, select_service};

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::check::{Finding, Findings};
use super::names::Scope;
use super::{EnumIr, OperationIr, ProtocolIr, Resolution, SkippedOperation, StructureIr};
use crate::diagnostics::Diagnostics;
use crate::model::{Model, Shape, ShapeKind, shape_name, traits};
use crate::settings::Settings;

/// Builds the IR for the selected service and operations, with the rules the model breaks
/// recorded as findings.
///
/// Returns `None` when nothing useful could be resolved; failures are in `diagnostics` either
/// way.
pub fn resolve(
    model: &Model,
    settings: &Settings,
    diagnostics: &mut Diagnostics,
) -> Option<Resolution> {
    let service_shape = select_service(model, settings, diagnostics)?;
    let ShapeKind::Service(service) = &service_shape.kind else {
        return None;
    };
    let protocol = protocol(service_shape, diagnostics);
    let mut resolver = Resolver {
        model,
        diagnostics,
        protocol,
        rename: &service.rename,
        type_names: Scope::default(),
        error_names: Scope::default(),
        structure_names: BTreeMap::new(),
        structures: BTreeMap::new(),
        enums: BTreeMap::new(),
        errors: BTreeMap::new(),
        queue: VecDeque::new(),
        patterns: Vec::new(),
        skipped_operations: Vec::new(),
        edges: BTreeMap::new(),
        input_roots: BTreeSet::new(),
        output_roots: BTreeSet::new(),
        open_collections: Vec::new(),
        findings: Findings::default(),
    };
    let service_ir = resolver.service(service_shape, service);
    let operation_refs = resolver.select_operations(service_shape, service, settings);
    let mut resolved: Vec<(&Shape, OperationIr)> = operation_refs
        .iter()
        .filter_map(|(shape, _)| {
            let operation = resolver.operation(shape, &service.errors)?;
            Some((*shape, operation))
        })
        .collect();
    resolver.drain_queue();
    // Paths of endpoint parameters and pagination may reach into nested structures, resolved
    // only now.
    let service_paginated = service_shape.traits.get(traits::PAGINATED);
    for (shape, operation) in &mut resolved {
        operation.endpoint_params = resolver.endpoint_params(shape, &operation.input);
        operation.pagination = resolver.pagination(
            shape,
            service_paginated,
            &operation.input,
            &operation.output,
        );
    }
    let mut operations: Vec<OperationIr> = resolved.into_iter().map(|(_, op)| op).collect();
    operations.sort_by(|a, b| a.snake.cmp(&b.snake));
    let (mut ir, findings) = resolver.finish(service_ir, operations);
    patterns::keep_checked(&mut ir);
    Some(Resolution { ir, findings })
}

/// Where a structure sits: operation input, output, error, or nested in another value (a
/// structure, or a union).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Input,
    Output,
    Error,
    Nested,
    Union,
}

/// Which way data flows through a structure, to decide what code it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Flow {
    /// Part of a request: written as JSON and validated.
    Input,
    /// Part of a response or error: read from JSON.
    Output,
}

struct Resolver<'m, 'd> {
    model: &'m Model,
    diagnostics: &'d mut Diagnostics,
    protocol: ProtocolIr,
    rename: &'m BTreeMap<String, String>,
    type_names: Scope,
    error_names: Scope,
    /// Rust names of shared structures, by shape id (assigned when first reached).
    structure_names: BTreeMap<String, String>,
    /// Shared structures by shape id (built when dequeued).
    structures: BTreeMap<String, StructureIr>,
    enums: BTreeMap<String, EnumIr>,
    /// Error structures by shape id (`None` while being built).
    errors: BTreeMap<String, Option<StructureIr>>,
    queue: VecDeque<String>,
    patterns: Vec<String>,
    /// Operations left out (event streams), in model order.
    skipped_operations: Vec<SkippedOperation>,
    /// Structure-to-structure references by Rust name: (to, directly contained).
    edges: BTreeMap<String, BTreeSet<(String, bool)>>,
    /// Shared structures referenced by operation inputs.
    input_roots: BTreeSet<String>,
    /// Shared structures referenced by operation outputs and errors.
    output_roots: BTreeSet<String>,
    /// Lists and maps whose element types are being resolved (to catch a collection that
    /// contains itself with no structure or union in between).
    open_collections: Vec<String>,
    /// The rules the model breaks, for the check pass.
    findings: Findings,
}

impl Resolver<'_, '_> {
    /// The name a shape has in this service (after `rename`).
    pub(super) fn local_name(&self, id: &str) -> String {
        self.rename
            .get(id)
            .cloned()
            .unwrap_or_else(|| shape_name(id).to_owned())
    }

    /// Records a rule the model breaks, for the check pass to report.
    pub(super) fn found(&mut self, finding: impl Into<Finding>) {
        self.findings.record(finding);
    }
}
