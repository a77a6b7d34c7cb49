//! HTTP bindings: the `http` trait (method, URI labels and query, status), member bindings
//! (labels, query, headers, payload, response code) and the endpoint host prefix.
//!
//! A restJson1 operation with no `http` trait, or one without a method and URI, cannot be
//! resolved. URI labels that do not match `httpLabel` members (the operation gets no HTTP
//! binding), bindings on members of the wrong type (the member is left out) and unbound
//! host-prefix labels (no host prefix) are recorded for the check pass.

use std::collections::BTreeSet;

use serde_json::Value;

use super::Resolver;
use crate::ir::check::{BindingTrait, HttpFinding};
use crate::ir::{Binding, HttpIr, PathSegment, StructureIr, TypeIr, TypeKind};
use crate::model::{Member, Shape, ShapeKind, traits};

impl<'m> Resolver<'m, '_> {
    pub(super) fn http(&mut self, shape: &Shape, input: Option<&StructureIr>) -> Option<HttpIr> {
        let path = shape.path.trait_(traits::HTTP);
        let Some(http) = shape.traits.get(traits::HTTP) else {
            self.cannot_resolve(
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
            self.cannot_resolve(
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
                    self.found(HttpFinding::SplitLabel {
                        path: path.key("uri"),
                        segment: piece.to_owned(),
                    });
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
                    self.found(HttpFinding::UnboundLabel {
                        path: path.key("uri"),
                        label: label.to_owned(),
                    });
                    ok = false;
                }
            }
        }
        if !literal.is_empty() {
            segments.push(PathSegment::Literal(literal));
        }
        for (index, member) in input.members.iter().enumerate() {
            if member.binding == Binding::Label && !labelled.contains(&index) {
                self.found(HttpFinding::LabelNotInUri {
                    path: path.key("uri"),
                    member: member.name.clone(),
                });
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
        ok.then(|| http_ir(&method.to_uppercase(), segments, query, code, uri))
    }

    pub(super) fn binding(&mut self, member: &Member, ty: &TypeIr) -> Option<Binding> {
        let traits = &member.traits;
        let payload_is_structure = self
            .model
            .shape(&member.target)
            .is_some_and(|t| matches!(t.kind, ShapeKind::Structure { .. }));
        let payload_media_type = self
            .model
            .shape(&member.target)
            .and_then(|t| t.traits.string(traits::MEDIA_TYPE))
            .map(str::to_owned);
        let mut reject = |binding: BindingTrait| {
            self.found(HttpFinding::BindingType {
                path: member.path.trait_(binding.trait_id()),
                binding,
            });
            None
        };
        if traits.has(traits::HTTP_LABEL) {
            return if is_scalar(&ty.kind) {
                Some(Binding::Label)
            } else {
                reject(BindingTrait::Label)
            };
        }
        if let Some(name) = traits.string(traits::HTTP_QUERY) {
            return if is_scalar_or_list_of_scalars(&ty.kind) {
                Some(Binding::Query(name.to_owned()))
            } else {
                reject(BindingTrait::Query)
            };
        }
        if let Some(name) = traits.string(traits::HTTP_HEADER) {
            return if is_scalar_or_list_of_scalars(&ty.kind) {
                Some(Binding::Header(name.to_owned()))
            } else {
                reject(BindingTrait::Header)
            };
        }
        if let Some(prefix) = traits.string(traits::HTTP_PREFIX_HEADERS) {
            return match &ty.kind {
                TypeKind::Map { value, .. } if matches!(value.kind, TypeKind::String) => {
                    Some(Binding::PrefixHeaders(prefix.to_lowercase()))
                }
                _ => reject(BindingTrait::PrefixHeaders),
            };
        }
        if traits.has(traits::HTTP_QUERY_PARAMS) {
            return match &ty.kind {
                TypeKind::Map { value, .. } if is_scalar_or_list_of_scalars(&value.kind) => {
                    Some(Binding::QueryParams)
                }
                _ => reject(BindingTrait::QueryParams),
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
                _ => reject(BindingTrait::Payload),
            };
        }
        if traits.has(traits::HTTP_RESPONSE_CODE) {
            return if matches!(ty.kind, TypeKind::Integer) {
                Some(Binding::ResponseCode)
            } else {
                reject(BindingTrait::ResponseCode)
            };
        }
        Some(Binding::Body)
    }

    /// `smithy.api#endpoint`'s host prefix, when its labels are bound to the input's string
    /// `hostLabel` members.
    pub(super) fn host_prefix(&mut self, shape: &Shape, input: &StructureIr) -> Option<String> {
        let prefix = shape
            .traits
            .get(traits::ENDPOINT)?
            .get("hostPrefix")?
            .as_str()?
            .to_owned();
        let path = shape.path.trait_(traits::ENDPOINT).key("hostPrefix");
        let mut rest = prefix.as_str();
        while let Some(start) = rest.find('{') {
            let Some(end) = rest[start..].find('}') else {
                self.found(HttpFinding::UnclosedHostLabel {
                    path,
                    prefix: prefix.clone(),
                });
                return None;
            };
            let label = &rest[start + 1..start + end];
            let found = input
                .members
                .iter()
                .any(|m| m.name == label && m.host_label && matches!(m.ty.kind, TypeKind::String));
            if !found {
                self.found(HttpFinding::UnboundHostLabel {
                    path,
                    label: label.to_owned(),
                });
                return None;
            }
            rest = &rest[start + end + 1..];
        }
        Some(prefix)
    }
}

/// The HTTP of an RPC protocol's operations: `POST /`, 200.
pub(super) fn rpc_http() -> HttpIr {
    http_ir(
        "POST",
        vec![PathSegment::Literal("/".to_owned())],
        Vec::new(),
        200,
        "/",
    )
}

/// An operation's HTTP request line and success status.
fn http_ir(
    method: &str,
    path: Vec<PathSegment>,
    query: Vec<(String, Option<String>)>,
    code: u16,
    uri: &str,
) -> HttpIr {
    HttpIr {
        method: method.to_owned(),
        path,
        query,
        code,
        uri: uri.to_owned(),
    }
}

pub(super) fn is_scalar(kind: &TypeKind) -> bool {
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

pub(super) fn is_scalar_or_list_of_scalars(kind: &TypeKind) -> bool {
    match kind {
        TypeKind::List { element, .. } => is_scalar(&element.kind),
        other => is_scalar(other),
    }
}
