//! The service and its operations: signing, inputs, outputs and errors.

use serde_json::Value;

use super::graph::structure_refs;
use super::http::rpc_http;
use super::shapes::{deprecation, structure_ir};
use super::{Flow, Level, Resolver};
use crate::ir::check::OperationFinding;
use crate::ir::names;
use crate::ir::{ErrorInfo, ErrorRef, OperationIr, ProtocolIr, ServiceIr, StructureIr};
use crate::model::{Shape, ShapeKind, ShapeRef, shape_name, traits};

impl<'m> Resolver<'m, '_> {
    pub(super) fn service(&self, shape: &Shape, service: &crate::model::Service) -> ServiceIr {
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
        // Without a string `name`, there is no signing name (the check pass reports it).
        let signing_name = shape
            .traits
            .get(traits::SIGV4)
            .and_then(|value| value.get("name"))
            .and_then(Value::as_str)
            .map(str::to_owned);
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

    /// An operation; its `pagination` and `endpoint_params` are filled in once the nested
    /// structures are resolved.
    pub(super) fn operation(
        &mut self,
        shape: &Shape,
        service_errors: &[ShapeRef],
    ) -> Option<OperationIr> {
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

    pub(super) fn io_structure(
        &mut self,
        r: &ShapeRef,
        rust_name: &str,
        flow: Flow,
    ) -> Option<StructureIr> {
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
                self.cannot_resolve(
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

    pub(super) fn error_ref(&mut self, r: &ShapeRef) -> Option<ErrorRef> {
        let Some(shape) = self.model.shape(&r.target) else {
            self.unknown_target(&r.path, &r.target);
            return None;
        };
        if !matches!(shape.kind, ShapeKind::Structure { .. }) || !shape.traits.has(traits::ERROR) {
            self.found(OperationFinding::NotAnError {
                path: r.path.clone(),
                target: r.target.clone(),
            });
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

    pub(super) fn error_info(&mut self, shape: &Shape) -> ErrorInfo {
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
}

/// Whether an operation's requests are signed: not with `smithy.api#auth: []` (no auth
/// scheme) or `smithy.api#optionalAuth`.
pub(super) fn is_signed(shape: &Shape) -> bool {
    let no_schemes = shape
        .traits
        .get(traits::AUTH)
        .and_then(Value::as_array)
        .is_some_and(Vec::is_empty);
    !no_schemes && !shape.traits.has(traits::OPTIONAL_AUTH)
}

pub(super) fn empty_structure(operation_id: &str, rust_name: &str) -> StructureIr {
    structure_ir(operation_id, rust_name.to_owned(), None, Vec::new(), false)
}
