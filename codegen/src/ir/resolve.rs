//! Model + settings → IR: picks the service and operations, walks the closure they reach, and
//! applies Smithy's semantics once. Every problem is recorded; resolution goes on past errors so
//! that all of them are reported together.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde_json::Value;

use super::names::{self, Scope};
use super::{
    Binding, Bounds, Constraints, Deprecation, EndpointParamIr, EndpointParamValue, EnumIr,
    EnumVariant, ErrorInfo, ErrorRef, FieldStep, HttpIr, InputPath, Ir, MemberIr, OperationIr,
    PaginationIr, PathResult, PathSegment, PathStep, PatternCheck, PatternRef, ProtocolIr,
    ServiceIr, SkippedOperation, StructureIr, TimestampFormat, TypeIr, TypeKind,
};
use crate::diagnostics::{Diagnostic, Diagnostics, JsonPath};
use crate::model::{
    Member, Model, Shape, ShapeKind, ShapeRef, Simple, SmithyVersion, Traits, shape_name, traits,
};
use crate::pattern::{self, Prepared};
use crate::settings::Settings;

/// Protocol traits shapegen knows of; `restJson1` and `awsJson1_0`/`1_1` are supported.
const PROTOCOL_TRAITS: &[&str] = &[
    "aws.protocols#restJson1",
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "aws.protocols#restXml",
    "smithy.protocols#rpcv2Cbor",
];

/// Builds the IR for the selected service and operations.
///
/// Returns `None` when nothing useful could be resolved; problems are in `diagnostics` either way.
pub fn resolve(model: &Model, settings: &Settings, diagnostics: &mut Diagnostics) -> Option<Ir> {
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
    Some(resolver.finish(service_ir, operations))
}

fn select_service<'m>(
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

