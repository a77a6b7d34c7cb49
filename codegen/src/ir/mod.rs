//! The intermediate representation: what the client must contain, with every Smithy rule
//! (constraints, bindings, defaults, sensitivity, names) already applied.
//!
//! Two passes build and vet it: [`resolve()`] turns the model into the IR, reporting only what it
//! cannot build (and recording the rules the model breaks as [`Findings`]); [`check()`] then
//! reports those rules. `emit` reads only the IR; it never looks at raw traits.

pub(crate) mod check;
mod customizations;
pub(crate) mod names;
mod resolve;
#[cfg(test)]
mod testing;

pub use check::{Findings, check};

use crate::diagnostics::{Diagnostics, JsonPath};
use crate::model::Model;
use crate::settings::Settings;

/// A resolved service: its IR, and what resolution set aside for the [`check()`] pass.
#[derive(Debug, Clone)]
pub struct Resolution {
    /// The client's IR (AWS SDK customizations applied).
    pub ir: Ir,
    /// The model rules resolution found broken, not yet reported.
    pub findings: Findings,
}

/// Resolves the service `settings` select into the IR, with the AWS SDK customizations of
/// that service applied. Only what stops resolution (no service, an unknown shape, an
/// unsupported protocol...) is added to `diagnostics`; the rest is for [`check()`].
pub fn resolve(
    model: &Model,
    settings: &Settings,
    diagnostics: &mut Diagnostics,
) -> Option<Resolution> {
    let mut resolution = resolve::resolve(model, settings, diagnostics)?;
    customizations::apply(&mut resolution.ir);
    Some(resolution)
}

/// Everything to generate for one service.
#[derive(Debug, Clone)]
pub struct Ir {
    pub service: ServiceIr,
    pub operations: Vec<OperationIr>,
    /// Structures in the `types` module (shared, non-error), ordered by Rust name.
    pub structures: Vec<StructureIr>,
    /// Error structures in `types::error`, ordered by Rust name.
    pub errors: Vec<StructureIr>,
    /// Enums (string and int) in `types`, ordered by Rust name.
    pub enums: Vec<EnumIr>,
    /// Distinct ECMA-262 sources of the `pattern` constraints generated code checks (those of
    /// validated values), referenced by [`PatternRef::index`].
    pub patterns: Vec<String>,
    /// Operations of the service left out of the client, in model order, with why.
    pub skipped_operations: Vec<SkippedOperation>,
}

impl Ir {
    /// Every `pattern` constraint the client's members carry (operation inputs and outputs,
    /// shared structures, errors; list items, map keys and values included), once per member.
    pub fn pattern_refs(&self) -> Vec<&PatternRef> {
        fn collect<'a>(ty: &'a TypeIr, out: &mut Vec<&'a PatternRef>) {
            out.extend(ty.constraints.pattern.as_ref());
            match &ty.kind {
                TypeKind::List { element, .. } => collect(element, out),
                TypeKind::Map { key, value, .. } => {
                    collect(key, out);
                    collect(value, out);
                }
                _ => {}
            }
        }
        let structures = self
            .operations
            .iter()
            .flat_map(|op| [&op.input, &op.output])
            .chain(&self.structures)
            .chain(&self.errors);
        let mut out = Vec::new();
        for member in structures.flat_map(|s| &s.members) {
            collect(&member.ty, &mut out);
        }
        out
    }
}

/// An operation the client does not have, because it uses something shapegen does not support
/// yet (an event stream).
#[derive(Debug, Clone)]
pub struct SkippedOperation {
    /// The operation's shape name.
    pub name: String,
    /// Where the model shows why (the member that targets the event stream).
    pub path: JsonPath,
    /// Why, e.g. "its output member `Stream` targets the event stream `ns#Events`".
    pub reason: String,
}

