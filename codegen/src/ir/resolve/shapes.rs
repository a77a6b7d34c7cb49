//! Shapes → types: structures, unions, members, enums and the value type of each member.
//! A member whose target is unknown, not a value shape, or an event stream cannot be resolved;
//! enum values of the wrong kind and self-containing collections are left out for the check
//! pass.

use serde_json::Value;

use super::constraints::supports_length;
use super::graph::structure_refs;
use super::{Level, Resolver};
use crate::ir::check::{EnumFinding, ShapeFinding};
use crate::ir::names::{self, Scope};
use crate::ir::{
    Binding, Constraints, Deprecation, EnumIr, EnumVariant, MemberIr, ProtocolIr, StructureIr,
    TimestampFormat, TypeIr, TypeKind,
};
use crate::model::{Member, Shape, ShapeKind, Simple, SmithyVersion, Traits, UNIT, traits};

/// The Rust names shapes must not take in `types` (they would shadow module names).
const RESERVED_TYPE_NAMES: &[&str] = &["builders", "error"];

impl<'m> Resolver<'m, '_> {
    /// A structure (`level` says where it sits) or, with `Level::Union`, a union whose members
    /// are the variants (`field` holds the variant name).
    pub(super) fn structure(
        &mut self,
        shape: &Shape,
        members: &[Member],
        rust_name: String,
        level: Level,
    ) -> StructureIr {
        let is_union = level == Level::Union;
        let mut names = if is_union {
            Scope::with_reserved(&["Unknown"])
        } else {
            Scope::with_reserved(&["build", "send"])
        };
        // Errors carry their metadata in a `meta` field (with a `meta()` builder setter).
        if level == Level::Error {
            names.claim("meta".to_owned());
        }
        let members = members
            .iter()
            .filter_map(|member| self.member(member, &mut names, level))
            .collect();
        structure_ir(&shape.id, rust_name, shape.docs(), members, is_union)
    }

    /// A member of a structure at `level`, or a union variant. Members of inputs, outputs and
    /// errors keep their HTTP bindings; members of an operation input with a default stay
    /// optional, so that the default is not sent unless the caller sets it (the service
    /// applies it). Variants are optional, unbound and may target `smithy.api#Unit`.
    fn member(&mut self, member: &Member, names: &mut Scope, level: Level) -> Option<MemberIr> {
        let variant = level == Level::Union;
        let ty = self.type_of(member, variant)?;
        let traits = &member.traits;
        let required = !variant && traits.has(traits::REQUIRED);
        let client_optional = traits.has(traits::CLIENT_OPTIONAL);
        let default = if variant {
            None
        } else {
            self.default_of(member)
        };
        let has_default = default.is_some();
        let top_level = matches!(level, Level::Input | Level::Output | Level::Error);
        let binding = if top_level && self.protocol.has_http_bindings() {
            self.binding(member, &ty)?
        } else {
            Binding::Body
        };
        let optional = match level {
            Level::Union => true,
            Level::Input => client_optional || !required || has_default,
            _ => client_optional || !(required || has_default),
        };
        let field = if variant {
            names.claim(names::camel(&member.name))
        } else {
            names.claim(names::snake(&member.name))
        };
        let target_docs = || {
            (!variant)
                .then(|| self.model.shape(&member.target).and_then(Shape::docs))
                .flatten()
        };
        Some(MemberIr {
            name: member.name.clone(),
            field,
            wire: self.wire_name(member),
            sensitive: ty.holds_sensitive(),
            ty,
            required,
            optional,
            default,
            docs: traits
                .string(traits::DOCUMENTATION)
                .or_else(target_docs)
                .map(str::to_owned),
            deprecated: deprecation(traits),
            binding,
            idempotency_token: !variant && traits.has(traits::IDEMPOTENCY_TOKEN),
            host_label: !variant && traits.has(traits::HOST_LABEL),
            context_param: traits
                .get(traits::CONTEXT_PARAM)
                .and_then(|value| value.get("name"))
                .and_then(Value::as_str)
                .filter(|_| !variant)
                .map(str::to_owned),
        })
    }

    /// A member's default value (member trait, else target's), unless `default: null`.
    pub(super) fn default_of(&self, member: &Member) -> Option<Value> {
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

    /// The key of a member in JSON bodies: `jsonName` in restJson1, else the member name.
    pub(super) fn wire_name(&self, member: &Member) -> String {
        let json_name = match self.protocol {
            ProtocolIr::RestJson1 => member.traits.string(traits::JSON_NAME),
            ProtocolIr::AwsJson { .. } => None,
        };
        json_name.unwrap_or(&member.name).to_owned()
    }

    /// The value type of a member (or list/map member), registering named shapes it reaches.
    /// A union `variant` may target `smithy.api#Unit` (no value).
    pub(super) fn type_of(&mut self, member: &Member, variant: bool) -> Option<TypeIr> {
        let value = if variant && member.target == UNIT {
            ValueType {
                kind: TypeKind::Unit,
                constraints: Constraints::default(),
                sensitive: false,
                media_type: None,
            }
        } else {
            self.value_type(member)?
        };
        Some(TypeIr {
            kind: value.kind,
            constraints: value.constraints,
            sensitive: value.sensitive,
            shape: member.target.clone(),
            media_type: value.media_type,
        })
    }

    /// The type of a member whose target is a shape of the model.
    fn value_type(&mut self, member: &Member) -> Option<ValueType> {
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
            self.cannot_resolve_once(
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
                self.cannot_resolve(
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
            .then(|| target.traits.string(traits::MEDIA_TYPE).map(str::to_owned))
            .flatten();
        Some(ValueType {
            kind,
            constraints,
            sensitive,
            media_type,
        })
    }

    /// The type of a list or map. A collection that holds itself with no structure or union in
    /// between has no finite Rust type; Smithy forbids it too, so the member is left out (and
    /// the check pass reports it).
    pub(super) fn collection(&mut self, member: &Member, target: &'m Shape) -> Option<TypeKind> {
        if self.open_collections.contains(&target.id) {
            self.found(ShapeFinding::SelfContainingCollection {
                path: member.path.key("target"),
                target: target.id.clone(),
                kind: target.kind.type_name(),
            });
            return None;
        }
        self.open_collections.push(target.id.clone());
        let kind = match &target.kind {
            ShapeKind::List { member: element } => {
                self.type_of(element, false).map(|element| TypeKind::List {
                    element: Box::new(element),
                    sparse: target.traits.has(traits::SPARSE),
                })
            }
            ShapeKind::Map { key, value } => {
                let key = self.type_of(key, false);
                let value = self.type_of(value, false);
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

    pub(super) fn enqueue_structure(&mut self, shape: &Shape) -> String {
        if let Some(name) = self.structure_names.get(&shape.id) {
            return name.clone();
        }
        let rust_name = self.claim_type_name(&shape.id);
        self.structure_names
            .insert(shape.id.clone(), rust_name.clone());
        self.queue.push_back(shape.id.clone());
        rust_name
    }

    pub(super) fn claim_type_name(&mut self, id: &str) -> String {
        let local = self.local_name(id);
        let camel = names::camel(&local);
        let camel = if RESERVED_TYPE_NAMES.contains(&camel.as_str()) {
            format!("{camel}Value")
        } else {
            camel
        };
        self.type_names.claim(camel)
    }

    pub(super) fn drain_queue(&mut self) {
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
                ShapeKind::Union { members } => {
                    self.structure(shape, members, rust_name.clone(), Level::Union)
                }
                _ => continue,
            };
            self.edges.insert(rust_name, structure_refs(&structure));
            self.structures.insert(id, structure);
        }
    }

    /// An `enum` or `intEnum` shape: its Rust name, registering it when first reached.
    pub(super) fn enum_shape(&mut self, shape: &Shape, members: &[Member], int: bool) -> String {
        if let Some(existing) = self.enums.get(&shape.id) {
            return existing.rust_name.clone();
        }
        let mut variants = Vec::new();
        for member in members {
            let value = match member.traits.get(traits::ENUM_VALUE) {
                Some(Value::String(s)) if !int => s.clone(),
                Some(Value::Number(n)) if int && n.as_i64().is_some() => n.to_string(),
                None if !int => member.name.clone(),
                _ => {
                    self.found(EnumFinding::ValueOfWrongKind {
                        path: member.path.trait_(traits::ENUM_VALUE),
                        int,
                    });
                    continue;
                }
            };
            variants.push(VariantSource {
                name: &member.name,
                value,
                docs: member.traits.string(traits::DOCUMENTATION),
                deprecated: deprecation(&member.traits),
            });
        }
        self.register_enum(shape, variants, int)
    }

    /// A Smithy 1.0 string shape with the `enum` trait.
    pub(super) fn string_enum_v1(&mut self, shape: &Shape) -> String {
        if let Some(existing) = self.enums.get(&shape.id) {
            return existing.rust_name.clone();
        }
        let path = shape.path.trait_(traits::ENUM);
        let entries = shape
            .traits
            .get(traits::ENUM)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut variants = Vec::new();
        for (index, entry) in entries.iter().enumerate() {
            let Some(value) = entry.get("value").and_then(Value::as_str) else {
                self.found(EnumFinding::EntryWithoutValue {
                    path: path.index(index).key("value"),
                });
                continue;
            };
            variants.push(VariantSource {
                name: entry.get("name").and_then(Value::as_str).unwrap_or(value),
                value: value.to_owned(),
                docs: entry.get("documentation").and_then(Value::as_str),
                deprecated: entry
                    .get("deprecated")
                    .and_then(Value::as_bool)
                    .filter(|d| *d)
                    // Smithy 1.0 enum entries say only `deprecated: true`.
                    .map(|_| deprecation_details(&Value::Null)),
            });
        }
        self.register_enum(shape, variants, false)
    }

    /// Names an enum and its variants and records it; returns its Rust name.
    fn register_enum(&mut self, shape: &Shape, sources: Vec<VariantSource>, int: bool) -> String {
        let rust_name = self.claim_type_name(&shape.id);
        let mut scope = Scope::with_reserved(&["Unknown"]);
        let variants = sources
            .into_iter()
            .map(|source| EnumVariant {
                rust_name: scope.claim(names::camel(source.name)),
                value: source.value,
                docs: source.docs.map(str::to_owned),
                deprecated: source.deprecated,
            })
            .collect();
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
}

/// A member's value type, before it is tied to the member's target.
struct ValueType {
    kind: TypeKind,
    constraints: Constraints,
    sensitive: bool,
    media_type: Option<String>,
}

/// One value of an enum as the model gives it, before its Rust name is chosen.
struct VariantSource<'a> {
    name: &'a str,
    value: String,
    docs: Option<&'a str>,
    deprecated: Option<Deprecation>,
}

/// A structure or union as resolved, before the graph passes decide what code it needs.
pub(super) fn structure_ir(
    id: &str,
    rust_name: String,
    docs: Option<&str>,
    members: Vec<MemberIr>,
    is_union: bool,
) -> StructureIr {
    StructureIr {
        id: id.to_owned(),
        rust_name,
        docs: docs.map(str::to_owned),
        members,
        error: None,
        serialize: false,
        deserialize: false,
        is_union,
        validate: false,
    }
}

/// `smithy.api#timestampFormat` of a shape or member.
pub(super) fn timestamp_format(traits: &Traits) -> Option<TimestampFormat> {
    match traits.string(traits::TIMESTAMP_FORMAT)? {
        "date-time" => Some(TimestampFormat::DateTime),
        "http-date" => Some(TimestampFormat::HttpDate),
        "epoch-seconds" => Some(TimestampFormat::EpochSeconds),
        _ => None,
    }
}

/// `smithy.api#deprecated` of a shape or member.
pub(super) fn deprecation(traits: &Traits) -> Option<Deprecation> {
    traits.get(traits::DEPRECATED).map(deprecation_details)
}

/// The `message` and `since` of a `smithy.api#deprecated` value (both optional).
fn deprecation_details(value: &Value) -> Deprecation {
    Deprecation {
        message: value
            .get("message")
            .and_then(Value::as_str)
            .map(str::to_owned),
        since: value
            .get("since")
            .and_then(Value::as_str)
            .map(str::to_owned),
    }
}
