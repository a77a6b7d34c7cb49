//! What changed between two versions of a model, judged for the Rust API shapegen generates
//! (like smithy-diff, but for our clients). [`diff`] compares two resolved [`Ir`]s.
//!
//! # Matching
//!
//! Shapes are matched by name, never by shape id, so a model that moved to another namespace
//! (`com.amazonaws.chime#X` → `com.amazonaws.chimesdkmeetings#X`) still lines up: operations by
//! [`OperationIr::name`], structures and unions by Rust name, error structures by Rust name,
//! operation errors by wire code ([`ErrorRef::code`](crate::ir::ErrorRef::code)), enums by
//! Rust name, enum values by wire value and members by model name. Each operation's input
//! (`{Op}Input`) and output (`{Op}Output`) is compared with the operation; shared types
//! (`types::*`) and errors (`types::error::*`) are compared once each, however many operations
//! use them.
//!
//! A structure is *written* when callers build it (an operation input, or a shared type sent in
//! a request) and *read* when callers read its fields (an output, an error, or a shared type
//! received in a response); a shared type can be both.
//!
//! # Classification
//!
//! | change | severity | why |
//! |---|---|---|
//! | operation removed | breaking | its client method disappears |
//! | operation added | compatible | |
//! | named type (structure, union, enum, error) removed | breaking | the Rust type disappears |
//! | named type added | compatible | |
//! | structure became a union (or back), string enum became an int enum (or back) | breaking | different Rust type |
//! | member removed | breaking | field, getter and setter disappear |
//! | member renamed (the only removal and the only addition in a structure, same target type and binding, same position or same wire name) | breaking | reported once, instead of removed + added |
//! | member added, required without default, to a written structure | breaking | callers must now set it |
//! | member added, otherwise | compatible | generated structs have a private field, so callers build them with builders, never struct literals a new field would break |
//! | union variant added to a read union | dangerous | clients built from the old model read it as `Unknown`; a `match` without a `_` arm must handle it (see below) |
//! | union variant added to a union only sent | compatible | |
//! | member became required (written: must now be set; read: `Option<T>` → `T`) | breaking | |
//! | member no longer required, in a read structure (`T` → `Option<T>`) | breaking | the field type changes |
//! | member no longer required, in a written-only structure | compatible | builder setters are unchanged |
//! | target type changed (`String` → `Integer`, `List<Structure Tag>` → …; `boxed`/`validate` ignored) | breaking | |
//! | timestamp format changed | breaking | different text on the wire |
//! | enum value removed | breaking | its variant disappears, the service rejects or stops sending it |
//! | enum value added (string or int) | dangerous | clients built from the old model read it as `Unknown`; a `match` without a `_` arm must handle it (see below) |
//! | error added to an operation | dangerous | a new variant in the error enum: replies that were `Unhandled` now arrive as it |
//! | error removed from an operation | breaking | its variant and `is_*` predicate disappear from the error enum, so code naming them no longer compiles |
//! | HTTP method, URI (path or literal query), host prefix changed | breaking | on the wire |
//! | a member's binding (body, label, query/header name, payload, …), JSON key or header media type changed | breaking | on the wire |
//! | success code changed, both 2xx | compatible | shapegen clients accept any 2xx reply (docs/decisions.md D5) |
//! | success code changed to or from a non-2xx code | breaking | |
//! | constraint tightened: length/range minimum raised or maximum lowered, pattern added or changed | dangerous | client validation may now reject input that passed before |
//! | the same on a shape callers only receive (outputs, errors, types reached from them alone) | compatible | replies are never validated |
//! | constraint relaxed: minimum lowered, maximum raised, constraint removed | compatible | |
//! | `sensitive` removed from a member (or anything it holds) | dangerous | values will now appear in `Debug` output and logs |
//! | `sensitive` added | compatible | |
//!
//! Variants added to an enum, a union or an operation's error enum are *dangerous*, not
//! breaking, although a `match` that lists every variant without a `_` arm stops compiling:
//! the generated enums are `#[non_exhaustive]`, but that attribute has no effect in the crate
//! that defines them, which is the user's own. The compiler then names each such `match`, so
//! nothing changes silently; code with a `_` arm (as the `#[non_exhaustive]` asks) compiles
//! and sees the new values where it used to see `Unknown` or `Unhandled`.
//!
//! Constraints are compared on a member's type and on what it holds (list elements, map keys
//! and values, at any depth) wherever they occur. A bound both raised and lowered (`2..64` →
//! `3..128`) counts as tightened. A missing `length` minimum equals `0`.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde_json::Number;

use crate::ir::{
    Binding, Bounds, Constraints, EnumIr, Ir, MemberIr, OperationIr, StructureIr, TimestampFormat,
    TypeIr, TypeKind,
};

/// How a change affects users of the generated client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Existing code keeps compiling and behaving as before.
    Compatible,
    /// Existing code compiles, but may behave differently.
    Dangerous,
    /// Existing code may stop compiling, or requests may fail on the wire.
    Breaking,
}

impl Severity {
    /// The lower-case name: `compatible`, `dangerous` or `breaking`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Compatible => "compatible",
            Self::Dangerous => "dangerous",
            Self::Breaking => "breaking",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// What kind of change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChangeKind {
    OperationRemoved,
    OperationAdded,
    MemberRemoved,
    MemberAdded,
    MemberRenamed,
    MemberBecameRequired,
    MemberBecameOptional,
    TargetChanged,
    EnumValueRemoved,
    EnumValueAdded,
    ErrorAdded,
    ErrorRemoved,
    /// Method, URI (path or literal query), success code, host prefix, or a member's binding
    /// (label, query or header name, payload, …), JSON key or header media type.
    HttpBindingChanged,
    ConstraintTightened,
    ConstraintRelaxed,
    SensitiveRemoved,
    SensitiveAdded,
    /// A named shape (structure, union, enum, error) appeared.
    TypeAdded,
    /// A named shape (structure, union, enum, error) disappeared.
    TypeRemoved,
}

impl ChangeKind {
    /// The kebab-case name, e.g. `member-removed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OperationRemoved => "operation-removed",
            Self::OperationAdded => "operation-added",
            Self::MemberRemoved => "member-removed",
            Self::MemberAdded => "member-added",
            Self::MemberRenamed => "member-renamed",
            Self::MemberBecameRequired => "member-became-required",
            Self::MemberBecameOptional => "member-became-optional",
            Self::TargetChanged => "target-changed",
            Self::EnumValueRemoved => "enum-value-removed",
            Self::EnumValueAdded => "enum-value-added",
            Self::ErrorAdded => "error-added",
            Self::ErrorRemoved => "error-removed",
            Self::HttpBindingChanged => "http-binding-changed",
            Self::ConstraintTightened => "constraint-tightened",
            Self::ConstraintRelaxed => "constraint-relaxed",
            Self::SensitiveRemoved => "sensitive-removed",
            Self::SensitiveAdded => "sensitive-added",
            Self::TypeAdded => "type-added",
            Self::TypeRemoved => "type-removed",
        }
    }
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One change, located by a shape/member path such as `BatchCreateAttendeeInput$MeetingId`,
/// `types::Tag$Key`, `types::error::NotFoundException`, `types::ErrorCode$Throttled` (an enum
/// value), `BatchCreateAttendeeError$ThrottlingException` (an operation error) or
/// `operation BatchCreateAttendee`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub severity: Severity,
    pub kind: ChangeKind,
    pub path: String,
    pub message: String,
}

impl Change {
    /// `{"severity": "breaking", "kind": "member-removed", "path": …, "message": …}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "severity": self.severity.as_str(),
            "kind": self.kind.as_str(),
            "path": self.path,
            "message": self.message,
        })
    }
}

/// Width of the longest [`Severity`] name.
const SEVERITY_WIDTH: usize = 10;
/// Width of the longest [`ChangeKind`] name.
const KIND_WIDTH: usize = 22;

impl fmt::Display for Change {
    /// One line: `breaking    member-removed          Input$Attendees: member … was removed`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:<SEVERITY_WIDTH$}  {:<KIND_WIDTH$}  {}: {}",
            self.severity, self.kind, self.path, self.message
        )
    }
}