/// The service the client talks to.
#[derive(Debug, Clone)]
pub struct ServiceIr {
    pub id: String,
    pub title: String,
    pub docs: Option<String>,
    pub version: Option<String>,
    /// SigV4 signing name (`aws.auth#sigv4`), if the service is signed.
    pub signing_name: Option<String>,
    /// The host prefix for default endpoints (`aws.api#service` endpointPrefix).
    pub endpoint_prefix: String,
    /// The wire protocol.
    pub protocol: ProtocolIr,
    /// The service shape's own name (`X-Amz-Target` of awsJson is `{shape_name}.{operation}`).
    pub shape_name: String,
    /// `smithy.rules#endpointRuleSet`, as compact JSON text.
    pub endpoint_rules: Option<String>,
}

/// The protocol of a service, and its settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProtocolIr {
    /// `aws.protocols#restJson1`.
    RestJson1,
    /// `aws.protocols#awsJson1_0` or `awsJson1_1`.
    AwsJson {
        /// `true` for 1.1.
        v1_1: bool,
        /// `aws.protocols#awsQueryCompatible`.
        query_compatible: bool,
    },
}

impl ProtocolIr {
    /// Whether members are bound to HTTP (labels, query, headers…); else all are in the body.
    pub fn has_http_bindings(self) -> bool {
        self == ProtocolIr::RestJson1
    }

    /// The protocol trait's id.
    pub fn trait_id(self) -> &'static str {
        match self {
            ProtocolIr::RestJson1 => crate::model::traits::REST_JSON1,
            ProtocolIr::AwsJson { v1_1: false, .. } => crate::model::traits::AWS_JSON1_0,
            ProtocolIr::AwsJson { v1_1: true, .. } => crate::model::traits::AWS_JSON1_1,
        }
    }
}

/// One operation: its HTTP binding, input, output and errors.
#[derive(Debug, Clone)]
pub struct OperationIr {
    pub id: String,
    /// The operation's shape name (after any service `rename`), e.g. `BatchCreateAttendee`.
    pub name: String,
    /// The prefix of its Rust type names (`{rust_name}Input`, `…Error`, `…FluentBuilder`):
    /// `name` when that is a plain identifier, else its UpperCamelCase form.
    pub rust_name: String,
    /// Module and client method name, e.g. `batch_create_attendee`.
    pub snake: String,
    pub docs: Option<String>,
    pub deprecated: Option<Deprecation>,
    pub http: HttpIr,
    /// `{Op}Input`: members of the input structure (none for `Unit`).
    pub input: StructureIr,
    /// `{Op}Output`: members of the output structure (none for `Unit`).
    pub output: StructureIr,
    /// Modeled errors (operation's then service's), by Rust name in `types::error`.
    pub errors: Vec<ErrorRef>,
    /// `smithy.api#endpoint` host prefix, e.g. `data-{Bucket}.`; labels name input members.
    pub host_prefix: Option<String>,
    /// `smithy.api#paginated`, when the operation pages through results.
    pub pagination: Option<PaginationIr>,
    /// `smithy.api#httpChecksumRequired`: send a `Content-MD5` of the body.
    pub checksum_required: bool,
    /// `smithy.api#requestCompression` lists gzip: large bodies are sent gzip-compressed.
    pub request_compression: bool,
    /// Requests are signed (not `smithy.api#auth: []` or `smithy.api#optionalAuth`).
    pub signed: bool,
    /// Endpoint parameters: fixed (`staticContextParams`) and bound from the input.
    pub endpoint_params: Vec<EndpointParamIr>,
    /// The input member (index into `input.members`, a string) whose value, when set, is the
    /// URL the call is sent to instead of the resolved endpoint. No trait says this: it is an
    /// AWS SDK customization (`codegen/src/ir/customizations.rs`).
    pub endpoint_url_member: Option<usize>,
}

/// An endpoint rule-set parameter an operation sets.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointParamIr {
    /// The parameter's name in the rule set.
    pub name: String,
    pub value: EndpointParamValue,
}

/// Where an operation's endpoint parameter comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum EndpointParamValue {
    /// `staticContextParams`: a constant.
    Static(serde_json::Value),
    /// `contextParam` on an input member, or an `operationContextParams` path: the value at
    /// `path` in the input.
    Input(InputPath),
}

