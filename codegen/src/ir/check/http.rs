//! HTTP binding rules: URI labels and `httpLabel` members match one to one, each binding
//! trait sits on a member of a type it can carry, and host-prefix labels are closed and bound
//! to string `hostLabel` members.

use crate::diagnostics::{Diagnostic, JsonPath};
use crate::model::traits;

/// A rule an operation's HTTP bindings break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HttpFinding {
    /// A URI path segment holds `{` or `}` without being a whole `{Label}`; resolution keeps it
    /// as literal text.
    SplitLabel { path: JsonPath, segment: String },
    /// A URI label has no input member of that name bound with `httpLabel`; resolution drops
    /// the operation's HTTP binding.
    UnboundLabel { path: JsonPath, label: String },
    /// An `httpLabel` input member has no label in the URI; resolution drops the operation's
    /// HTTP binding.
    LabelNotInUri { path: JsonPath, member: String },
    /// A member's binding trait does not fit the member's type (`path` is the trait's);
    /// resolution leaves the member out.
    BindingType {
        path: JsonPath,
        binding: BindingTrait,
    },
    /// A host prefix with an unclosed `{`; resolution drops the host prefix.
    UnclosedHostLabel { path: JsonPath, prefix: String },
    /// A host-prefix label with no string `hostLabel` input member; resolution drops the host
    /// prefix.
    UnboundHostLabel { path: JsonPath, label: String },
}

pub(super) fn report(finding: &HttpFinding) -> Diagnostic {
    match finding {
        HttpFinding::SplitLabel { path, segment } => Diagnostic::at(
            path.clone(),
            format!("`{segment}`: a label must be a whole path segment like `{{Name}}`"),
        ),
        HttpFinding::UnboundLabel { path, label } => Diagnostic::at(
            path.clone(),
            format!(
                "label `{{{label}}}` has no input member named `{label}` with the \
                 `smithy.api#httpLabel` trait"
            ),
        ),
        HttpFinding::LabelNotInUri { path, member } => Diagnostic::at(
            path.clone(),
            format!("input member `{member}` is an `httpLabel` but the URI has no `{{{member}}}`"),
        ),
        HttpFinding::BindingType { path, binding } => Diagnostic::at(
            path.clone(),
            format!("`{}` {}", binding.trait_id(), binding.needs()),
        ),
        HttpFinding::UnclosedHostLabel { path, prefix } => Diagnostic::at(
            path.clone(),
            format!("unclosed `{{` in host prefix `{prefix}`"),
        ),
        HttpFinding::UnboundHostLabel { path, label } => Diagnostic::at(
            path.clone(),
            format!(
                "host label `{{{label}}}` has no string input member `{label}` with the \
                 `smithy.api#hostLabel` trait"
            ),
        ),
    }
}

/// A trait binding a member to part of an HTTP message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BindingTrait {
    Label,
    Query,
    Header,
    PrefixHeaders,
    QueryParams,
    Payload,
    ResponseCode,
}

impl BindingTrait {
    /// The trait's shape id.
    pub(crate) fn trait_id(self) -> &'static str {
        match self {
            Self::Label => traits::HTTP_LABEL,
            Self::Query => traits::HTTP_QUERY,
            Self::Header => traits::HTTP_HEADER,
            Self::PrefixHeaders => traits::HTTP_PREFIX_HEADERS,
            Self::QueryParams => traits::HTTP_QUERY_PARAMS,
            Self::Payload => traits::HTTP_PAYLOAD,
            Self::ResponseCode => traits::HTTP_RESPONSE_CODE,
        }
    }

    /// What a member bound with this trait must be.
    fn needs(self) -> &'static str {
        match self {
            Self::Label => "needs a scalar member (string, number, boolean, enum, timestamp)",
            Self::Query | Self::Header => "needs a scalar member or a list of scalars",
            Self::PrefixHeaders => "needs a map of strings",
            Self::QueryParams => "needs a map of strings or lists of strings",
            Self::Payload => "needs a string, blob, enum, document, structure or union member",
            Self::ResponseCode => "needs an integer member",
        }
    }
}