/// Every change from `old` to `new`, sorted by severity (breaking first), path, kind and
/// message.
pub fn diff(old: &Ir, new: &Ir) -> Vec<Change> {
    let mut differ = Differ::default();
    differ.operations(old, new);
    differ.shared_structures(old, new);
    differ.error_structures(old, new);
    differ.enums(old, new);
    let mut changes = differ.changes;
    changes.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.path.cmp(&b.path))
            .then_with(|| (a.kind as u8).cmp(&(b.kind as u8)))
            .then_with(|| a.message.cmp(&b.message))
    });
    changes.dedup();
    changes
}

/// Whether any change is breaking (for a non-zero CLI exit code).
pub fn has_breaking(changes: &[Change]) -> bool {
    changes.iter().any(|c| c.severity == Severity::Breaking)
}

/// How callers use a structure's values.
#[derive(Debug, Clone, Copy)]
struct Usage {
    /// Callers build it (operation input, or a shared type sent in requests).
    written: bool,
    /// Callers read its fields (output, error, or a shared type received in responses).
    read: bool,
}

/// Items of two versions matched by a key.
struct Paired<'a, T> {
    removed: Vec<&'a T>,
    matched: Vec<(&'a T, &'a T)>,
    added: Vec<&'a T>,
}

/// Matches `old` and `new` by `key`, in `old`'s order (the first of duplicate keys wins).
fn pair<'a, T>(old: &'a [T], new: &'a [T], key: fn(&T) -> &str) -> Paired<'a, T> {
    let mut new_by_key: BTreeMap<&str, &T> = BTreeMap::new();
    for item in new {
        new_by_key.entry(key(item)).or_insert(item);
    }
    let old_keys: BTreeSet<&str> = old.iter().map(key).collect();
    let mut paired = Paired {
        removed: Vec::new(),
        matched: Vec::new(),
        added: Vec::new(),
    };
    for item in old {
        match new_by_key.get(key(item)) {
            Some(new_item) => paired.matched.push((item, new_item)),
            None => paired.removed.push(item),
        }
    }
    let mut seen = BTreeSet::new();
    paired.added = new
        .iter()
        .filter(|item| !old_keys.contains(key(item)) && seen.insert(key(item)))
        .collect();
    paired
}

#[derive(Default)]
struct Differ {
    changes: Vec<Change>,
}

impl Differ {
    fn push(
        &mut self,
        severity: Severity,
        kind: ChangeKind,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.changes.push(Change {
            severity,
            kind,
            path: path.into(),
            message: message.into(),
        });
    }

    fn operations(&mut self, old: &Ir, new: &Ir) {
        let paired = pair(&old.operations, &new.operations, |op| &op.name);
        for op in paired.removed {
            self.push(
                Severity::Breaking,
                ChangeKind::OperationRemoved,
                format!("operation {}", op.name),
                format!("operation `{}` was removed", op.name),
            );
        }
        for op in paired.added {
            self.push(
                Severity::Compatible,
                ChangeKind::OperationAdded,
                format!("operation {}", op.name),
                format!("operation `{}` was added", op.name),
            );
        }
        for (old_op, new_op) in paired.matched {
            self.operation(old_op, new_op);
        }
    }

    fn operation(&mut self, old: &OperationIr, new: &OperationIr) {
        let path = format!("operation {}", new.name);
        let (o, n) = (&old.http, &new.http);
        if o.method != n.method {
            self.push(
                Severity::Breaking,
                ChangeKind::HttpBindingChanged,
                &path,
                format!("HTTP method changed: {} → {}", o.method, n.method),
            );
        }
        if o.uri != n.uri {
            self.push(
                Severity::Breaking,
                ChangeKind::HttpBindingChanged,
                &path,
                format!("URI changed: `{}` → `{}`", o.uri, n.uri),
            );
        }
        if o.code != n.code {
            let success = |code: u16| (200..300).contains(&code);
            let (severity, note) = if success(o.code) && success(n.code) {
                (
                    Severity::Compatible,
                    "; shapegen clients accept any 2xx reply",
                )
            } else {
                (Severity::Breaking, "")
            };
            self.push(
                severity,
                ChangeKind::HttpBindingChanged,
                &path,
                format!("success code changed: {} → {}{note}", o.code, n.code),
            );
        }
        if old.host_prefix != new.host_prefix {
            self.push(
                Severity::Breaking,
                ChangeKind::HttpBindingChanged,
                &path,
                format!(
                    "host prefix changed: {} → {}",
                    quoted_or_none(old.host_prefix.as_deref()),
                    quoted_or_none(new.host_prefix.as_deref())
                ),
            );
        }
        let input = Usage {
            written: true,
            read: false,
        };
        let output = Usage {
            written: false,
            read: true,
        };
        self.structure(&old.input, &new.input, &new.input.rust_name, input);
        self.structure(&old.output, &new.output, &new.output.rust_name, output);

        let errors = pair(&old.errors, &new.errors, |e| &e.code);
        for error in errors.removed {
            self.push(
                Severity::Breaking,
                ChangeKind::ErrorRemoved,
                format!("{}Error${}", new.name, error.code),
                format!(
                    "error `{}` was removed; its variant and `is_*` predicate disappear from the error enum",
                    error.code
                ),
            );
        }
        for error in errors.added {
            self.push(
                Severity::Dangerous,
                ChangeKind::ErrorAdded,
                format!("{}Error${}", new.name, error.code),
                format!(
                    "error `{}` was added: a new variant in the operation's error enum",
                    error.code
                ),
            );
        }
    }

    fn shared_structures(&mut self, old: &Ir, new: &Ir) {
        let paired = pair(&old.structures, &new.structures, |s| &s.rust_name);
        for s in paired.removed {
            self.push(
                Severity::Breaking,
                ChangeKind::TypeRemoved,
                format!("types::{}", s.rust_name),
                format!("{} `{}` was removed", structure_kind(s), s.rust_name),
            );
        }
        for s in paired.added {
            self.push(
                Severity::Compatible,
                ChangeKind::TypeAdded,
                format!("types::{}", s.rust_name),
                format!("{} `{}` was added", structure_kind(s), s.rust_name),
            );
        }
        for (o, n) in paired.matched {
            let path = format!("types::{}", n.rust_name);
            if o.is_union != n.is_union {
                self.push(
                    Severity::Breaking,
                    ChangeKind::TargetChanged,
                    path,
                    format!(
                        "`{}` changed from a {} to a {}",
                        n.rust_name,
                        structure_kind(o),
                        structure_kind(n)
                    ),
                );
                continue;
            }
            let usage = Usage {
                written: o.serialize || n.serialize,
                read: o.deserialize || n.deserialize,
            };
            self.structure(o, n, &path, usage);
        }
    }

    fn error_structures(&mut self, old: &Ir, new: &Ir) {
        let paired = pair(&old.errors, &new.errors, |s| &s.rust_name);
        for s in paired.removed {
            self.push(
                Severity::Breaking,
                ChangeKind::TypeRemoved,
                format!("types::error::{}", s.rust_name),
                format!("error `{}` was removed", s.rust_name),
            );
        }
        for s in paired.added {
            self.push(
                Severity::Compatible,
                ChangeKind::TypeAdded,
                format!("types::error::{}", s.rust_name),
                format!("error `{}` was added", s.rust_name),
            );
        }
        let usage = Usage {
            written: false,
            read: true,
        };
        for (o, n) in paired.matched {
            self.structure(o, n, &format!("types::error::{}", n.rust_name), usage);
        }
    }

    fn enums(&mut self, old: &Ir, new: &Ir) {
        let paired = pair(&old.enums, &new.enums, |e| &e.rust_name);
        for e in paired.removed {
            self.push(
                Severity::Breaking,
                ChangeKind::TypeRemoved,
                format!("types::{}", e.rust_name),
                format!("{} `{}` was removed", enum_kind(e), e.rust_name),
            );
        }
        for e in paired.added {
            self.push(
                Severity::Compatible,
                ChangeKind::TypeAdded,
                format!("types::{}", e.rust_name),
                format!("{} `{}` was added", enum_kind(e), e.rust_name),
            );
        }
        for (o, n) in paired.matched {
            if o.int != n.int {
                self.push(
                    Severity::Breaking,
                    ChangeKind::TargetChanged,
                    format!("types::{}", n.rust_name),
                    format!(
                        "`{}` changed from {} to {}",
                        n.rust_name,
                        enum_kind_with_article(o),
                        enum_kind_with_article(n)
                    ),
                );
                continue;
            }
            let values = pair(&o.variants, &n.variants, |v| &v.value);
            for v in values.removed {
                self.push(
                    Severity::Breaking,
                    ChangeKind::EnumValueRemoved,
                    format!("types::{}${}", n.rust_name, v.value),
                    format!("value `{}` was removed", v.value),
                );
            }
            for v in values.added {
                self.push(
                    Severity::Dangerous,
                    ChangeKind::EnumValueAdded,
                    format!("types::{}${}", n.rust_name, v.value),
                    format!(
                        "value `{}` was added; clients built from the old model read it as `Unknown`",
                        v.value
                    ),
                );
            }
        }
    }