/// A path to values in an operation input: member fields, `[*]` over list items, and `keys()`
/// of a map (the subset of JMESPath `operationContextParams` use).
#[derive(Debug, Clone, PartialEq)]
pub struct InputPath {
    pub steps: Vec<PathStep>,
    /// The type at the end of the path: a string, a boolean, or a list of strings.
    pub result: PathResult,
}

/// One step of an [`InputPath`].
#[derive(Debug, Clone, PartialEq)]
pub enum PathStep {
    /// A member of the structure at this point: its model name, its Rust field, and whether
    /// the field is an `Option`.
    Field {
        member: String,
        field: String,
        optional: bool,
    },
    /// Every item of the list at this point (`[*]`).
    Each,
    /// The keys of the map at this point (`keys(...)`).
    Keys,
}

/// What an [`InputPath`] yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathResult {
    /// One string (or an enum, written as its value).
    String,
    /// One boolean.
    Bool,
    /// A list of strings (a projection).
    StringArray,
}

/// How an operation pages: which input member carries the token, where the output holds the
/// next one, and where the items are.
#[derive(Debug, Clone)]
pub struct PaginationIr {
    /// Input member (Rust field) set to the next page's token.
    pub input_token: String,
    /// Path of output members to the next token (one step, or more for `Foo.NextToken`).
    pub output_token: Vec<FieldStep>,
    /// The token's type (the input and output token members have the same Rust type): a
    /// string, a map or a list. An empty or absent token ends paging.
    pub token: TypeIr,
    /// Path of output members to the items, with the items' type (a list or map), when the
    /// model names them.
    pub items: Option<(Vec<FieldStep>, TypeIr)>,
    /// Input member (Rust field) limiting the page size, if any.
    pub page_size: Option<String>,
}

/// One member on a path through nested structures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldStep {
    /// The member's name in the model.
    pub name: String,
    /// The member's Rust field.
    pub field: String,
    /// The field is an `Option`.
    pub optional: bool,
}

/// A modeled error of an operation, with what its structure says about retrying it.
#[derive(Debug, Clone)]
pub struct ErrorRef {
    /// Rust name of the error structure (also the enum variant name).
    pub name: String,
    /// The error code on the wire (the shape name).
    pub code: String,
    /// The legacy awsQuery code of a query-compatible service (`aws.protocols#awsQueryError`),
    /// which such services send instead.
    pub query_code: Option<String>,
    pub info: ErrorInfo,
    pub docs: Option<String>,
}

/// `smithy.api#deprecated`.
#[derive(Debug, Clone)]
pub struct Deprecation {
    pub message: Option<String>,
    pub since: Option<String>,
}

impl Deprecation {
    /// The note for `#[deprecated(note = …)]`.
    pub fn note(&self) -> String {
        match (&self.message, &self.since) {
            (Some(message), Some(since)) => format!("{message} (since {since})"),
            (Some(message), None) => message.clone(),
            (None, Some(since)) => format!("deprecated since {since}"),
            (None, None) => "deprecated in the service model".to_owned(),
        }
    }
}

/// `smithy.api#http` of an operation.
#[derive(Debug, Clone)]
pub struct HttpIr {
    pub method: String,
    /// The URI path, split into literal text and labels.
    pub path: Vec<PathSegment>,
    /// Literal query parameters written in the URI (`?operation=batch-create`).
    pub query: Vec<(String, Option<String>)>,
    /// The success status code.
    pub code: u16,
    /// The URI as written in the model (for docs).
    pub uri: String,
}

/// A piece of a URI path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Text copied as is (including `/`).
    Literal(String),
    /// A label filled from an input member (index into the input's members).
    Label { member: usize, greedy: bool },
}

