//! The Smithy JSON AST as typed Rust data: shapes, members and their (raw) traits.
//!
//! This layer only mirrors the document; Smithy semantics (defaults, constraints, bindings…) are
//! applied once, when the IR is resolved.

mod load;
mod prelude;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::diagnostics::JsonPath;

pub use load::load;
pub use prelude::UNIT;

/// Well-known trait ids.
pub mod traits {
    pub const DOCUMENTATION: &str = "smithy.api#documentation";
    pub const REQUIRED: &str = "smithy.api#required";
    pub const DEFAULT: &str = "smithy.api#default";
    pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
    pub const SENSITIVE: &str = "smithy.api#sensitive";
    pub const LENGTH: &str = "smithy.api#length";
    pub const PATTERN: &str = "smithy.api#pattern";
    pub const RANGE: &str = "smithy.api#range";
    pub const ENUM: &str = "smithy.api#enum";
    pub const ENUM_VALUE: &str = "smithy.api#enumValue";
    pub const ERROR: &str = "smithy.api#error";
    pub const HTTP: &str = "smithy.api#http";
    pub const HTTP_ERROR: &str = "smithy.api#httpError";
    pub const HTTP_LABEL: &str = "smithy.api#httpLabel";
    pub const HTTP_QUERY: &str = "smithy.api#httpQuery";
    pub const HTTP_QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
    pub const HTTP_HEADER: &str = "smithy.api#httpHeader";
    pub const HTTP_PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
    pub const HTTP_PAYLOAD: &str = "smithy.api#httpPayload";
    pub const HTTP_RESPONSE_CODE: &str = "smithy.api#httpResponseCode";
    pub const JSON_NAME: &str = "smithy.api#jsonName";
    pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
    pub const DEPRECATED: &str = "smithy.api#deprecated";
    pub const RETRYABLE: &str = "smithy.api#retryable";
    pub const SPARSE: &str = "smithy.api#sparse";
    pub const STREAMING: &str = "smithy.api#streaming";
    pub const MIXIN: &str = "smithy.api#mixin";
    pub const TITLE: &str = "smithy.api#title";
    pub const IDEMPOTENCY_TOKEN: &str = "smithy.api#idempotencyToken";
    pub const REST_JSON1: &str = "aws.protocols#restJson1";
    pub const AWS_JSON1_0: &str = "aws.protocols#awsJson1_0";
    pub const AWS_JSON1_1: &str = "aws.protocols#awsJson1_1";
    pub const AWS_QUERY: &str = "aws.protocols#awsQuery";
    pub const EC2_QUERY: &str = "aws.protocols#ec2Query";
    pub const REST_XML: &str = "aws.protocols#restXml";
    pub const RPC_V2_CBOR: &str = "smithy.protocols#rpcv2Cbor";
    pub const AWS_QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";
    pub const AWS_QUERY_ERROR: &str = "aws.protocols#awsQueryError";
    pub const HOST_LABEL: &str = "smithy.api#hostLabel";
    pub const ENDPOINT: &str = "smithy.api#endpoint";
    pub const PAGINATED: &str = "smithy.api#paginated";
    pub const HTTP_CHECKSUM_REQUIRED: &str = "smithy.api#httpChecksumRequired";
    pub const REQUEST_COMPRESSION: &str = "smithy.api#requestCompression";
    pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
    pub const AUTH: &str = "smithy.api#auth";
    pub const OPTIONAL_AUTH: &str = "smithy.api#optionalAuth";
    pub const ENDPOINT_RULE_SET: &str = "smithy.rules#endpointRuleSet";
    pub const STATIC_CONTEXT_PARAMS: &str = "smithy.rules#staticContextParams";
    pub const CONTEXT_PARAM: &str = "smithy.rules#contextParam";
    pub const OPERATION_CONTEXT_PARAMS: &str = "smithy.rules#operationContextParams";
    pub const SIGV4: &str = "aws.auth#sigv4";
    pub const AWS_SERVICE: &str = "aws.api#service";
}

/// Which Smithy IDL version the document declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmithyVersion {
    V1,
    V2,
}

/// A loaded model: every shape of the document plus Smithy's prelude.
#[derive(Debug, Clone)]
pub struct Model {
    pub version: SmithyVersion,
    shapes: BTreeMap<String, Shape>,
}

impl Model {
    /// The shape with this absolute id (`namespace#Name`), prelude included.
    pub fn shape(&self, id: &str) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// Every shape, ordered by id.
    pub fn shapes(&self) -> impl Iterator<Item = &Shape> {
        self.shapes.values()
    }

    /// The service shapes of the document, ordered by id.
    pub fn services(&self) -> impl Iterator<Item = &Shape> {
        self.shapes
            .values()
            .filter(|shape| matches!(shape.kind, ShapeKind::Service(_)))
    }
}