    /// Compares the members of two versions of a structure or union; `prefix` names it in paths.
    fn structure(&mut self, old: &StructureIr, new: &StructureIr, prefix: &str, usage: Usage) {
        let union = old.is_union || new.is_union;
        let Paired {
            mut removed,
            mut matched,
            mut added,
        } = pair(&old.members, &new.members, |m| &m.name);
        let mut renamed = None;
        if let ([gone], [came]) = (removed.as_slice(), added.as_slice())
            && is_rename(old, new, gone, came)
        {
            renamed = Some(came.name.clone());
            self.push(
                Severity::Breaking,
                ChangeKind::MemberRenamed,
                format!("{prefix}${}", gone.name),
                format!("member `{}` was renamed to `{}`", gone.name, came.name),
            );
            matched.push((gone, came));
            removed.clear();
            added.clear();
        }
        let noun = if union { "variant" } else { "member" };
        for m in removed {
            self.push(
                Severity::Breaking,
                ChangeKind::MemberRemoved,
                format!("{prefix}${}", m.name),
                format!("{noun} `{}` was removed", m.name),
            );
        }
        for m in added {
            let (severity, message) = if union && usage.read {
                (
                    Severity::Dangerous,
                    format!(
                        "variant `{}` was added; clients built from the old model read it as `Unknown`",
                        m.name
                    ),
                )
            } else if !union && usage.written && m.must_be_set() {
                (
                    Severity::Breaking,
                    format!(
                        "required member `{}` was added; callers must now set it",
                        m.name
                    ),
                )
            } else {
                (
                    Severity::Compatible,
                    format!("{noun} `{}` was added", m.name),
                )
            };
            self.push(
                severity,
                ChangeKind::MemberAdded,
                format!("{prefix}${}", m.name),
                message,
            );
        }
        for (o, n) in matched {
            let was_renamed = renamed.as_deref() == Some(n.name.as_str());
            self.member(o, n, prefix, usage, union, was_renamed);
        }
    }

    fn member(
        &mut self,
        old: &MemberIr,
        new: &MemberIr,
        prefix: &str,
        usage: Usage,
        union: bool,
        renamed: bool,
    ) {
        let path = format!("{prefix}${}", new.name);
        let name = &new.name;
        if !union {
            self.requiredness(old, new, &path, usage);
        }
        let (old_type, new_type) = (type_name(&old.ty.kind), type_name(&new.ty.kind));
        if old_type != new_type {
            self.push(
                Severity::Breaking,
                ChangeKind::TargetChanged,
                &path,
                format!("target of `{name}` changed: {old_type} → {new_type}"),
            );
        } else {
            self.types(&old.ty, &new.ty, &path, &format!("`{name}`"), usage);
        }
        if old.binding != new.binding {
            self.push(
                Severity::Breaking,
                ChangeKind::HttpBindingChanged,
                &path,
                format!(
                    "binding of `{name}` changed: {} → {}",
                    binding_name(&old.binding),
                    binding_name(&new.binding)
                ),
            );
        } else if new.binding == Binding::Body && old.wire != new.wire && !renamed {
            self.push(
                Severity::Breaking,
                ChangeKind::HttpBindingChanged,
                &path,
                format!(
                    "JSON key of `{name}` changed: `{}` → `{}`",
                    old.wire, new.wire
                ),
            );
        } else if matches!(new.binding, Binding::Header(_))
            && old.ty.media_type != new.ty.media_type
        {
            self.push(
                Severity::Breaking,
                ChangeKind::HttpBindingChanged,
                &path,
                format!(
                    "media type of header `{name}` changed: {} → {}",
                    quoted_or_none(old.ty.media_type.as_deref()),
                    quoted_or_none(new.ty.media_type.as_deref())
                ),
            );
        }
        if old.sensitive && !new.sensitive {
            self.push(
                Severity::Dangerous,
                ChangeKind::SensitiveRemoved,
                &path,
                format!(
                    "`{name}` is no longer sensitive; its values will now appear in Debug output and logs"
                ),
            );
        } else if !old.sensitive && new.sensitive {
            self.push(
                Severity::Compatible,
                ChangeKind::SensitiveAdded,
                &path,
                format!("`{name}` is now sensitive; its values are redacted in Debug output"),
            );
        }
    }

    /// Required/optional changes: what callers must set (written) and the field type (read).
    fn requiredness(&mut self, old: &MemberIr, new: &MemberIr, path: &str, usage: Usage) {
        let name = &new.name;
        let must_set = usage.written && !old.must_be_set() && new.must_be_set();
        let unwrapped = usage.read && old.optional && !new.optional;
        let need_not_set = usage.written && old.must_be_set() && !new.must_be_set();
        let wrapped = usage.read && !old.optional && new.optional;
        if must_set || unwrapped {
            let why = if must_set {
                "callers must now set it"
            } else {
                "its field changes from Option<T> to T"
            };
            self.push(
                Severity::Breaking,
                ChangeKind::MemberBecameRequired,
                path,
                format!("member `{name}` became required; {why}"),
            );
        } else if wrapped {
            self.push(
                Severity::Breaking,
                ChangeKind::MemberBecameOptional,
                path,
                format!("member `{name}` became optional; its field changes from T to Option<T>"),
            );
        } else if need_not_set {
            self.push(
                Severity::Compatible,
                ChangeKind::MemberBecameOptional,
                path,
                format!("member `{name}` is no longer required; builder setters are unchanged"),
            );
        }
    }

    /// Compares two types of the same [`type_name`]: constraints and timestamp formats, here and
    /// in what they hold. `subject` names the values in messages (`` elements of `Tags` ``).
    fn types(&mut self, old: &TypeIr, new: &TypeIr, path: &str, subject: &str, usage: Usage) {
        self.constraints(&old.constraints, &new.constraints, path, subject, usage);
        match (&old.kind, &new.kind) {
            (TypeKind::Timestamp { format: a }, TypeKind::Timestamp { format: b }) if a != b => {
                self.push(
                    Severity::Breaking,
                    ChangeKind::TargetChanged,
                    path,
                    format!(
                        "timestamp format of {subject} changed: {} → {}",
                        format_name(*a),
                        format_name(*b)
                    ),
                );
            }
            (TypeKind::List { element: a, .. }, TypeKind::List { element: b, .. }) => {
                self.types(a, b, path, &format!("elements of {subject}"), usage);
            }
            (
                TypeKind::Map {
                    key: ak, value: av, ..
                },
                TypeKind::Map {
                    key: bk, value: bv, ..
                },
            ) => {
                self.types(ak, bk, path, &format!("keys of {subject}"), usage);
                self.types(av, bv, path, &format!("values of {subject}"), usage);
            }
            _ => {}
        }
    }

    fn constraints(
        &mut self,
        old: &Constraints,
        new: &Constraints,
        path: &str,
        subject: &str,
        usage: Usage,
    ) {
        self.bounds(
            "length",
            (old.length.as_ref(), new.length.as_ref()),
            true,
            path,
            subject,
            usage,
        );
        self.bounds(
            "range",
            (old.range.as_ref(), new.range.as_ref()),
            false,
            path,
            subject,
            usage,
        );
        let old_pattern = old.pattern.as_ref().map(|p| p.source.as_str());
        let new_pattern = new.pattern.as_ref().map(|p| p.source.as_str());
        let change = match (old_pattern, new_pattern) {
            (None, Some(p)) => Some((
                ChangeKind::ConstraintTightened,
                format!("pattern of {subject} added: `{p}`"),
            )),
            (Some(p), None) => Some((
                ChangeKind::ConstraintRelaxed,
                format!("pattern of {subject} removed: `{p}`"),
            )),
            (Some(a), Some(b)) if a != b => Some((
                ChangeKind::ConstraintTightened,
                format!("pattern of {subject} changed: `{a}` → `{b}`"),
            )),
            _ => None,
        };
        if let Some((kind, message)) = change {
            self.push_constraint(kind, path, message, usage);
        }
    }

