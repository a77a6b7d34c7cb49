//! A resolved endpoint.

use std::collections::{BTreeMap, HashMap};

use crate::types::Document;

/// The endpoint a rule set resolved to: the URL to send to, headers to add, and properties
/// such as `authSchemes` (how to sign).
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub(crate) url: String,
    pub(crate) headers: BTreeMap<String, Vec<String>>,
    pub(crate) properties: HashMap<String, Document>,
}

impl Endpoint {
    /// The URL, e.g. `https://s3.us-west-2.amazonaws.com/bucket` (it may carry a path).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers to send with the request, each with its values in order.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// Every property of the endpoint.
    pub fn properties(&self) -> &HashMap<String, Document> {
        &self.properties
    }

    /// The property `name`, if the endpoint has it.
    pub fn property(&self, name: &str) -> Option<&Document> {
        self.properties.get(name)
    }

    /// The `authSchemes` property: objects with a `name` (`sigv4`, `sigv4a`, ...) and signing
    /// properties such as `signingName` and `signingRegion`, in order of preference. Empty when
    /// the endpoint has none.
    pub fn auth_schemes(&self) -> &[Document] {
        match self.properties.get("authSchemes") {
            Some(Document::Array(schemes)) => schemes,
            _ => &[],
        }
    }
}