/// The service's protocol; an unsupported or missing one is reported (and restJson1 assumed
/// so that the rest of the model is still checked).
fn protocol(service: &Shape, diagnostics: &mut Diagnostics) -> ProtocolIr {
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
fn event_stream(model: &Model, operation: &Shape) -> Option<(JsonPath, String)> {
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

/// Where a structure sits: operation input, output, error, or nested in another value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Input,
    Output,
    Error,
    Nested,
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
}

/// The Rust names shapes must not take in `types` (they would shadow module names).
const RESERVED_TYPE_NAMES: &[&str] = &["builders", "error"];

impl<'m> Resolver<'m, '_> {
    fn service(&mut self, shape: &Shape, service: &crate::model::Service) -> ServiceIr {
        let aws = shape.traits.get(traits::AWS_SERVICE);
        let sdk_id = aws
            .and_then(|v| v.get("sdkId"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let endpoint_prefix = aws
            .and_then(|v| v.get("endpointPrefix"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| {
                sdk_id
                    .as_deref()
                    .unwrap_or(shape.name())
                    .to_lowercase()
                    .replace(' ', "-")
            });
        let signing_name = match shape.traits.get(traits::SIGV4) {
            Some(value) => match value.get("name").and_then(Value::as_str) {
                Some(name) => Some(name.to_owned()),
                None => {
                    self.diagnostics.error(
                        shape.path.trait_(traits::SIGV4).key("name"),
                        "`aws.auth#sigv4` needs a `name` (the signing name)",
                    );
                    None
                }
            },
            None => None,
        };
        ServiceIr {
            id: shape.id.clone(),
            title: shape
                .traits
                .string(traits::TITLE)
                .map(str::to_owned)
                .or(sdk_id)
                .unwrap_or_else(|| shape.name().to_owned()),
            docs: shape.docs().map(str::to_owned),
            version: service.version.clone(),
            signing_name,
            endpoint_prefix,
            protocol: self.protocol,
            shape_name: shape.name().to_owned(),
            endpoint_rules: shape
                .traits
                .get(traits::ENDPOINT_RULE_SET)
                .map(Value::to_string),
        }
    }

    /// The operations to generate, in model order, with where each was referenced.
    fn select_operations(
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
                    Some(other) => self.diagnostics.error(
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
                Some(shape) => self.diagnostics.error(
                    path,
                    format!("`{id}` is a {}, not an operation", shape.kind.type_name()),
                ),
                None => self.unknown_target(&path, &id),
            }
        }
        let Some(wanted) = settings.selected_operations() else {
            // In full, operations using an event stream are left out with a warning.
            resolved.retain(|(shape, _)| match event_stream(self.model, shape) {
                Some((path, reason)) => {
                    self.diagnostics.warning(
                        path,
                        format!(
                            "operation `{}` is not generated: {reason}, and shapegen does not \
                             support event streams yet",
                            shape.name()
                        ),
                    );
                    self.skipped_operations.push(SkippedOperation {
                        name: shape.name().to_owned(),
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

    fn unknown_target(&mut self, path: &JsonPath, target: &str) {
        self.diagnostics.error(
            path.clone(),
            format!("unknown shape `{target}`: no shape with this id in the model"),
        );
    }

    /// An operation; its `pagination` and `endpoint_params` are filled in once the nested
    /// structures are resolved.
    fn operation(&mut self, shape: &Shape, service_errors: &[ShapeRef]) -> Option<OperationIr> {
        let ShapeKind::Operation(op) = &shape.kind else {
            return None;
        };
        let name = self.local_name(&shape.id);
        let snake = names::snake(&name);
        let rust_name = names::type_name(&name);
        let input_name = format!("{rust_name}Input");
        let output_name = format!("{rust_name}Output");
        let input = match &op.input {
            Some(r) => self.io_structure(r, &input_name, Flow::Input),
            None => Some(empty_structure(&shape.id, &input_name)),
        };
        let output = match &op.output {
            Some(r) => self.io_structure(r, &output_name, Flow::Output),
            None => Some(empty_structure(&shape.id, &output_name)),
        };
        let mut errors = Vec::new();
        for error_ref in op.errors.iter().chain(service_errors) {
            if let Some(error) = self.error_ref(error_ref)
                && !errors.iter().any(|e: &ErrorRef| e.name == error.name)
            {
                errors.push(error);
            }
        }
        let http = if self.protocol.has_http_bindings() {
            self.http(shape, input.as_ref())
        } else {
            Some(rpc_http())
        };
        let (input, output, http) = (input?, output?, http?);
        let host_prefix = self.host_prefix(shape, &input);
        Some(OperationIr {
            id: shape.id.clone(),
            name,
            rust_name,
            snake,
            docs: shape.docs().map(str::to_owned),
            deprecated: deprecation(&shape.traits),
            http,
            input,
            output,
            errors,
            host_prefix,
            pagination: None,
            checksum_required: shape.traits.has(traits::HTTP_CHECKSUM_REQUIRED),
            signed: is_signed(shape),
            endpoint_params: Vec::new(),
            endpoint_url_member: None,
            request_compression: shape
                .traits
                .get(traits::REQUEST_COMPRESSION)
                .and_then(|v| v.get("encodings"))
                .and_then(Value::as_array)
                .is_some_and(|encodings| encodings.iter().any(|e| e.as_str() == Some("gzip"))),
        })
    }

    /// `smithy.api#endpoint`'s host prefix, checked against the input's `hostLabel` members.
    fn host_prefix(&mut self, shape: &Shape, input: &StructureIr) -> Option<String> {
        let prefix = shape
            .traits
            .get("smithy.api#endpoint")?
            .get("hostPrefix")?
            .as_str()?
            .to_owned();
        let path = shape.path.trait_("smithy.api#endpoint").key("hostPrefix");
        let mut rest = prefix.as_str();
        while let Some(start) = rest.find('{') {
            let Some(end) = rest[start..].find('}') else {
                self.report_once(path, format!("unclosed `{{` in host prefix `{prefix}`"));
                return None;
            };
            let label = &rest[start + 1..start + end];
            let found = input
                .members
                .iter()
                .any(|m| m.name == label && m.host_label && matches!(m.ty.kind, TypeKind::String));
            if !found {
                self.report_once(
                    path,
                    format!("host label `{{{label}}}` has no string input member `{label}` with the `smithy.api#hostLabel` trait"),
                );
                return None;
            }
            rest = &rest[start + end + 1..];
        }
        Some(prefix)
    }

    /// `smithy.api#paginated` (merged over the service's), when its members can be found.
    ///
    /// `inputToken` and `pageSize` are input members; `outputToken` and `items` are paths of
    /// output members (`NextToken`, or `EngineDefaults.Marker` through nested structures). The
    /// token may be a string, a map or a list (DynamoDB pages with a map of attribute values),
    /// and the input and output tokens must have the same Rust type. Anything else leaves the
    /// operation without a paginator (a missing `items` only without `into_items()`).
    fn pagination(
        &self,
        shape: &Shape,
        service_paginated: Option<&Value>,
        input: &StructureIr,
        output: &StructureIr,
    ) -> Option<PaginationIr> {
        let own = shape.traits.get(traits::PAGINATED)?;
        let get = |key: &str| {
            own.get(key)
                .or_else(|| service_paginated.and_then(|s| s.get(key)))
                .and_then(Value::as_str)
        };
        let input_token_name = get("inputToken")?;
        let input_token = input.members.iter().find(|m| m.name == input_token_name)?;
        let (output_token, token) = self.member_path(output, get("outputToken")?)?;
        let token_kind = matches!(
            token.kind,
            TypeKind::String | TypeKind::Map { .. } | TypeKind::List { .. }
        );
        if !token_kind || !same_rust_type(&input_token.ty, &token) {
            return None;
        }
        let items = get("items")
            .and_then(|path| self.member_path(output, path))
            .filter(|(_, ty)| matches!(ty.kind, TypeKind::List { .. } | TypeKind::Map { .. }));
        let page_size = get("pageSize")
            .and_then(|name| input.members.iter().find(|m| m.name == name))
            .map(|m| m.field.clone());
        Some(PaginationIr {
            input_token: input_token.field.clone(),
            output_token,
            token,
            items,
            page_size,
        })
    }

    /// Follows a dotted path of member names (`A.B.C`) from `root` through nested structures
    /// (not unions): the Rust field of each step, and the type at the end.
    fn member_path(&self, root: &StructureIr, path: &str) -> Option<(Vec<FieldStep>, TypeIr)> {
        let mut steps = Vec::new();
        let mut members: &[MemberIr] = &root.members;
        let mut current: Option<&TypeIr> = None;
        for name in path.split('.') {
            if let Some(ty) = current {
                let TypeKind::Structure { .. } = ty.kind else {
                    return None;
                };
                let nested = self.structures.get(&ty.shape).filter(|s| !s.is_union)?;
                members = &nested.members;
            }
            let member = members.iter().find(|m| m.name == name)?;
            steps.push(FieldStep {
                name: member.name.clone(),
                field: member.field.clone(),
                optional: member.optional,
            });
            current = Some(&member.ty);
        }
        Some((steps, current?.clone()))
    }

    fn io_structure(&mut self, r: &ShapeRef, rust_name: &str, flow: Flow) -> Option<StructureIr> {
        let Some(shape) = self.model.shape(&r.target) else {
            self.unknown_target(&r.path, &r.target);
            return None;
        };
        match &shape.kind {
            ShapeKind::Structure { members } => {
                let level = match flow {
                    Flow::Input => Level::Input,
                    Flow::Output => Level::Output,
                };
                let mut structure = self.structure(shape, members, rust_name.to_owned(), level);
                structure.serialize = flow == Flow::Input;
                structure.validate = flow == Flow::Input;
                structure.deserialize = flow == Flow::Output;
                let roots = match flow {
                    Flow::Input => &mut self.input_roots,
                    Flow::Output => &mut self.output_roots,
                };
                roots.extend(structure_refs(&structure).into_iter().map(|(name, _)| name));
                Some(structure)
            }
            other => {
                self.diagnostics.error(
                    r.path.clone(),
                    format!(
                        "operation input/output must be a structure, `{}` is a {}",
                        r.target,
                        other.type_name()
                    ),
                );
                None
            }
        }
    }

    fn error_ref(&mut self, r: &ShapeRef) -> Option<ErrorRef> {
        let Some(shape) = self.model.shape(&r.target) else {
            self.unknown_target(&r.path, &r.target);
            return None;
        };
        if !matches!(shape.kind, ShapeKind::Structure { .. }) || !shape.traits.has(traits::ERROR) {
            self.diagnostics.error(
                r.path.clone(),
                format!(
                    "`{}` is listed as an error but is not a structure with the `smithy.api#error` trait",
                    r.target
                ),
            );
            return None;
        }
        // The wire code is the shape's own name; `rename` only changes the Rust name.
        let code = shape_name(&shape.id).to_owned();
        let local = self.local_name(&shape.id);
        let name = match self.errors.get(&shape.id) {
            Some(Some(existing)) => existing.rust_name.clone(),
            _ => {
                let ShapeKind::Structure { members } = &shape.kind else {
                    return None;
                };
                self.errors.insert(shape.id.clone(), None);
                let rust_name = self.error_names.claim(names::camel(&local));
                let mut structure = self.structure(shape, members, rust_name.clone(), Level::Error);
                structure.deserialize = true;
                structure.error = Some(self.error_info(shape));
                self.output_roots
                    .extend(structure_refs(&structure).into_iter().map(|(name, _)| name));
                self.errors.insert(shape.id.clone(), Some(structure));
                rust_name
            }
        };
        let info = self.error_info(shape);
        // Only query-compatible services send the legacy code (`x-amzn-query-error`).
        let query_compatible = matches!(
            self.protocol,
            ProtocolIr::AwsJson {
                query_compatible: true,
                ..
            }
        );
        let query_code = shape
            .traits
            .get(traits::AWS_QUERY_ERROR)
            .and_then(|value| value.get("code"))
            .and_then(Value::as_str)
            .filter(|query_code| query_compatible && *query_code != code)
            .map(str::to_owned);
        Some(ErrorRef {
            name,
            code,
            query_code,
            info,
            docs: shape.docs().map(str::to_owned),
        })
    }

    /// The key of a member in JSON bodies: `jsonName` in restJson1, else the member name.
    fn wire_name(&self, member: &Member) -> String {
        let json_name = match self.protocol {
            ProtocolIr::RestJson1 => member.traits.string(traits::JSON_NAME),
            ProtocolIr::AwsJson { .. } => None,
        };
        json_name.unwrap_or(&member.name).to_owned()
    }

    /// The endpoint parameters an operation sets: `staticContextParams`, `contextParam`
    /// members of its input, and `operationContextParams` paths into it.
    fn endpoint_params(&mut self, shape: &Shape, input: &StructureIr) -> Vec<EndpointParamIr> {
        let mut params = Vec::new();
        if let Some(Value::Object(entries)) = shape.traits.get(traits::STATIC_CONTEXT_PARAMS) {
            for (name, entry) in entries {
                match entry.get("value") {
                    Some(value @ (Value::Bool(_) | Value::String(_) | Value::Array(_))) => {
                        params.push(EndpointParamIr {
                            name: name.clone(),
                            value: EndpointParamValue::Static(value.clone()),
                        });
                    }
                    _ => self.report_once(
                        shape.path.trait_(traits::STATIC_CONTEXT_PARAMS).key(name),
                        "a static context parameter needs a boolean, string or list `value`"
                            .to_owned(),
                    ),
                }
            }
        }
        for member in &input.members {
            let Some(name) = member.context_param.as_ref() else {
                continue;
            };
            match path_result(&member.ty) {
                Some(result) => params.push(EndpointParamIr {
                    name: name.clone(),
                    value: EndpointParamValue::Input(InputPath {
                        steps: vec![PathStep::Field {
                            member: member.name.clone(),
                            field: member.field.clone(),
                            optional: member.optional,
                        }],
                        result,
                    }),
                }),
                None => self.report_once(
                    JsonPath::shape(&input.id).key("members").key(&member.name),
                    format!(
                        "the context parameter `{name}` needs a string, boolean or list of \
                         strings member"
                    ),
                ),
            }
        }
        if let Some(Value::Object(entries)) = shape.traits.get(traits::OPERATION_CONTEXT_PARAMS) {
            for (name, entry) in entries {
                let path = shape
                    .path
                    .trait_(traits::OPERATION_CONTEXT_PARAMS)
                    .key(name);
                let Some(expression) = entry.get("path").and_then(Value::as_str) else {
                    self.report_once(path, "an operation context parameter needs a `path`".into());
                    continue;
                };
                match self.input_path(input, expression) {
                    Ok(input_path) => params.push(EndpointParamIr {
                        name: name.clone(),
                        value: EndpointParamValue::Input(input_path),
                    }),
                    Err(problem) => self
                        .report_once(path.key("path"), format!("path `{expression}`: {problem}")),
                }
            }
        }
        params
    }

    /// Resolves an `operationContextParams` path (`A.B`, `A[*].B`, `keys(A)`) against the input.
    fn input_path(&self, input: &StructureIr, expression: &str) -> Result<InputPath, String> {
        let (keys, inner) = match expression
            .strip_prefix("keys(")
            .and_then(|rest| rest.strip_suffix(')'))
        {
            Some(inner) => (true, inner),
            None => (false, expression),
        };
        let mut steps = Vec::new();
        let mut members: &[MemberIr] = &input.members;
        let mut current: Option<TypeIr> = None;
        for part in inner.split('.') {
            let (name, each) = match part.strip_suffix("[*]") {
                Some(name) => (name, true),
                None => (part, false),
            };
            if let Some(ty) = &current {
                let TypeKind::Structure {
                    name: structure, ..
                } = &ty.kind
                else {
                    return Err(format!("`{name}` is not a member of a structure"));
                };
                members = self
                    .structures
                    .values()
                    .find(|s| s.rust_name == *structure)
                    .map(|s| s.members.as_slice())
                    .ok_or_else(|| format!("`{structure}` is not resolved yet"))?;
            }
            let member = members
                .iter()
                .find(|m| m.name == name)
                .ok_or_else(|| format!("no member `{name}`"))?;
            steps.push(PathStep::Field {
                member: member.name.clone(),
                field: member.field.clone(),
                optional: member.optional,
            });
            let mut ty = member.ty.clone();
            if each {
                let TypeKind::List { element, .. } = ty.kind else {
                    return Err(format!("`{name}[*]` needs a list"));
                };
                steps.push(PathStep::Each);
                ty = *element;
            }
            current = Some(ty);
        }
        let ty = current.ok_or("an empty path")?;
        let projected = steps.contains(&PathStep::Each);
        let result = if keys {
            if !matches!(ty.kind, TypeKind::Map { .. }) {
                return Err("`keys()` needs a map".to_owned());
            }
            steps.push(PathStep::Keys);
            PathResult::StringArray
        } else {
            match (path_result(&ty), projected) {
                (Some(PathResult::String), true) => PathResult::StringArray,
                (Some(result), false) => result,
                _ => return Err("the path must end at a string, boolean or list of strings".into()),
            }
        };
        Ok(InputPath { steps, result })
    }

    fn error_info(&mut self, shape: &Shape) -> ErrorInfo {
        let server_fault = shape.traits.string(traits::ERROR) == Some("server");
        let http_status = shape
            .traits
            .get(traits::HTTP_ERROR)
            .and_then(Value::as_u64)
            .and_then(|code| u16::try_from(code).ok());
        let retryable_trait = shape.traits.get(traits::RETRYABLE);
        let throttling = retryable_trait
            .and_then(|v| v.get("throttling"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
            || http_status == Some(429);
        ErrorInfo {
            server_fault,
            http_status,
            retryable: retryable_trait.is_some() || throttling,
            throttling,
        }
    }

    /// The name a shape has in this service (after `rename`).
    fn local_name(&self, id: &str) -> String {
        self.rename
            .get(id)
            .cloned()
            .unwrap_or_else(|| shape_name(id).to_owned())
    }

    /// Builds a structure's members. `top_level` structures (inputs, outputs, errors) keep
    /// their HTTP bindings; nested ones are all body.
    fn structure(
        &mut self,
        shape: &Shape,
        members: &[Member],
        rust_name: String,
        level: Level,
    ) -> StructureIr {
        let mut fields = Scope::with_reserved(&["build", "send"]);
        // Errors carry their metadata in a `meta` field (with a `meta()` builder setter).
        if level == Level::Error {
            fields.claim("meta".to_owned());
        }
        let top_level = level != Level::Nested;
        let input = level == Level::Input;
        let members = members
            .iter()
            .filter_map(|member| self.member(member, &mut fields, top_level, input))
            .collect();
        StructureIr {
            id: shape.id.clone(),
            rust_name,
            docs: shape.docs().map(str::to_owned),
            members,
            error: None,
            serialize: false,
            deserialize: false,
            is_union: false,
            validate: false,
        }
    }

    /// A union: its members are the variants (`field` holds the variant name).
    fn union(&mut self, shape: &Shape, members: &[Member], rust_name: String) -> StructureIr {
        let mut variants = Scope::with_reserved(&["Unknown"]);
        let members = members
            .iter()
            .filter_map(|member| {
                let ty = if member.target == crate::model::UNIT {
                    TypeIr {
                        kind: TypeKind::Unit,
                        constraints: Constraints::default(),
                        sensitive: false,
                        shape: member.target.clone(),
                        media_type: None,
                    }
                } else {
                    self.type_of(member)?
                };
                Some(MemberIr {
                    name: member.name.clone(),
                    field: variants.claim(names::camel(&member.name)),
                    wire: self.wire_name(member),
                    sensitive: ty.holds_sensitive(),
                    ty,
                    required: false,
                    optional: true,
                    default: None,
                    docs: member
                        .traits
                        .string(traits::DOCUMENTATION)
                        .map(str::to_owned),
                    deprecated: deprecation(&member.traits),
                    binding: Binding::Body,
                    idempotency_token: false,
                    host_label: false,
                    context_param: None,
                })
            })
            .collect();
        StructureIr {
            id: shape.id.clone(),
            rust_name,
            docs: shape.docs().map(str::to_owned),
            members,
            error: None,
            serialize: false,
            deserialize: false,
            is_union: true,
            validate: false,
        }
    }

    /// A structure member. `top_level` members keep their HTTP bindings; members of an
    /// operation `input` with a default stay optional, so that the default is not sent unless
    /// the caller sets it (the service applies it).
    fn member(
        &mut self,
        member: &Member,
        fields: &mut Scope,
        top_level: bool,
        input: bool,
    ) -> Option<MemberIr> {
        let ty = self.type_of(member)?;
        let traits = &member.traits;
        let required = traits.has(traits::REQUIRED);
        let client_optional = traits.has(traits::CLIENT_OPTIONAL);
        let default = self.default_of(member);
        let has_default = default.is_some();
        let binding = if top_level && self.protocol.has_http_bindings() {
            self.binding(member, &ty)?
        } else {
            Binding::Body
        };
        let optional = if input {
            client_optional || !required || has_default
        } else {
            client_optional || !(required || has_default)
        };
        let wire = self.wire_name(member);
        Some(MemberIr {
            name: member.name.clone(),
            field: fields.claim(names::snake(&member.name)),
            wire,
            sensitive: ty.holds_sensitive(),
            ty,
            required,
            optional,
            default,
            docs: traits
                .string(traits::DOCUMENTATION)
                .or_else(|| self.model.shape(&member.target).and_then(Shape::docs))
                .map(str::to_owned),
            deprecated: deprecation(traits),
            binding,
            idempotency_token: traits.has(traits::IDEMPOTENCY_TOKEN),
            host_label: traits.has(traits::HOST_LABEL),
            context_param: traits
                .get(traits::CONTEXT_PARAM)
                .and_then(|value| value.get("name"))
                .and_then(Value::as_str)
                .map(str::to_owned),
        })
    }

    /// A member's default value (member trait, else target's), unless `default: null`.
    fn default_of(&self, member: &Member) -> Option<Value> {
        match member.traits.get(traits::DEFAULT) {
            Some(Value::Null) => None,
            Some(value) => Some(value.clone()),
            None if self.model.version == SmithyVersion::V2 => None,
            None => self
                .model
                .shape(&member.target)
                .and_then(|t| t.traits.get(traits::DEFAULT))
                .filter(|v| !v.is_null())
                .cloned(),
        }
    }

    fn binding(&mut self, member: &Member, ty: &TypeIr) -> Option<Binding> {
        let traits = &member.traits;
        let payload_is_structure = self
            .model
            .shape(&member.target)
            .is_some_and(|t| matches!(t.kind, ShapeKind::Structure { .. }));
        let payload_media_type = self
            .model
            .shape(&member.target)
            .and_then(|t| t.traits.string("smithy.api#mediaType"))
            .map(str::to_owned);
        let mut reject = |trait_id: &str, what: &str| {
            self.report_once(member.path.trait_(trait_id), format!("`{trait_id}` {what}"));
            None
        };
        if traits.has(traits::HTTP_LABEL) {
            return if is_scalar(&ty.kind) {
                Some(Binding::Label)
            } else {
                reject(
                    traits::HTTP_LABEL,
                    "needs a scalar member (string, number, boolean, enum, timestamp)",
                )
            };
        }
        if let Some(name) = traits.string(traits::HTTP_QUERY) {
            return if is_scalar_or_list_of_scalars(&ty.kind) {
                Some(Binding::Query(name.to_owned()))
            } else {
                reject(
                    traits::HTTP_QUERY,
                    "needs a scalar member or a list of scalars",
                )
            };
        }
        if let Some(name) = traits.string(traits::HTTP_HEADER) {
            return if is_scalar_or_list_of_scalars(&ty.kind) {
                Some(Binding::Header(name.to_owned()))
            } else {
                reject(
                    traits::HTTP_HEADER,
                    "needs a scalar member or a list of scalars",
                )
            };
        }
        if let Some(prefix) = traits.string(traits::HTTP_PREFIX_HEADERS) {
            return match &ty.kind {
                TypeKind::Map { value, .. } if matches!(value.kind, TypeKind::String) => {
                    Some(Binding::PrefixHeaders(prefix.to_lowercase()))
                }
                _ => reject(traits::HTTP_PREFIX_HEADERS, "needs a map of strings"),
            };
        }
        if traits.has(traits::HTTP_QUERY_PARAMS) {
            return match &ty.kind {
                TypeKind::Map { value, .. } if is_scalar_or_list_of_scalars(&value.kind) => {
                    Some(Binding::QueryParams)
                }
                _ => reject(
                    traits::HTTP_QUERY_PARAMS,
                    "needs a map of strings or lists of strings",
                ),
            };
        }
        if traits.has(traits::HTTP_PAYLOAD) {
            let media_type = payload_media_type;
            return match &ty.kind {
                TypeKind::String
                | TypeKind::Blob
                | TypeKind::Enum { .. }
                | TypeKind::Document
                | TypeKind::Structure { .. } => Some(Binding::Payload {
                    media_type,
                    empty_object: payload_is_structure,
                }),
                _ => reject(
                    traits::HTTP_PAYLOAD,
                    "needs a string, blob, enum, document, structure or union member",
                ),
            };
        }
        if traits.has(traits::HTTP_RESPONSE_CODE) {
            return if matches!(ty.kind, TypeKind::Integer) {
                Some(Binding::ResponseCode)
            } else {
                reject(traits::HTTP_RESPONSE_CODE, "needs an integer member")
            };
        }
        Some(Binding::Body)
    }

    /// The value type of a member (or list/map member), registering named shapes it reaches.
    fn type_of(&mut self, member: &Member) -> Option<TypeIr> {
        let Some(target) = self.model.shape(&member.target) else {
            self.unknown_target(&member.path.key("target"), &member.target);
            return None;
        };
        let mut constraints = self.constraints(&target.traits, &target.path);
        let own = self.constraints(&member.traits, &member.path);
        if own.length.is_some() {
            constraints.length = own.length;
        }
        if own.pattern.is_some() {
            constraints.pattern = own.pattern;
        }
        if own.range.is_some() {
            constraints.range = own.range;
        }
        let sensitive =
            target.traits.has(traits::SENSITIVE) || member.traits.has(traits::SENSITIVE);
        // A streaming blob is read and written whole (in memory); event streams are not
        // supported.
        if target.traits.has(traits::STREAMING)
            && !matches!(target.kind, ShapeKind::Simple(Simple::Blob))
        {
            self.report_once(
                member.path.key("target"),
                format!(
                    "`{}` is an event stream; shapegen does not support event streams yet",
                    target.id
                ),
            );
            return None;
        }
        let kind = match &target.kind {
            ShapeKind::Simple(simple) => match simple {
                Simple::String if target.traits.has(traits::ENUM) => TypeKind::Enum {
                    name: self.string_enum_v1(target),
                },
                Simple::String => TypeKind::String,
                Simple::Boolean => TypeKind::Boolean,
                Simple::Byte => TypeKind::Byte,
                Simple::Short => TypeKind::Short,
                Simple::Integer => TypeKind::Integer,
                Simple::Long => TypeKind::Long,
                Simple::Float => TypeKind::Float,
                Simple::Double => TypeKind::Double,
                Simple::Timestamp => TypeKind::Timestamp {
                    format: timestamp_format(&member.traits)
                        .or_else(|| timestamp_format(&target.traits)),
                },
                Simple::Blob => TypeKind::Blob,
                Simple::Document => TypeKind::Document,
                Simple::BigInteger => TypeKind::BigInteger,
                Simple::BigDecimal => TypeKind::BigDecimal,
            },
            ShapeKind::Enum { members } => TypeKind::Enum {
                name: self.enum_shape(target, members, false),
            },
            ShapeKind::IntEnum { members } => TypeKind::IntEnum {
                name: self.enum_shape(target, members, true),
            },
            ShapeKind::List { .. } | ShapeKind::Map { .. } => self.collection(member, target)?,
            ShapeKind::Structure { .. } => {
                // An error structure used as a plain value is generated as a shared type too.
                TypeKind::Structure {
                    name: self.enqueue_structure(target),
                    boxed: false,
                    validate: false,
                }
            }
            ShapeKind::Union { .. } => TypeKind::Structure {
                name: self.enqueue_structure(target),
                boxed: false,
                validate: false,
            },
            other => {
                self.diagnostics.error(
                    member.path.key("target"),
                    format!(
                        "a member cannot target `{}`, which is a {}",
                        target.id,
                        other.type_name()
                    ),
                );
                return None;
            }
        };
        if !supports_length(&kind) {
            // `length` applies to strings, blobs, lists and maps only; Smithy rejects it
            // elsewhere, so a stray one is ignored rather than checked.
            constraints.length = None;
        }
        let media_type = matches!(kind, TypeKind::String)
            .then(|| {
                target
                    .traits
                    .string("smithy.api#mediaType")
                    .map(str::to_owned)
            })
            .flatten();
        Some(TypeIr {
            kind,
            constraints,
            sensitive,
            shape: target.id.clone(),
            media_type,
        })
    }

    /// The type of a list or map. A collection that holds itself with no structure or union in
    /// between has no finite Rust type; Smithy forbids it too, so it is reported.
    fn collection(&mut self, member: &Member, target: &'m Shape) -> Option<TypeKind> {
        if self.open_collections.contains(&target.id) {
            self.report_once(
                member.path.key("target"),
                format!(
                    "`{}` is a {} that contains itself with no structure or union in between; \
                     Smithy requires recursion to pass through a structure or union",
                    target.id,
                    target.kind.type_name()
                ),
            );
            return None;
        }
        self.open_collections.push(target.id.clone());
        let kind = match &target.kind {
            ShapeKind::List { member: element } => {
                self.type_of(element).map(|element| TypeKind::List {
                    element: Box::new(element),
                    sparse: target.traits.has(traits::SPARSE),
                })
            }
            ShapeKind::Map { key, value } => {
                let key = self.type_of(key);
                let value = self.type_of(value);
                key.zip(value).map(|(key, value)| TypeKind::Map {
                    key: Box::new(key),
                    value: Box::new(value),
                    sparse: target.traits.has(traits::SPARSE),
                })
            }
            _ => None,
        };
        self.open_collections.pop();
        kind
    }

    fn constraints(&mut self, traits: &Traits, owner: &JsonPath) -> Constraints {
        let mut constraints = Constraints::default();
        if let Some(value) = traits.get(traits::LENGTH) {
            constraints.length = self.bounds(value, &owner.trait_(traits::LENGTH));
        }
        if let Some(value) = traits.get(traits::RANGE) {
            constraints.range = self.bounds(value, &owner.trait_(traits::RANGE));
        }
        if let Some(value) = traits.get(traits::PATTERN) {
            let path = owner.trait_(traits::PATTERN);
            match value.as_str() {
                Some(source) => {
                    let check = match pattern::prepare(source) {
                        Prepared::Enforce(ecma) => {
                            let index = match self.patterns.iter().position(|p| *p == ecma) {
                                Some(index) => index,
                                None => {
                                    self.patterns.push(ecma.clone());
                                    self.patterns.len() - 1
                                }
                            };
                            PatternCheck::Enforced { index, ecma }
                        }
                        Prepared::NotEnforced(reason) => {
                            self.warn_once(
                                path,
                                format!(
                                    "pattern `{source}` is not ECMA-262 ({reason}) and has no \
                                     exact ECMA-262 equivalent: it is not enforced (generated \
                                     code accepts any value here)"
                                ),
                            );
                            PatternCheck::NotEnforced { reason }
                        }
                    };
                    constraints.pattern = Some(PatternRef {
                        source: source.to_owned(),
                        check,
                    });
                }
                None => self.report_once(path, "a pattern must be a string".to_owned()),
            }
        }
        constraints
    }

    /// Records a problem unless the same one was already recorded (a shape's traits are read
    /// once per member that targets it).
    fn report_once(&mut self, path: JsonPath, message: String) {
        self.push_once(Diagnostic::at(path, message));
    }

    /// Records a warning unless the same one was already recorded.
    fn warn_once(&mut self, path: JsonPath, message: String) {
        self.push_once(Diagnostic::warning(path, message));
    }

    fn push_once(&mut self, diagnostic: Diagnostic) {
        if !self.diagnostics.iter().any(|d| *d == diagnostic) {
            self.diagnostics.push(diagnostic);
        }
    }

    fn bounds(&mut self, value: &Value, path: &JsonPath) -> Option<Bounds> {
        let number = |key: &str| match value.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(Some(n.clone())),
            Some(_) => Err(key.to_owned()),
        };
        match (number("min"), number("max")) {
            (Ok(min), Ok(max)) => Some(Bounds { min, max }),
            (Err(key), _) | (_, Err(key)) => {
                self.report_once(path.key(&key), format!("`{key}` must be a number"));
                None
            }
        }
    }

    fn enqueue_structure(&mut self, shape: &Shape) -> String {
        if let Some(name) = self.structure_names.get(&shape.id) {
            return name.clone();
        }
        let rust_name = self.claim_type_name(&shape.id);
        self.structure_names
            .insert(shape.id.clone(), rust_name.clone());
        self.queue.push_back(shape.id.clone());
        rust_name
    }

    fn claim_type_name(&mut self, id: &str) -> String {
        let local = self.local_name(id);
        let camel = names::camel(&local);
        let camel = if RESERVED_TYPE_NAMES.contains(&camel.as_str()) {
            format!("{camel}Value")
        } else {
            camel
        };
        self.type_names.claim(camel)
    }

    fn drain_queue(&mut self) {
        while let Some(id) = self.queue.pop_front() {
            let Some(shape) = self.model.shape(&id) else {
                continue;
            };
            let Some(rust_name) = self.structure_names.get(&id).cloned() else {
                continue;
            };
            let structure = match &shape.kind {
                ShapeKind::Structure { members } => {
                    self.structure(shape, members, rust_name.clone(), Level::Nested)
                }
                ShapeKind::Union { members } => self.union(shape, members, rust_name.clone()),
                _ => continue,
            };
            self.edges.insert(rust_name, structure_refs(&structure));
            self.structures.insert(id, structure);
        }
    }

    fn enum_shape(&mut self, shape: &Shape, members: &[Member], int: bool) -> String {
        if let Some(existing) = self.enums.get(&shape.id) {
            return existing.rust_name.clone();
        }
        let rust_name = self.claim_type_name(&shape.id);
        let mut variants_scope = Scope::with_reserved(&["Unknown"]);
        let mut variants = Vec::new();
        for member in members {
            let value = match member.traits.get(traits::ENUM_VALUE) {
                Some(Value::String(s)) if !int => s.clone(),
                Some(Value::Number(n)) if int && n.as_i64().is_some() => n.to_string(),
                None if !int => member.name.clone(),
                _ => {
                    self.report_once(
                        member.path.trait_(traits::ENUM_VALUE),
                        format!(
                            "an {} member needs {} `smithy.api#enumValue`",
                            if int { "intEnum" } else { "enum" },
                            if int { "an integer" } else { "a string" }
                        ),
                    );
                    continue;
                }
            };
            variants.push(EnumVariant {
                rust_name: variants_scope.claim(names::camel(&member.name)),
                value,
                docs: member
                    .traits
                    .string(traits::DOCUMENTATION)
                    .map(str::to_owned),
                deprecated: deprecation(&member.traits),
            });
        }
        self.enums.insert(
            shape.id.clone(),
            EnumIr {
                id: shape.id.clone(),
                rust_name: rust_name.clone(),
                docs: shape.docs().map(str::to_owned),
                variants,
                int,
            },
        );
        rust_name
    }

    /// A Smithy 1.0 string shape with the `enum` trait.
    fn string_enum_v1(&mut self, shape: &Shape) -> String {
        if let Some(existing) = self.enums.get(&shape.id) {
            return existing.rust_name.clone();
        }
        let rust_name = self.claim_type_name(&shape.id);
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let path = shape.path.trait_(traits::ENUM);
        let entries = shape
            .traits
            .get(traits::ENUM)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut variants = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let Some(value) = entry.get("value").and_then(Value::as_str) else {
                self.report_once(
                    path.index(index).key("value"),
                    "missing enum `value`".to_owned(),
                );
                continue;
            };
            let name = entry.get("name").and_then(Value::as_str).unwrap_or(value);
            variants.push(EnumVariant {
                rust_name: scope.claim(names::camel(name)),
                value: value.to_owned(),
                docs: entry
                    .get("documentation")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                deprecated: entry
                    .get("deprecated")
                    .and_then(Value::as_bool)
                    .filter(|d| *d)
                    .map(|_| Deprecation {
                        message: None,
                        since: None,
                    }),
            });
        }
        self.enums.insert(
            shape.id.clone(),
            EnumIr {
                id: shape.id.clone(),
                rust_name: rust_name.clone(),
                docs: shape.docs().map(str::to_owned),
                variants,
                int: false,
            },
        );
        rust_name
    }

    fn http(&mut self, shape: &Shape, input: Option<&StructureIr>) -> Option<HttpIr> {
        let path = shape.path.trait_(traits::HTTP);
        let Some(http) = shape.traits.get(traits::HTTP) else {
            self.diagnostics.error(
                shape.path.key("traits"),
                "a restJson1 operation needs the `smithy.api#http` trait",
            );
            return None;
        };
        let method = http.get("method").and_then(Value::as_str);
        let uri = http.get("uri").and_then(Value::as_str);
        let code = match http.get("code") {
            None => Some(200),
            Some(value) => value.as_u64().and_then(|c| u16::try_from(c).ok()),
        };
        let (Some(method), Some(uri), Some(code)) = (method, uri, code) else {
            self.diagnostics.error(
                path,
                "`smithy.api#http` needs a string `method`, a string `uri` and an integer `code`",
            );
            return None;
        };
        let input = input?;
        let (path_part, query_part) = match uri.split_once('?') {
            Some((p, q)) => (p, Some(q)),
            None => (uri, None),
        };
        let mut segments = Vec::new();
        let mut literal = String::new();
        let mut labelled = BTreeSet::new();
        let mut ok = true;
        for (i, piece) in path_part.split('/').enumerate() {
            if i > 0 {
                literal.push('/');
            }
            let Some(label) = piece.strip_prefix('{').and_then(|p| p.strip_suffix('}')) else {
                if piece.contains('{') || piece.contains('}') {
                    self.diagnostics.error(
                        path.key("uri"),
                        format!("`{piece}`: a label must be a whole path segment like `{{Name}}`"),
                    );
                    ok = false;
                }
                literal.push_str(piece);
                continue;
            };
            let (label, greedy) = match label.strip_suffix('+') {
                Some(label) => (label, true),
                None => (label, false),
            };
            let found = input
                .members
                .iter()
                .position(|m| m.name == label && m.binding == Binding::Label);
            match found {
                Some(member) => {
                    labelled.insert(member);
                    if !literal.is_empty() {
                        segments.push(PathSegment::Literal(std::mem::take(&mut literal)));
                    }
                    segments.push(PathSegment::Label { member, greedy });
                }
                None => {
                    self.diagnostics.error(
                        path.key("uri"),
                        format!(
                            "label `{{{label}}}` has no input member named `{label}` with the `smithy.api#httpLabel` trait"
                        ),
                    );
                    ok = false;
                }
            }
        }
        if !literal.is_empty() {
            segments.push(PathSegment::Literal(literal));
        }
        for (index, member) in input.members.iter().enumerate() {
            if member.binding == Binding::Label && !labelled.contains(&index) {
                self.diagnostics.error(
                    path.key("uri"),
                    format!(
                        "input member `{}` is an `httpLabel` but the URI has no `{{{}}}`",
                        member.name, member.name
                    ),
                );
                ok = false;
            }
        }
        let query = query_part
            .map(|q| {
                q.split('&')
                    .filter(|p| !p.is_empty())
                    .map(|pair| match pair.split_once('=') {
                        Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
                        None => (pair.to_owned(), None),
                    })
                    .collect()
            })
            .unwrap_or_default();
        ok.then(|| HttpIr {
            method: method.to_uppercase(),
            path: segments,
            query,
            code,
            uri: uri.to_owned(),
        })
    }

    /// Marks flows, boxes containment cycles and sorts everything into the final IR.
    fn finish(self, service: ServiceIr, mut operations: Vec<OperationIr>) -> Ir {
        let Resolver {
            structures,
            errors,
            enums,
            patterns,
            skipped_operations,
            edges,
            input_roots,
            output_roots,
            ..
        } = self;
        let mut by_name: BTreeMap<String, StructureIr> = structures
            .into_values()
            .map(|s| (s.rust_name.clone(), s))
            .collect();
        let targets = |name: &str, direct_only: bool| -> Vec<String> {
            edges
                .get(name)
                .map(|set| {
                    set.iter()
                        .filter(|(_, direct)| *direct || !direct_only)
                        .map(|(to, _)| to.clone())
                        .collect()
                })
                .unwrap_or_default()
        };
        // Everything reachable from an input is written and validated; from an output or an
        // error, read.
        for (roots, flow) in [(input_roots, Flow::Input), (output_roots, Flow::Output)] {
            let mut queue: VecDeque<String> = roots.into_iter().collect();
            let mut seen = BTreeSet::new();
            while let Some(name) = queue.pop_front() {
                if !seen.insert(name.clone()) {
                    continue;
                }
                if let Some(s) = by_name.get_mut(&name) {
                    match flow {
                        Flow::Input => {
                            s.serialize = true;
                            s.validate = true;
                        }
                        Flow::Output => s.deserialize = true,
                    }
                }
                queue.extend(targets(&name, false));
            }
        }
        // Box a directly held structure member when its target can reach back to the owner
        // through directly held members (a containment cycle).
        let reaches = |from: &str, to: &str| -> bool {
            let mut stack = vec![from.to_owned()];
            let mut seen = BTreeSet::new();
            while let Some(name) = stack.pop() {
                if name == to {
                    return true;
                }
                if seen.insert(name.clone()) {
                    stack.extend(targets(&name, true));
                }
            }
            false
        };
        for (owner, structure) in &mut by_name {
            for member in &mut structure.members {
                if let TypeKind::Structure { name, boxed, .. } = &mut member.ty.kind {
                    *boxed = reaches(name, owner);
                }
            }
        }
        // Validation is generated only for input structures with something to check, here or
        // in what they contain (a fixpoint, since structures can be recursive).
        let mut checked: BTreeSet<String> = BTreeSet::new();
        loop {
            let mut changed = false;
            for (name, structure) in &by_name {
                // A union is always checked: an `Unknown` variant cannot be sent.
                if structure.validate
                    && !checked.contains(name)
                    && (structure.is_union
                        || structure
                            .members
                            .iter()
                            .any(|m| needs_checks(&m.ty, &checked)))
                {
                    checked.insert(name.clone());
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut errors: Vec<StructureIr> = errors.into_values().flatten().collect();
        let mark = |structure: &mut StructureIr| {
            for member in &mut structure.members {
                member.ty.visit_mut(&mut |ty| {
                    if let TypeKind::Structure { name, validate, .. } = &mut ty.kind {
                        *validate = checked.contains(name.as_str());
                    }
                });
            }
        };
        for structure in by_name.values_mut() {
            structure.validate = checked.contains(&structure.rust_name);
            mark(structure);
        }
        for op in &mut operations {
            mark(&mut op.input);
            mark(&mut op.output);
        }
        errors.iter_mut().for_each(mark);
        let structures: Vec<StructureIr> = by_name.into_values().collect();
        errors.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
        let mut enums: Vec<EnumIr> = enums.into_values().collect();
        enums.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
        Ir {
            service,
            operations,
            structures,
            errors,
            enums,
            patterns,
            skipped_operations,
        }
    }
}

/// Whether two value types have the same Rust type (constraints, sensitivity, timestamp formats
/// and shape names aside).
fn same_rust_type(a: &TypeIr, b: &TypeIr) -> bool {
    use TypeKind as K;
    match (&a.kind, &b.kind) {
        (K::Enum { name: x }, K::Enum { name: y })
        | (K::IntEnum { name: x }, K::IntEnum { name: y })
        | (K::Structure { name: x, .. }, K::Structure { name: y, .. }) => x == y,
        (
            K::List {
                element: x,
                sparse: sx,
            },
            K::List {
                element: y,
                sparse: sy,
            },
        ) => sx == sy && same_rust_type(x, y),
        (
            K::Map {
                key: kx,
                value: vx,
                sparse: sx,
            },
            K::Map {
                key: ky,
                value: vy,
                sparse: sy,
            },
        ) => sx == sy && same_rust_type(kx, ky) && same_rust_type(vx, vy),
        (x, y) => {
            std::mem::discriminant(x) == std::mem::discriminant(y)
                && !matches!(
                    x,
                    K::Enum { .. }
                        | K::IntEnum { .. }
                        | K::Structure { .. }
                        | K::List { .. }
                        | K::Map { .. }
                )
        }
    }
}

/// Whether values of `ty` have anything to check, given the structures known to need checks.
fn needs_checks(ty: &TypeIr, checked: &BTreeSet<String>) -> bool {
    !ty.constraints.is_empty()
        || match &ty.kind {
            TypeKind::Enum { .. } | TypeKind::IntEnum { .. } => true,
            TypeKind::Structure { name, .. } => checked.contains(name),
            TypeKind::List { element, .. } => needs_checks(element, checked),
            TypeKind::Map { key, value, .. } => {
                needs_checks(key, checked) || needs_checks(value, checked)
            }
            _ => false,
        }
}

/// The structures a structure's members refer to, by Rust name, with whether each is held
/// directly (not inside a list or map).
fn structure_refs(structure: &StructureIr) -> BTreeSet<(String, bool)> {
    let mut out = BTreeSet::new();
    for member in &structure.members {
        collect_structure_refs(&member.ty, true, &mut out);
    }
    out
}

fn collect_structure_refs(ty: &TypeIr, direct: bool, out: &mut BTreeSet<(String, bool)>) {
    match &ty.kind {
        TypeKind::Structure { name, .. } => {
            out.insert((name.clone(), direct));
        }
        TypeKind::List { element, .. } => collect_structure_refs(element, false, out),
        TypeKind::Map { key, value, .. } => {
            collect_structure_refs(key, false, out);
            collect_structure_refs(value, false, out);
        }
        _ => {}
    }
}

/// The HTTP of an RPC protocol's operations: `POST /`, 200.
fn rpc_http() -> HttpIr {
    HttpIr {
        method: "POST".to_owned(),
        path: vec![PathSegment::Literal("/".to_owned())],
        query: Vec::new(),
        code: 200,
        uri: "/".to_owned(),
    }
}

/// Whether an operation's requests are signed: not with `smithy.api#auth: []` (no auth
/// scheme) or `smithy.api#optionalAuth`.
fn is_signed(shape: &Shape) -> bool {
    let no_schemes = shape
        .traits
        .get(traits::AUTH)
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty);
    !no_schemes && !shape.traits.has(traits::OPTIONAL_AUTH)
}

/// What an endpoint parameter bound to a value of `ty` yields, if it can be bound.
fn path_result(ty: &TypeIr) -> Option<PathResult> {
    match &ty.kind {
        TypeKind::String | TypeKind::Enum { .. } => Some(PathResult::String),
        TypeKind::Boolean => Some(PathResult::Bool),
        TypeKind::List { element, .. }
            if matches!(element.kind, TypeKind::String | TypeKind::Enum { .. }) =>
        {
            Some(PathResult::StringArray)
        }
        _ => None,
    }
}

fn is_scalar(kind: &TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::Timestamp { .. }
            | TypeKind::Blob
            | TypeKind::String
            | TypeKind::Boolean
            | TypeKind::Byte
            | TypeKind::Short
            | TypeKind::Integer
            | TypeKind::Long
            | TypeKind::Float
            | TypeKind::Double
            | TypeKind::Enum { .. }
            | TypeKind::IntEnum { .. }
    )
}

fn is_scalar_or_list_of_scalars(kind: &TypeKind) -> bool {
    match kind {
        TypeKind::List { element, .. } => is_scalar(&element.kind),
        other => is_scalar(other),
    }
}

fn supports_length(kind: &TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::String | TypeKind::Blob | TypeKind::List { .. } | TypeKind::Map { .. }
    )
}

fn empty_structure(operation_id: &str, rust_name: &str) -> StructureIr {
    StructureIr {
        id: operation_id.to_owned(),
        rust_name: rust_name.to_owned(),
        docs: None,
        members: Vec::new(),
        error: None,
        serialize: false,
        deserialize: false,
        is_union: false,
        validate: false,
    }
}

/// `smithy.api#timestampFormat` of a shape or member.
fn timestamp_format(traits: &Traits) -> Option<TimestampFormat> {
    match traits.string(traits::TIMESTAMP_FORMAT)? {
        "date-time" => Some(TimestampFormat::DateTime),
        "http-date" => Some(TimestampFormat::HttpDate),
        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
        _ => None,
    }
}

fn deprecation(traits: &Traits) -> Option<Deprecation> {
    traits.get(traits::DEPRECATED).map(|value| Deprecation {
        message: value
            .get("message")
            .and_then(Value::as_str)
            .map(str::to_owned),
        since: value
            .get("since")
            .and_then(Value::as_str)
            .map(str::to_owned),
    })
}

/// The candidate closest to `name` by edit distance, if reasonably close.
fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = name.to_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
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