/// Trait values of a shape or member, keyed by absolute trait id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Traits(BTreeMap<String, Value>);

impl Traits {
    /// The value of a trait, if present.
    pub fn get(&self, id: &str) -> Option<&Value> {
        self.0.get(id)
    }

    /// Whether a trait is present.
    pub fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    /// The value of a trait whose value is a string.
    pub fn string(&self, id: &str) -> Option<&str> {
        self.get(id).and_then(Value::as_str)
    }

    /// Adds or replaces traits (later values win, as with Smithy's `apply`).
    pub fn extend(&mut self, other: &Traits) {
        for (id, value) in &other.0 {
            self.0.insert(id.clone(), value.clone());
        }
    }

    /// Every trait id with its value.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    fn insert(&mut self, id: String, value: Value) {
        self.0.insert(id, value);
    }

    fn remove(&mut self, id: &str) -> Option<Value> {
        self.0.remove(id)
    }
}

/// A member of a structure, union, enum, list or map.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub target: String,
    pub traits: Traits,
    /// Where the member is in the document (for diagnostics).
    pub path: JsonPath,
}

/// A top-level shape.
#[derive(Debug, Clone)]
pub struct Shape {
    pub id: String,
    pub kind: ShapeKind,
    pub traits: Traits,
    /// Where the shape is in the document (for diagnostics).
    pub path: JsonPath,
}

impl Shape {
    /// The name part of the shape id (after `#`).
    pub fn name(&self) -> &str {
        shape_name(&self.id)
    }

    /// The documentation trait, if any.
    pub fn docs(&self) -> Option<&str> {
        self.traits.string(traits::DOCUMENTATION)
    }
}

/// The name part of a shape id: `ns#Name` → `Name`.
pub fn shape_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

/// The namespace part of a shape id: `ns#Name` → `ns`.
pub fn shape_namespace(id: &str) -> &str {
    id.split_once('#').map_or("", |(ns, _)| ns)
}

/// Simple (scalar) shape types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Simple {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
}

impl Simple {
    /// The Smithy type name.
    pub fn name(self) -> &'static str {
        match self {
            Simple::Blob => "blob",
            Simple::Boolean => "boolean",
            Simple::String => "string",
            Simple::Byte => "byte",
            Simple::Short => "short",
            Simple::Integer => "integer",
            Simple::Long => "long",
            Simple::Float => "float",
            Simple::Double => "double",
            Simple::BigInteger => "bigInteger",
            Simple::BigDecimal => "bigDecimal",
            Simple::Timestamp => "timestamp",
            Simple::Document => "document",
        }
    }
}

/// What a shape is, with the parts each type has.
#[derive(Debug, Clone)]
pub enum ShapeKind {
    Simple(Simple),
    Enum { members: Vec<Member> },
    IntEnum { members: Vec<Member> },
    List { member: Member },
    Map { key: Member, value: Member },
    Structure { members: Vec<Member> },
    Union { members: Vec<Member> },
    Service(Service),
    Operation(Operation),
    Resource(Resource),
}

impl ShapeKind {
    /// The Smithy type name.
    pub fn type_name(&self) -> &'static str {
        match self {
            ShapeKind::Simple(simple) => simple.name(),
            ShapeKind::Enum { .. } => "enum",
            ShapeKind::IntEnum { .. } => "intEnum",
            ShapeKind::List { .. } => "list",
            ShapeKind::Map { .. } => "map",
            ShapeKind::Structure { .. } => "structure",
            ShapeKind::Union { .. } => "union",
            ShapeKind::Service(_) => "service",
            ShapeKind::Operation(_) => "operation",
            ShapeKind::Resource(_) => "resource",
        }
    }
}

/// A reference to another shape, with where it was written.
#[derive(Debug, Clone)]
pub struct ShapeRef {
    pub target: String,
    pub path: JsonPath,
}

/// A service shape.
#[derive(Debug, Clone, Default)]
pub struct Service {
    pub version: Option<String>,
    pub operations: Vec<ShapeRef>,
    pub resources: Vec<ShapeRef>,
    pub errors: Vec<ShapeRef>,
    /// Shape id → the name to use for it in this service's closure.
    pub rename: BTreeMap<String, String>,
}

/// An operation shape.
#[derive(Debug, Clone, Default)]
pub struct Operation {
    pub input: Option<ShapeRef>,
    pub output: Option<ShapeRef>,
    pub errors: Vec<ShapeRef>,
}

/// A resource shape; only its operations and child resources matter to a client.
#[derive(Debug, Clone, Default)]
pub struct Resource {
    /// Lifecycle operations (create, put, read, update, delete, list), then `operations`, then
    /// `collectionOperations`.
    pub operations: Vec<ShapeRef>,
    pub resources: Vec<ShapeRef>,
}