/// A structure: an operation input/output, a shared type or an error.
#[derive(Debug, Clone)]
pub struct StructureIr {
    pub id: String,
    pub rust_name: String,
    pub docs: Option<String>,
    pub members: Vec<MemberIr>,
    /// Set on error structures.
    pub error: Option<ErrorInfo>,
    /// Written as JSON (reachable from an input body).
    pub serialize: bool,
    /// Read from JSON (reachable from an output or error body).
    pub deserialize: bool,
    /// A union: exactly one member (variant) is set. Member `field`s are then variant names.
    pub is_union: bool,
    /// Client-side validation is generated (reachable from an input).
    pub validate: bool,
}

impl StructureIr {
    /// Whether any member needs a `Debug` redaction.
    pub fn has_sensitive_members(&self) -> bool {
        self.members.iter().any(|m| m.sensitive)
    }

    /// Whether the builder can fail (some member must be set and has no default).
    pub fn has_required_members(&self) -> bool {
        self.members.iter().any(MemberIr::must_be_set)
    }
}

/// Facts about an error structure.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// `true` for `server` faults, `false` for `client` faults.
    pub server_fault: bool,
    pub http_status: Option<u16>,
    /// `smithy.api#retryable`, or a 429/5xx-class throttling or transient error.
    pub retryable: bool,
    pub throttling: bool,
}

/// A structure member.
#[derive(Debug, Clone)]
pub struct MemberIr {
    /// The member name in the model (used in validation paths and docs).
    pub name: String,
    /// The Rust field name (a valid identifier, possibly raw: `r#type`).
    pub field: String,
    /// The key in JSON bodies (`jsonName` or the member name).
    pub wire: String,
    pub ty: TypeIr,
    /// `smithy.api#required`.
    pub required: bool,
    /// The Rust field is `Option<T>`.
    pub optional: bool,
    /// The value used when the member is not set (`smithy.api#default`).
    pub default: Option<serde_json::Value>,
    pub docs: Option<String>,
    pub deprecated: Option<Deprecation>,
    pub binding: Binding,
    /// The member, its target, or something its value holds is `@sensitive`.
    pub sensitive: bool,
    /// `smithy.api#idempotencyToken`: filled with a fresh UUID when not set.
    pub idempotency_token: bool,
    /// `smithy.api#hostLabel`: substituted into the operation's host prefix.
    pub host_label: bool,
    /// `smithy.rules#contextParam`: the endpoint parameter this input member sets.
    pub context_param: Option<String>,
}

impl MemberIr {
    /// Must be given before the structure can be built (required, no default, and not an
    /// idempotency token, which is filled in when unset).
    pub fn must_be_set(&self) -> bool {
        self.required && !self.optional && !self.idempotency_token
    }
}

/// Where a member travels in an HTTP message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// A member of the JSON body.
    Body,
    /// A URI label.
    Label,
    /// A query parameter with this name.
    Query(String),
    /// A header with this name.
    Header(String),
    /// Headers named with this prefix (a map member).
    PrefixHeaders(String),
    /// Query parameters (a map member); explicit `httpQuery` members win.
    QueryParams,
    /// The whole body; `media_type` is the content type for blob and string payloads.
    /// `empty_object`: a structure payload that is not set is sent as `{}`.
    Payload {
        media_type: Option<String>,
        empty_object: bool,
    },
    /// The HTTP status code of the response.
    ResponseCode,
}

/// A value type with its constraints.
#[derive(Debug, Clone)]
pub struct TypeIr {
    pub kind: TypeKind,
    pub constraints: Constraints,
    /// This value itself is `@sensitive` (member or target shape).
    pub sensitive: bool,
    /// The target shape id (for docs).
    pub shape: String,
    /// `smithy.api#mediaType` of a string: such strings travel base64-encoded in headers.
    pub media_type: Option<String>,
}

impl TypeIr {
    /// Whether this value or anything it holds is sensitive (structures redact themselves).
    pub fn holds_sensitive(&self) -> bool {
        self.sensitive
            || match &self.kind {
                TypeKind::List { element, .. } => element.holds_sensitive(),
                TypeKind::Map { value, .. } => value.holds_sensitive(),
                _ => false,
            }
    }

