//! The values expressions evaluate to.

use std::collections::HashMap;

use super::params::ParamValue;
use crate::types::Document;

/// A rules-engine value. `None` is the empty optional: an unset parameter, a function that
/// found nothing (`parseURL` of a URL with a query), an index past the end of an array.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    None,
    Bool(bool),
    Int(i64),
    String(String),
    Array(Vec<Value>),
    /// A record (`parseURL`, `aws.partition`, `aws.parseArn` results, record literals).
    Record(Vec<(String, Value)>),
}

impl Value {
    /// The name of this value's type, for error messages.
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Value::None => "none",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Record(_) => "a record",
        }
    }

    /// A condition holds unless its value is `None` or `false`.
    pub(crate) fn is_truthy(&self) -> bool {
        !matches!(self, Value::None | Value::Bool(false))
    }

    /// The member `key` of a record.
    pub(crate) fn field(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Record(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// This value as an endpoint property: `None` becomes `null`.
    pub(crate) fn to_document(&self) -> Document {
        match self {
            Value::None => Document::Null,
            Value::Bool(b) => Document::Bool(*b),
            Value::Int(i) => Document::from(*i),
            Value::String(s) => Document::String(s.clone()),
            Value::Array(items) => Document::Array(items.iter().map(Value::to_document).collect()),
            Value::Record(fields) => Document::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_document()))
                    .collect::<HashMap<_, _>>(),
            ),
        }
    }
}

impl From<&ParamValue> for Value {
    fn from(value: &ParamValue) -> Self {
        match value {
            ParamValue::String(s) => Value::String(s.clone()),
            ParamValue::Bool(b) => Value::Bool(*b),
            ParamValue::StringArray(items) => {
                Value::Array(items.iter().cloned().map(Value::String).collect())
            }
        }
    }
}
