//! What generated code tells the runtime about its service and operations, as statics.

use crate::endpoint::{LazyResolver, ParamValue};
use crate::protocol::Protocol;

/// Static facts about a service, generated from its model.
#[derive(Debug)]
pub struct ServiceSpec {
    /// The service's shape id.
    pub id: &'static str,
    /// Its title, for logs.
    pub title: &'static str,
    /// The API version.
    pub version: &'static str,
    /// Host prefix of the default endpoints when the model has no endpoint rules.
    pub endpoint_prefix: &'static str,
    /// SigV4 signing name; `None` for unsigned services.
    pub signing_name: Option<&'static str>,
    /// The wire protocol.
    pub protocol: Protocol,
    /// The model's endpoint rule set (`smithy.rules#endpointRuleSet`), if it has one.
    pub endpoint_rules: Option<&'static LazyResolver>,
}

/// Static facts about an operation, generated from its model.
#[derive(Debug)]
pub struct OperationSpec {
    /// The operation's name, for logs.
    pub name: &'static str,
    /// Its modeled errors and what the model says about retrying them.
    pub errors: &'static [ErrorSpec],
    /// Endpoint parameters the model fixes for this operation (`staticContextParams`).
    pub static_params: &'static [(&'static str, StaticParam)],
    /// Whether requests are signed (`false` for `smithy.api#auth: []` and `optionalAuth`).
    pub signed: bool,
}

/// A modeled error of an operation.
#[derive(Debug)]
pub struct ErrorSpec {
    /// The code the service sends for it.
    pub code: &'static str,
    /// `smithy.api#retryable`.
    pub retryable: bool,
    /// `smithy.api#retryable(throttling: true)`, or HTTP 429.
    pub throttling: bool,
}

impl OperationSpec {
    /// The modeled error with this code, if any.
    pub(crate) fn error(&self, code: &str) -> Option<&ErrorSpec> {
        self.errors.iter().find(|error| error.code == code)
    }
}

/// A constant endpoint parameter value (a [`ParamValue`] that can live in a `static`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaticParam {
    /// A boolean.
    Bool(bool),
    /// A string.
    String(&'static str),
    /// A list of strings.
    StringArray(&'static [&'static str]),
}

impl StaticParam {
    /// The parameter value.
    pub fn value(&self) -> ParamValue {
        match self {
            StaticParam::Bool(value) => ParamValue::Bool(*value),
            StaticParam::String(value) => ParamValue::String((*value).to_owned()),
            StaticParam::StringArray(values) => {
                ParamValue::StringArray(values.iter().map(|v| (*v).to_owned()).collect())
            }
        }
    }
}