    /// Compares `length` or `range` bounds; `zero_floor`: a missing minimum means 0.
    fn bounds(
        &mut self,
        what: &str,
        (old, new): (Option<&Bounds>, Option<&Bounds>),
        zero_floor: bool,
        path: &str,
        subject: &str,
        usage: Usage,
    ) {
        let zero = Number::from(0u8);
        let floor = zero_floor.then_some(&zero);
        let (old_min, new_min) = (
            old.and_then(|b| b.min.as_ref()).or(floor),
            new.and_then(|b| b.min.as_ref()).or(floor),
        );
        let (old_max, new_max) = (
            old.and_then(|b| b.max.as_ref()),
            new.and_then(|b| b.max.as_ref()),
        );
        // `None` is -∞ for minimums and +∞ for maximums.
        let min_order = match (old_min, new_min) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(a), Some(b)) => compare_numbers(a, b),
        };
        let max_order = match (old_max, new_max) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (Some(a), Some(b)) => compare_numbers(a, b),
        };
        let tightened = min_order == Ordering::Less || max_order == Ordering::Greater;
        let relaxed = min_order == Ordering::Greater || max_order == Ordering::Less;
        let (kind, verb) = if tightened {
            (ChangeKind::ConstraintTightened, "tightened")
        } else if relaxed {
            (ChangeKind::ConstraintRelaxed, "relaxed")
        } else {
            return;
        };
        let message = format!(
            "{what} of {subject} {verb}: {} → {}",
            bounds_text(old),
            bounds_text(new)
        );
        self.push_constraint(kind, path, message, usage);
    }

    /// A constraint change. Only values callers send are validated, so a tightened
    /// constraint is dangerous where callers write the value and compatible where they only
    /// read it (responses are never validated).
    fn push_constraint(&mut self, kind: ChangeKind, path: &str, message: String, usage: Usage) {
        if kind == ChangeKind::ConstraintTightened && usage.written {
            self.push(Severity::Dangerous, kind, path, message);
        } else if kind == ChangeKind::ConstraintTightened {
            let message = format!("{message} (received only, never validated)");
            self.push(Severity::Compatible, kind, path, message);
        } else {
            self.push(Severity::Compatible, kind, path, message);
        }
    }
}

/// Whether the only removed member `gone` and the only added member `came` are one member
/// under a new name: same target type and binding, and same position or same wire name.
fn is_rename(old: &StructureIr, new: &StructureIr, gone: &MemberIr, came: &MemberIr) -> bool {
    let position = |s: &StructureIr, name: &str| s.members.iter().position(|m| m.name == name);
    type_name(&gone.ty.kind) == type_name(&came.ty.kind)
        && gone.binding == came.binding
        && (position(old, &gone.name) == position(new, &came.name) || gone.wire == came.wire)
}

/// Compares two JSON numbers exactly when both are integers, else as `f64`.
fn compare_numbers(a: &Number, b: &Number) -> Ordering {
    if let (Some(a), Some(b)) = (a.as_i64(), b.as_i64()) {
        return a.cmp(&b);
    }
    if let (Some(a), Some(b)) = (a.as_u64(), b.as_u64()) {
        return a.cmp(&b);
    }
    let (a, b) = (
        a.as_f64().unwrap_or(f64::NAN),
        b.as_f64().unwrap_or(f64::NAN),
    );
    a.partial_cmp(&b).unwrap_or(Ordering::Equal)
}

/// `2..64`, `2..`, `..64`, or `none`.
fn bounds_text(bounds: Option<&Bounds>) -> String {
    match bounds {
        None => "none".to_owned(),
        Some(b) => {
            let text = |n: &Option<Number>| n.as_ref().map(Number::to_string).unwrap_or_default();
            format!("{}..{}", text(&b.min), text(&b.max))
        }
    }
}

/// A canonical name of a value type: `String`, `Enum Mode`, `Structure Tag`,
/// `List<Structure Tag>`, `Map<String, Option<Integer>>` (sparse). Ignores `boxed`,
/// `validate` and timestamp formats (compared separately).
fn type_name(kind: &TypeKind) -> String {
    let simple = match kind {
        TypeKind::String => "String",
        TypeKind::Boolean => "Boolean",
        TypeKind::Byte => "Byte",
        TypeKind::Short => "Short",
        TypeKind::Integer => "Integer",
        TypeKind::Long => "Long",
        TypeKind::Float => "Float",
        TypeKind::Double => "Double",
        TypeKind::Timestamp { .. } => "Timestamp",
        TypeKind::Blob => "Blob",
        TypeKind::Document => "Document",
        TypeKind::BigInteger => "BigInteger",
        TypeKind::BigDecimal => "BigDecimal",
        TypeKind::Unit => "Unit",
        TypeKind::Enum { name } => return format!("Enum {name}"),
        TypeKind::IntEnum { name } => return format!("IntEnum {name}"),
        TypeKind::Structure { name, .. } => return format!("Structure {name}"),
        TypeKind::List { element, sparse } => {
            return format!("List<{}>", optional_if(type_name(&element.kind), *sparse));
        }
        TypeKind::Map { key, value, sparse } => {
            return format!(
                "Map<{}, {}>",
                type_name(&key.kind),
                optional_if(type_name(&value.kind), *sparse)
            );
        }
    };
    simple.to_owned()
}

fn optional_if(name: String, optional: bool) -> String {
    if optional {
        format!("Option<{name}>")
    } else {
        name
    }
}

fn format_name(format: Option<TimestampFormat>) -> &'static str {
    match format {
        None => "default",
        Some(TimestampFormat::DateTime) => "date-time",
        Some(TimestampFormat::HttpDate) => "http-date",
        Some(TimestampFormat::EpochSeconds) => "epoch-seconds",
    }
}

fn binding_name(binding: &Binding) -> String {
    match binding {
        Binding::Body => "body".to_owned(),
        Binding::Label => "label".to_owned(),
        Binding::Query(name) => format!("query `{name}`"),
        Binding::Header(name) => format!("header `{name}`"),
        Binding::PrefixHeaders(prefix) => format!("headers prefixed `{prefix}`"),
        Binding::QueryParams => "query parameters".to_owned(),
        Binding::Payload {
            media_type: Some(media_type),
            ..
        } => format!("payload `{media_type}`"),
        Binding::Payload { .. } => "payload".to_owned(),
        Binding::ResponseCode => "response code".to_owned(),
    }
}

fn quoted_or_none(text: Option<&str>) -> String {
    text.map_or_else(|| "none".to_owned(), |t| format!("`{t}`"))
}

fn structure_kind(s: &StructureIr) -> &'static str {
    if s.is_union { "union" } else { "structure" }
}

fn enum_kind(e: &EnumIr) -> &'static str {
    if e.int { "int enum" } else { "enum" }
}