    /// Whether validation has anything to check in values of this type.
    pub fn needs_validation(&self) -> bool {
        !self.constraints.is_empty()
            || match &self.kind {
                TypeKind::Enum { .. } | TypeKind::IntEnum { .. } => true,
                TypeKind::Structure { validate, .. } => *validate,
                TypeKind::List { element, .. } => element.needs_validation(),
                TypeKind::Map { key, value, .. } => {
                    key.needs_validation() || value.needs_validation()
                }
                _ => false,
            }
    }

    /// Visits this type and every type nested in it.
    pub(crate) fn visit_mut(&mut self, f: &mut dyn FnMut(&mut TypeIr)) {
        f(self);
        match &mut self.kind {
            TypeKind::List { element, .. } => element.visit_mut(f),
            TypeKind::Map { key, value, .. } => {
                key.visit_mut(f);
                value.visit_mut(f);
            }
            _ => {}
        }
    }
}

/// The shape of a value.
#[derive(Debug, Clone)]
pub enum TypeKind {
    String,
    Boolean,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    /// A timestamp, with the `timestampFormat` of its member or target, if any.
    Timestamp {
        format: Option<TimestampFormat>,
    },
    Blob,
    Document,
    BigInteger,
    BigDecimal,
    /// The unit type of a union variant without a value.
    Unit,
    /// A string enum in `types`.
    Enum {
        name: String,
    },
    /// An int enum in `types`.
    IntEnum {
        name: String,
    },
    /// A structure or union in `types`; `boxed` breaks a containment cycle; `validate` says
    /// whether its values have anything to check.
    Structure {
        name: String,
        boxed: bool,
        validate: bool,
    },
    List {
        element: Box<TypeIr>,
        sparse: bool,
    },
    Map {
        key: Box<TypeIr>,
        value: Box<TypeIr>,
        sparse: bool,
    },
}

/// A `smithy.api#timestampFormat` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    DateTime,
    HttpDate,
    EpochSeconds,
}

/// Constraint traits that apply to a value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub length: Option<Bounds>,
    pub pattern: Option<PatternRef>,
    pub range: Option<Bounds>,
}

impl Constraints {
    /// Whether there is nothing to check.
    pub fn is_empty(&self) -> bool {
        self.length.is_none() && self.checked_pattern().is_none() && self.range.is_none()
    }

    /// The index into [`Ir::patterns`] of the pattern validation checks, if any.
    pub fn checked_pattern(&self) -> Option<usize> {
        self.pattern.as_ref()?.index
    }
}

/// A `pattern` constraint: its source as written in the model, and what the runtime compiles.
///
/// Whether the runtime's engine accepts `ecma` is for the runtime to find out (a pattern it
/// cannot compile is not enforced); the check pass warns about those when it can tell
/// (codegen's `check-patterns` feature).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternRef {
    pub source: String,
    /// The model's source, or its exact ECMA-262 translation when the model used Java-only
    /// syntax (`^(?s)…`, possessive quantifiers).
    pub ecma: String,
    /// Its place in [`Ir::patterns`] when the value is validated (part of a request); values
    /// that are only read are never checked, and have none.
    pub index: Option<usize>,
}

/// Inclusive bounds of a `length` or `range` trait, kept as written in the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Bounds {
    pub min: Option<serde_json::Number>,
    pub max: Option<serde_json::Number>,
}

/// A string or int enum in `types`.
#[derive(Debug, Clone)]
pub struct EnumIr {
    pub id: String,
    pub rust_name: String,
    pub docs: Option<String>,
    pub variants: Vec<EnumVariant>,
    /// `intEnum` (values are integers) rather than a string enum.
    pub int: bool,
}

/// One value of an enum.
#[derive(Debug, Clone)]
pub struct EnumVariant {
    pub rust_name: String,
    /// The wire value (string, or the integer's decimal text for int enums).
    pub value: String,
    pub docs: Option<String>,
    pub deprecated: Option<Deprecation>,
}

/// The `snake_case` form of a model name, as used for generated method names (never raw).
pub fn snake_name(name: &str) -> String {
    names::unraw(&names::snake(name)).to_owned()
}