fn enum_kind_with_article(e: &EnumIr) -> &'static str {
    if e.int {
        "an int enum"
    } else {
        "a string enum"
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;
    use crate::Settings;

    /// A restJson1 service with two operations touching every kind of shape the diff compares.
    fn base() -> Value {
        json!({
            "smithy": "2.0",
            "shapes": {
                "ex#Svc": {
                    "type": "service",
                    "version": "1",
                    "operations": [{"target": "ex#PutThing"}, {"target": "ex#DeleteThing"}],
                    "traits": {
                        "aws.protocols#restJson1": {},
                        "aws.api#service": {"sdkId": "Ex", "endpointPrefix": "ex"}
                    }
                },
                "ex#PutThing": {
                    "type": "operation",
                    "input": {"target": "ex#PutThingInput"},
                    "output": {"target": "ex#PutThingOutput"},
                    "errors": [{"target": "ex#NotFound"}],
                    "traits": {"smithy.api#http": {"method": "PUT", "uri": "/things/{Id}", "code": 200}}
                },
                "ex#PutThingInput": {
                    "type": "structure",
                    "members": {
                        "Id": {"target": "ex#ThingId", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}},
                        "Name": {"target": "ex#ThingName", "traits": {"smithy.api#required": {}}},
                        "Count": {"target": "ex#Count", "traits": {"smithy.api#httpQuery": "count"}},
                        "Mode": {"target": "ex#Mode", "traits": {"smithy.api#httpHeader": "X-Mode"}},
                        "Tags": {"target": "ex#TagList"},
                        "Labels": {"target": "ex#LabelList"},
                        "Secret": {"target": "ex#Secret"},
                        "At": {"target": "smithy.api#Timestamp"}
                    },
                    "traits": {"smithy.api#input": {}}
                },
                "ex#PutThingOutput": {
                    "type": "structure",
                    "members": {
                        "Thing": {"target": "ex#Thing"},
                        "Version": {"target": "smithy.api#Long", "traits": {"smithy.api#required": {}}}
                    },
                    "traits": {"smithy.api#output": {}}
                },
                "ex#DeleteThing": {
                    "type": "operation",
                    "input": {"target": "ex#DeleteThingInput"},
                    "traits": {"smithy.api#http": {"method": "DELETE", "uri": "/things/{Id}", "code": 204}}
                },
                "ex#DeleteThingInput": {
                    "type": "structure",
                    "members": {
                        "Id": {"target": "ex#ThingId", "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}}
                    },
                    "traits": {"smithy.api#input": {}}
                },
                "ex#ThingId": {"type": "string", "traits": {"smithy.api#pattern": "^[a-z]+$"}},
                "ex#ThingName": {"type": "string", "traits": {"smithy.api#length": {"min": 2, "max": 64}}},
                "ex#Count": {"type": "integer", "traits": {"smithy.api#range": {"min": 1, "max": 100}}},
                "ex#Secret": {"type": "string", "traits": {"smithy.api#sensitive": {}}},
                "ex#Mode": {
                    "type": "enum",
                    "members": {
                        "FAST": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "fast"}},
                        "SLOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "slow"}}
                    }
                },
                "ex#Level": {
                    "type": "intEnum",
                    "members": {
                        "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
                        "HIGH": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 2}}
                    }
                },
                "ex#TagList": {
                    "type": "list",
                    "member": {"target": "ex#Tag"},
                    "traits": {"smithy.api#length": {"min": 1, "max": 10}}
                },
                "ex#Tag": {
                    "type": "structure",
                    "members": {
                        "Key": {"target": "ex#TagKey", "traits": {"smithy.api#required": {}}},
                        "Value": {"target": "smithy.api#String"}
                    }
                },
                "ex#TagKey": {"type": "string", "traits": {"smithy.api#length": {"min": 1, "max": 128}}},
                "ex#LabelList": {"type": "list", "member": {"target": "ex#Label"}},
                "ex#Label": {"type": "string", "traits": {"smithy.api#length": {"min": 1, "max": 8}}},
                "ex#Thing": {
                    "type": "structure",
                    "members": {
                        "Name": {"target": "ex#ThingName"},
                        "Level": {"target": "ex#Level"},
                        "Choice": {"target": "ex#Choice"}
                    }
                },
                "ex#Choice": {
                    "type": "union",
                    "members": {
                        "A": {"target": "smithy.api#String"},
                        "B": {"target": "smithy.api#Integer"}
                    }
                },
                "ex#NotFound": {
                    "type": "structure",
                    "members": {"Message": {"target": "smithy.api#String"}},
                    "traits": {"smithy.api#error": "client", "smithy.api#httpError": 404}
                },
                "ex#Conflict": {
                    "type": "structure",
                    "members": {"Message": {"target": "smithy.api#String"}},
                    "traits": {"smithy.api#error": "client", "smithy.api#httpError": 409}
                }
            }
        })
    }

    /// The value at a JSON pointer (`/shapes/ex#Tag/members`).
    fn at<'a>(model: &'a mut Value, pointer: &str) -> &'a mut Value {
        model
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("no `{pointer}` in the model"))
    }

    /// `base()` edited by `f`.
    fn edited(f: impl FnOnce(&mut Value)) -> Value {
        let mut model = base();
        f(&mut model);
        model
    }

    /// Renames a key of an object in place, keeping its position.
    fn rename_key(object: &mut Value, from: &str, to: &str) {
        let Value::Object(map) = object else {
            panic!("not an object");
        };
        *map = std::mem::take(map)
            .into_iter()
            .map(|(k, v)| {
                if k == from {
                    (to.to_owned(), v)
                } else {
                    (k, v)
                }
            })
            .collect();
    }

    fn resolve_with(model: &Value, settings: &Settings) -> Ir {
        let bytes = serde_json::to_vec(model).expect("a JSON value serializes");
        crate::resolve(&bytes, "test.json", settings)
            .unwrap_or_else(|d| panic!("{d}"))
            .ir
    }

    fn diff_models(old: &Value, new: &Value) -> Vec<Change> {
        diff(
            &resolve_with(old, &Settings::new()),
            &resolve_with(new, &Settings::new()),
        )
    }

    fn change(severity: Severity, kind: ChangeKind, path: &str, message: &str) -> Change {
        Change {
            severity,
            kind,
            path: path.to_owned(),
            message: message.to_owned(),
        }
    }

    use ChangeKind as K;
    use Severity::{Breaking, Compatible, Dangerous};

    #[test]
    fn identical_models_have_no_changes() {
        assert_eq!(diff_models(&base(), &base()), []);
        let chime: Value = serde_json::from_slice(&chime_spec()).expect("spec/chime.json is JSON");
        assert_eq!(diff_models(&chime, &chime), []);
    }

    #[test]
    fn operation_removed_and_added() {
        let fewer = edited(|m| {
            at(m, "/shapes/ex#Svc/operations")
                .as_array_mut()
                .expect("a list")
                .pop();
        });
        assert_eq!(
            diff_models(&base(), &fewer),
            [change(
                Breaking,
                K::OperationRemoved,
                "operation DeleteThing",
                "operation `DeleteThing` was removed"
            )]
        );
        assert_eq!(
            diff_models(&fewer, &base()),
            [change(
                Compatible,
                K::OperationAdded,
                "operation DeleteThing",
                "operation `DeleteThing` was added"
            )]
        );
    }

    #[test]
    fn member_removed() {
        let new = edited(|m| {
            at(m, "/shapes/ex#PutThingInput/members")
                .as_object_mut()
                .expect("an object")
                .shift_remove("Secret");
        });
        assert_eq!(
            diff_models(&base(), &new),
            [change(
                Breaking,
                K::MemberRemoved,
                "PutThingInput$Secret",
                "member `Secret` was removed"
            )]
        );
    }

    #[test]
    fn member_added_is_breaking_only_when_callers_must_set_it() {
        let new = edited(|m| {
            let input = at(m, "/shapes/ex#PutThingInput/members");
            input["Note"] = json!({"target": "smithy.api#String"});
            input["Owner"] =
                json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}});
            // A required member with a default need not be set.
            input["Size"] = json!({
                "target": "smithy.api#Integer",
                "traits": {"smithy.api#required": {}, "smithy.api#default": 0}
            });
            at(m, "/shapes/ex#PutThingOutput/members")["Extra"] =
                json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::MemberAdded,
                    "PutThingInput$Owner",
                    "required member `Owner` was added; callers must now set it"
                ),
                change(
                    Compatible,
                    K::MemberAdded,
                    "PutThingInput$Note",
                    "member `Note` was added"
                ),
                change(
                    Compatible,
                    K::MemberAdded,
                    "PutThingInput$Size",
                    "member `Size` was added"
                ),
                change(
                    Compatible,
                    K::MemberAdded,
                    "PutThingOutput$Extra",
                    "member `Extra` was added"
                ),
            ]
        );
    }

    #[test]
    fn a_required_member_added_to_a_shared_input_type_is_breaking() {
        let new = edited(|m| {
            at(m, "/shapes/ex#Tag/members")["Scope"] =
                json!({"target": "smithy.api#String", "traits": {"smithy.api#required": {}}});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [change(
                Breaking,
                K::MemberAdded,
                "types::Tag$Scope",
                "required member `Scope` was added; callers must now set it"
            )]
        );
    }

    #[test]
    fn member_renamed_is_one_change() {
        let new =
            edited(|m| rename_key(at(m, "/shapes/ex#PutThingInput/members"), "Name", "Title"));
        assert_eq!(
            diff_models(&base(), &new),
            [change(
                Breaking,
                K::MemberRenamed,
                "PutThingInput$Name",
                "member `Name` was renamed to `Title`"
            )]
        );
        // Changes to the renamed member are still reported, under its new name.
        let new = edited(|m| {
            let members = at(m, "/shapes/ex#PutThingInput/members");
            rename_key(members, "Name", "Title");
            members["Title"]["traits"] = json!({});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::MemberRenamed,
                    "PutThingInput$Name",
                    "member `Name` was renamed to `Title`"
                ),
                change(
                    Compatible,
                    K::MemberBecameOptional,
                    "PutThingInput$Title",
                    "member `Title` is no longer required; builder setters are unchanged"
                ),
            ]
        );
    }

    #[test]
    fn a_member_replaced_by_one_of_another_type_is_not_a_rename() {
        let new = edited(|m| {
            let members = at(m, "/shapes/ex#PutThingInput/members");
            rename_key(members, "Secret", "Flag");
            members["Flag"] = json!({"target": "smithy.api#Boolean"});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::MemberRemoved,
                    "PutThingInput$Secret",
                    "member `Secret` was removed"
                ),
                change(
                    Compatible,
                    K::MemberAdded,
                    "PutThingInput$Flag",
                    "member `Flag` was added"
                ),
            ]
        );
    }

    #[test]
    fn member_became_required_in_input_and_output() {
        let new = edited(|m| {
            at(m, "/shapes/ex#PutThingInput/members/Secret")["traits"] =
                json!({"smithy.api#required": {}});
            at(m, "/shapes/ex#PutThingOutput/members/Thing")["traits"] =
                json!({"smithy.api#required": {}});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::MemberBecameRequired,
                    "PutThingInput$Secret",
                    "member `Secret` became required; callers must now set it"
                ),
                change(
                    Breaking,
                    K::MemberBecameRequired,
                    "PutThingOutput$Thing",
                    "member `Thing` became required; its field changes from Option<T> to T"
                ),
            ]
        );
    }

    #[test]
    fn member_became_optional_in_input_and_output() {
        let new = edited(|m| {
            at(m, "/shapes/ex#PutThingInput/members/Name")["traits"] = json!({});
            at(m, "/shapes/ex#PutThingOutput/members/Version")["traits"] = json!({});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::MemberBecameOptional,
                    "PutThingOutput$Version",
                    "member `Version` became optional; its field changes from T to Option<T>"
                ),
                change(
                    Compatible,
                    K::MemberBecameOptional,
                    "PutThingInput$Name",
                    "member `Name` is no longer required; builder setters are unchanged"
                ),
            ]
        );
    }

    #[test]
    fn target_changed() {
        let new = edited(|m| {
            at(m, "/shapes/ex#PutThingInput/members/Count")["target"] = json!("smithy.api#Long");
            at(m, "/shapes/ex#PutThingInput/members/At")["traits"] =
                json!({"smithy.api#timestampFormat": "date-time"});
            at(m, "/shapes/ex#TagList")["traits"]["smithy.api#sparse"] = json!({});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::TargetChanged,
                    "PutThingInput$At",
                    "timestamp format of `At` changed: default → date-time"
                ),
                change(
                    Breaking,
                    K::TargetChanged,
                    "PutThingInput$Count",
                    "target of `Count` changed: Integer → Long"
                ),
                change(
                    Breaking,
                    K::TargetChanged,
                    "PutThingInput$Tags",
                    "target of `Tags` changed: List<Structure Tag> → List<Option<Structure Tag>>"
                ),
            ]
        );
    }

    #[test]
    fn shape_type_changes_of_named_types() {
        let new = edited(|m| {
            at(m, "/shapes/ex#Tag")["type"] = json!("union");
            at(m, "/shapes/ex#Tag/members/Key")["traits"] = json!({});
            at(m, "/shapes/ex#Level")["type"] = json!("enum");
            for (name, value) in [("LOW", "1"), ("HIGH", "2")] {
                at(m, &format!("/shapes/ex#Level/members/{name}/traits"))["smithy.api#enumValue"] =
                    json!(value);
            }
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::TargetChanged,
                    "types::Level",
                    "`Level` changed from an int enum to a string enum"
                ),
                change(
                    Breaking,
                    K::TargetChanged,
                    "types::Tag",
                    "`Tag` changed from a structure to a union"
                ),
                change(
                    Breaking,
                    K::TargetChanged,
                    "types::Thing$Level",
                    "target of `Level` changed: IntEnum Level → Enum Level"
                ),
            ]
        );
    }

    #[test]
    fn enum_values_removed_and_added() {
        let new = edited(|m| {
            let mode = at(m, "/shapes/ex#Mode/members");
            mode.as_object_mut()
                .expect("an object")
                .shift_remove("SLOW");
            mode["MEDIUM"] = json!({
                "target": "smithy.api#Unit",
                "traits": {"smithy.api#enumValue": "medium"}
            });
            at(m, "/shapes/ex#Level/members")["TOP"] = json!({
                "target": "smithy.api#Unit",
                "traits": {"smithy.api#enumValue": 3}
            });
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::EnumValueRemoved,
                    "types::Mode$slow",
                    "value `slow` was removed"
                ),
                change(
                    Dangerous,
                    K::EnumValueAdded,
                    "types::Level$3",
                    "value `3` was added; clients built from the old model read it as `Unknown`"
                ),
                change(
                    Dangerous,
                    K::EnumValueAdded,
                    "types::Mode$medium",
                    "value `medium` was added; clients built from the old model read it as `Unknown`"
                ),
            ]
        );
    }

    #[test]
    fn errors_added_and_removed() {
        let new = edited(|m| {
            at(m, "/shapes/ex#PutThing")["errors"] = json!([{"target": "ex#Conflict"}]);
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::ErrorRemoved,
                    "PutThingError$NotFound",
                    "error `NotFound` was removed; its variant and `is_*` predicate disappear from the error enum"
                ),
                change(
                    Breaking,
                    K::TypeRemoved,
                    "types::error::NotFound",
                    "error `NotFound` was removed"
                ),
                change(
                    Dangerous,
                    K::ErrorAdded,
                    "PutThingError$Conflict",
                    "error `Conflict` was added: a new variant in the operation's error enum"
                ),
                change(
                    Compatible,
                    K::TypeAdded,
                    "types::error::Conflict",
                    "error `Conflict` was added"
                ),
            ]
        );
    }

    #[test]
    fn error_structure_members_are_compared() {
        let new = edited(|m| {
            at(m, "/shapes/ex#NotFound/members")["Resource"] =
                json!({"target": "smithy.api#String"});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [change(
                Compatible,
                K::MemberAdded,
                "types::error::NotFound$Resource",
                "member `Resource` was added"
            )]
        );
    }

    #[test]
    fn operation_http_changes() {
        let new = edited(|m| {
            at(m, "/shapes/ex#PutThing/traits")["smithy.api#http"] =
                json!({"method": "POST", "uri": "/v2/things/{Id}?op=put", "code": 201});
            at(m, "/shapes/ex#DeleteThing/traits")["smithy.api#http"]["code"] = json!(302);
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::HttpBindingChanged,
                    "operation DeleteThing",
                    "success code changed: 204 → 302"
                ),
                change(
                    Breaking,
                    K::HttpBindingChanged,
                    "operation PutThing",
                    "HTTP method changed: PUT → POST"
                ),
                change(
                    Breaking,
                    K::HttpBindingChanged,
                    "operation PutThing",
                    "URI changed: `/things/{Id}` → `/v2/things/{Id}?op=put`"
                ),
                change(
                    Compatible,
                    K::HttpBindingChanged,
                    "operation PutThing",
                    "success code changed: 200 → 201; shapegen clients accept any 2xx reply"
                ),
            ]
        );
    }

    #[test]
    fn member_binding_changes() {
        let new = edited(|m| {
            let members = at(m, "/shapes/ex#PutThingInput/members");
            members["Count"]["traits"] = json!({"smithy.api#httpQuery": "n"});
            members["Mode"]["traits"] = json!({});
            members["Secret"]["traits"] = json!({"smithy.api#jsonName": "secret"});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::HttpBindingChanged,
                    "PutThingInput$Count",
                    "binding of `Count` changed: query `count` → query `n`"
                ),
                change(
                    Breaking,
                    K::HttpBindingChanged,
                    "PutThingInput$Mode",
                    "binding of `Mode` changed: header `X-Mode` → body"
                ),
                change(
                    Breaking,
                    K::HttpBindingChanged,
                    "PutThingInput$Secret",
                    "JSON key of `Secret` changed: `Secret` → `secret`"
                ),
            ]
        );
    }

    #[test]
    fn constraints_tightened() {
        let new = edited(|m| {
            at(m, "/shapes/ex#ThingName/traits")["smithy.api#length"] =
                json!({"min": 3, "max": 64});
            at(m, "/shapes/ex#ThingId/traits")["smithy.api#pattern"] = json!("^[a-z0-9]+$");
            at(m, "/shapes/ex#Label/traits")["smithy.api#length"] = json!({"min": 1, "max": 4});
            at(m, "/shapes/ex#Secret/traits")["smithy.api#pattern"] = json!("^\\S+$");
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Dangerous,
                    K::ConstraintTightened,
                    "DeleteThingInput$Id",
                    "pattern of `Id` changed: `^[a-z]+$` → `^[a-z0-9]+$`"
                ),
                change(
                    Dangerous,
                    K::ConstraintTightened,
                    "PutThingInput$Id",
                    "pattern of `Id` changed: `^[a-z]+$` → `^[a-z0-9]+$`"
                ),
                change(
                    Dangerous,
                    K::ConstraintTightened,
                    "PutThingInput$Labels",
                    "length of elements of `Labels` tightened: 1..8 → 1..4"
                ),
                change(
                    Dangerous,
                    K::ConstraintTightened,
                    "PutThingInput$Name",
                    "length of `Name` tightened: 2..64 → 3..64"
                ),
                change(
                    Dangerous,
                    K::ConstraintTightened,
                    "PutThingInput$Secret",
                    "pattern of `Secret` added: `^\\S+$`"
                ),
                // `Thing` only comes back in `PutThingOutput`: replies are never validated.
                change(
                    Compatible,
                    K::ConstraintTightened,
                    "types::Thing$Name",
                    "length of `Name` tightened: 2..64 → 3..64 (received only, never validated)"
                ),
            ]
        );
    }

    #[test]
    fn constraints_relaxed() {
        let new = edited(|m| {
            at(m, "/shapes/ex#TagKey/traits")["smithy.api#length"] = json!({"min": 1, "max": 256});
            at(m, "/shapes/ex#TagList")["traits"] = json!({});
            at(m, "/shapes/ex#Count/traits")["smithy.api#range"] = json!({"max": 100});
            at(m, "/shapes/ex#ThingId")["traits"] = json!({});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Compatible,
                    K::ConstraintRelaxed,
                    "DeleteThingInput$Id",
                    "pattern of `Id` removed: `^[a-z]+$`"
                ),
                change(
                    Compatible,
                    K::ConstraintRelaxed,
                    "PutThingInput$Count",
                    "range of `Count` relaxed: 1..100 → ..100"
                ),
                change(
                    Compatible,
                    K::ConstraintRelaxed,
                    "PutThingInput$Id",
                    "pattern of `Id` removed: `^[a-z]+$`"
                ),
                change(
                    Compatible,
                    K::ConstraintRelaxed,
                    "PutThingInput$Tags",
                    "length of `Tags` relaxed: 1..10 → none"
                ),
                change(
                    Compatible,
                    K::ConstraintRelaxed,
                    "types::Tag$Key",
                    "length of `Key` relaxed: 1..128 → 1..256"
                ),
            ]
        );
    }

    #[test]
    fn bounds_edge_cases() {
        // A missing length minimum is 0; a shifted window counts as tightened.
        let new = edited(|m| {
            at(m, "/shapes/ex#Label/traits")["smithy.api#length"] = json!({"min": 0, "max": 8});
            at(m, "/shapes/ex#ThingName/traits")["smithy.api#length"] =
                json!({"min": 3, "max": 128});
        });
        let old = edited(|m| {
            at(m, "/shapes/ex#Label/traits")["smithy.api#length"] = json!({"max": 8});
        });
        assert_eq!(
            diff_models(&old, &new),
            [
                change(
                    Dangerous,
                    K::ConstraintTightened,
                    "PutThingInput$Name",
                    "length of `Name` tightened: 2..64 → 3..128"
                ),
                change(
                    Compatible,
                    K::ConstraintTightened,
                    "types::Thing$Name",
                    "length of `Name` tightened: 2..64 → 3..128 (received only, never validated)"
                ),
            ]
        );
    }

    #[test]
    fn sensitive_removed_and_added() {
        let new = edited(|m| {
            at(m, "/shapes/ex#Secret")["traits"] = json!({});
            at(m, "/shapes/ex#TagKey/traits")["smithy.api#sensitive"] = json!({});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Dangerous,
                    K::SensitiveRemoved,
                    "PutThingInput$Secret",
                    "`Secret` is no longer sensitive; its values will now appear in Debug output and logs"
                ),
                change(
                    Compatible,
                    K::SensitiveAdded,
                    "types::Tag$Key",
                    "`Key` is now sensitive; its values are redacted in Debug output"
                ),
            ]
        );
    }

    #[test]
    fn types_added_and_removed() {
        let new = edited(|m| {
            at(m, "/shapes/ex#Thing/members")
                .as_object_mut()
                .expect("an object")
                .shift_remove("Choice");
            at(m, "/shapes/ex#PutThingOutput/members")["Owner"] = json!({"target": "ex#Owner"});
            at(m, "/shapes")["ex#Owner"] = json!({
                "type": "structure",
                "members": {"Name": {"target": "smithy.api#String"}}
            });
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::TypeRemoved,
                    "types::Choice",
                    "union `Choice` was removed"
                ),
                change(
                    Breaking,
                    K::MemberRemoved,
                    "types::Thing$Choice",
                    "member `Choice` was removed"
                ),
                change(
                    Compatible,
                    K::MemberAdded,
                    "PutThingOutput$Owner",
                    "member `Owner` was added"
                ),
                change(
                    Compatible,
                    K::TypeAdded,
                    "types::Owner",
                    "structure `Owner` was added"
                ),
            ]
        );
    }

    #[test]
    fn union_variants() {
        let new = edited(|m| {
            let choice = at(m, "/shapes/ex#Choice/members");
            choice.as_object_mut().expect("an object").shift_remove("B");
            choice["C"] = json!({"target": "smithy.api#Boolean"});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::MemberRemoved,
                    "types::Choice$B",
                    "variant `B` was removed"
                ),
                change(
                    Dangerous,
                    K::MemberAdded,
                    "types::Choice$C",
                    "variant `C` was added; clients built from the old model read it as `Unknown`"
                ),
            ]
        );
    }

    #[test]
    fn a_shared_type_is_reported_once() {
        // `types::Thing` is now reached from both operations' outputs.
        let new = edited(|m| {
            at(m, "/shapes/ex#Thing/members/Level")["target"] = json!("ex#Mode");
            at(m, "/shapes/ex#DeleteThing")["output"] = json!({"target": "ex#PutThingOutput"});
        });
        assert_eq!(
            diff_models(&base(), &new),
            [
                change(
                    Breaking,
                    K::TypeRemoved,
                    "types::Level",
                    "int enum `Level` was removed"
                ),
                change(
                    Breaking,
                    K::TargetChanged,
                    "types::Thing$Level",
                    "target of `Level` changed: IntEnum Level → Enum Mode"
                ),
                change(
                    Compatible,
                    K::MemberAdded,
                    "DeleteThingOutput$Thing",
                    "member `Thing` was added"
                ),
                change(
                    Compatible,
                    K::MemberAdded,
                    "DeleteThingOutput$Version",
                    "member `Version` was added"
                ),
            ]
        );
    }

    #[test]
    fn namespaces_do_not_matter() {
        let moved: Value = serde_json::from_str(
            &serde_json::to_string(&base())
                .expect("a JSON value serializes")
                .replace("\"ex#", "\"other.ns#"),
        )
        .expect("still JSON");
        assert_eq!(diff_models(&base(), &moved), []);
    }

    #[test]
    fn json_and_display_formats() {
        let c = change(
            Breaking,
            K::MemberRemoved,
            "BatchCreateAttendeeInput$Attendees",
            "member `Attendees` was removed",
        );
        assert_eq!(
            c.to_json(),
            json!({
                "severity": "breaking",
                "kind": "member-removed",
                "path": "BatchCreateAttendeeInput$Attendees",
                "message": "member `Attendees` was removed"
            })
        );
        assert_eq!(
            c.to_string(),
            "breaking    member-removed          BatchCreateAttendeeInput$Attendees: member `Attendees` was removed"
        );
        let c = change(
            Compatible,
            K::MemberBecameOptional,
            "X$Y",
            "member `Y` is no longer required",
        );
        assert_eq!(
            c.to_string(),
            "compatible  member-became-optional  X$Y: member `Y` is no longer required"
        );
        assert_eq!(
            c.to_json().to_string(),
            r#"{"severity":"compatible","kind":"member-became-optional","path":"X$Y","message":"member `Y` is no longer required"}"#
        );
        assert_eq!(Severity::Dangerous.to_string(), "dangerous");
        assert_eq!(K::HttpBindingChanged.to_string(), "http-binding-changed");
        assert!(Breaking > Dangerous && Dangerous > Compatible);
        assert!(has_breaking(&[
            c.clone(),
            change(Breaking, K::TypeRemoved, "a", "b")
        ]));
        assert!(!has_breaking(&[c]));
        assert!(!has_breaking(&[]));
    }

    fn chime_spec() -> Vec<u8> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/chime.json");
        std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn our_chime_spec_with_several_changes() {
        let old: Value = serde_json::from_slice(&chime_spec()).expect("spec/chime.json is JSON");
        let mut new = old.clone();
        let ns = "/shapes/com.amazonaws.chime#";
        at(&mut new, &format!("{ns}BatchCreateAttendee/traits"))["smithy.api#http"]["code"] =
            json!(200);
        at(&mut new, &format!("{ns}BatchCreateAttendee/errors"))
            .as_array_mut()
            .expect("a list")
            .retain(|e| e["target"] != "com.amazonaws.chime#ThrottledClientException");
        at(
            &mut new,
            &format!("{ns}CreateAttendeeRequestItemList/traits"),
        )["smithy.api#length"] = json!({"min": 1, "max": 50});
        at(&mut new, &format!("{ns}TagKey/traits"))
            .as_object_mut()
            .expect("an object")
            .shift_remove("smithy.api#sensitive");
        at(&mut new, &format!("{ns}Attendee/members"))
            .as_object_mut()
            .expect("an object")
            .shift_remove("JoinToken");
        at(&mut new, &format!("{ns}ErrorCode/members"))["Gone"] = json!({
            "target": "smithy.api#Unit",
            "traits": {"smithy.api#enumValue": "Gone"}
        });
        rename_key(
            at(&mut new, &format!("{ns}CreateAttendeeError/members")),
            "ErrorMessage",
            "Message",
        );
        let changes = diff(
            &crate::resolve(&chime_spec(), "old.json", &Settings::new())
                .expect("spec resolves")
                .ir,
            &resolve_with(&new, &Settings::new()),
        );
        assert_eq!(
            changes,
            [
                change(
                    Breaking,
                    K::ErrorRemoved,
                    "BatchCreateAttendeeError$ThrottledClientException",
                    "error `ThrottledClientException` was removed; its variant and `is_*` predicate disappear from the error enum"
                ),
                change(
                    Breaking,
                    K::MemberRemoved,
                    "types::Attendee$JoinToken",
                    "member `JoinToken` was removed"
                ),
                change(
                    Breaking,
                    K::MemberRenamed,
                    "types::CreateAttendeeError$ErrorMessage",
                    "member `ErrorMessage` was renamed to `Message`"
                ),
                change(
                    Breaking,
                    K::TypeRemoved,
                    "types::error::ThrottledClientException",
                    "error `ThrottledClientException` was removed"
                ),
                change(
                    Dangerous,
                    K::ConstraintTightened,
                    "BatchCreateAttendeeInput$Attendees",
                    "length of `Attendees` tightened: 1..100 → 1..50"
                ),
                change(
                    Dangerous,
                    K::EnumValueAdded,
                    "types::ErrorCode$Gone",
                    "value `Gone` was added; clients built from the old model read it as `Unknown`"
                ),
                change(
                    Dangerous,
                    K::SensitiveRemoved,
                    "types::Tag$Key",
                    "`Key` is no longer sensitive; its values will now appear in Debug output and logs"
                ),
                change(
                    Compatible,
                    K::HttpBindingChanged,
                    "operation BatchCreateAttendee",
                    "success code changed: 201 → 200; shapegen clients accept any 2xx reply"
                ),
            ]
        );
        assert!(has_breaking(&changes));
    }

    /// The real legacy Chime and Chime SDK Meetings models (`../shared`), compared on
    /// `BatchCreateAttendee` (facts: `../shared/models/batch-create-attendee-facts.md`, C).
    #[test]
    fn legacy_chime_vs_chime_sdk_meetings() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/models/smithy");
        let read = |name: &str| std::fs::read(format!("{dir}/{name}")).ok();
        let (Some(legacy), Some(meetings)) = (read("chime.json"), read("chime-sdk-meetings.json"))
        else {
            assert!(
                std::env::var("SHAPEGEN_REQUIRE_SHARED").as_deref() != Ok("1"),
                "SHAPEGEN_REQUIRE_SHARED=1 but {dir} lacks chime.json or chime-sdk-meetings.json"
            );
            eprintln!("skipped: {dir} lacks chime.json or chime-sdk-meetings.json");
            return;
        };
        let settings = Settings::new().operations(["BatchCreateAttendee"]);
        let resolve = |bytes: &[u8], file: &str| {
            crate::resolve(bytes, file, &settings)
                .unwrap_or_else(|d| panic!("{d}"))
                .ir
        };
        let changes = diff(
            &resolve(&legacy, "chime.json"),
            &resolve(&meetings, "chime-sdk-meetings.json"),
        );
        for c in &changes {
            eprintln!("{c}");
        }
        let has = |severity: Severity, kind: ChangeKind, path: &str| {
            changes
                .iter()
                .any(|c| c.severity == severity && c.kind == kind && c.path == path)
        };
        let op = "BatchCreateAttendeeError$";
        assert!(changes.contains(&change(
            Compatible,
            K::HttpBindingChanged,
            "operation BatchCreateAttendee",
            "success code changed: 201 → 200; shapegen clients accept any 2xx reply"
        )));
        for removed in [
            "ResourceLimitExceededException",
            "ThrottledClientException",
            "UnauthorizedClientException",
        ] {
            assert!(
                has(Breaking, K::ErrorRemoved, &format!("{op}{removed}")),
                "{removed}"
            );
            assert!(has(
                Breaking,
                K::TypeRemoved,
                &format!("types::error::{removed}")
            ));
        }
        for added in [
            "LimitExceededException",
            "ThrottlingException",
            "UnauthorizedException",
            "UnprocessableEntityException",
        ] {
            assert!(
                has(Dangerous, K::ErrorAdded, &format!("{op}{added}")),
                "{added}"
            );
            assert!(has(
                Compatible,
                K::TypeAdded,
                &format!("types::error::{added}")
            ));
        }
        // Same position, different target type: not a rename.
        assert!(has(
            Breaking,
            K::MemberRemoved,
            "types::CreateAttendeeRequestItem$Tags"
        ));
        assert!(has(
            Compatible,
            K::MemberAdded,
            "types::CreateAttendeeRequestItem$Capabilities"
        ));
        assert!(!changes.iter().any(|c| c.kind == K::MemberRenamed));
        assert!(changes.contains(&change(
            Dangerous,
            K::ConstraintTightened,
            "BatchCreateAttendeeInput$Attendees",
            "length of `Attendees` tightened: none → 1..100"
        )));
        assert!(has(Breaking, K::TypeRemoved, "types::Tag"));
        assert!(has(Compatible, K::TypeAdded, "types::AttendeeCapabilities"));
        assert!(has(Compatible, K::TypeAdded, "types::MediaCapabilities"));
        // The unchanged parts: the URI, the label and the sensitive user id.
        assert!(
            !changes
                .iter()
                .any(|c| c.path == "BatchCreateAttendeeInput$MeetingId")
        );
        assert!(
            !changes
                .iter()
                .any(|c| c.path == "types::CreateAttendeeRequestItem$ExternalUserId")
        );
        assert!(has_breaking(&changes));
    }
}
