//! Wire protocols at runtime. Generated code builds requests and reads bodies for its
//! protocol; the runtime needs only to know, for the protocol of a service, how an error reply
//! names its error (so a reply is classified once, before retries are decided and before
//! generated code picks the error variant).
//!
//! | protocol | requests | error code from |
//! |---|---|---|
//! | `restJson1` | HTTP bindings ([`http_binding`]), JSON body | `x-amzn-errortype`, body `code`, `__type` |
//! | `awsJson1_0` / `awsJson1_1` | `POST /`, `X-Amz-Target`, whole input as JSON ([`aws_json`]) | the same, or `x-amzn-query-error` for query-compatible services |

pub mod aws_json;
mod error_code;
pub mod http_binding;

use http::HeaderMap;

use crate::error::ErrorMetadata;

pub use error_code::request_id;

/// The protocol a service speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Protocol {
    /// `aws.protocols#restJson1`.
    RestJson1,
    /// `aws.protocols#awsJson1_0` or `awsJson1_1`.
    AwsJson {
        /// `1.0` or `1.1` (only the content type differs).
        version: AwsJsonVersion,
        /// `aws.protocols#awsQueryCompatible`: error codes of the service's awsQuery past.
        query_compatible: bool,
    },
}

/// The two versions of awsJson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AwsJsonVersion {
    /// `application/x-amz-json-1.0`.
    V1_0,
    /// `application/x-amz-json-1.1`.
    V1_1,
}

impl Protocol {
    /// The code, message and request id of an error reply.
    pub fn error_metadata(&self, status: u16, headers: &HeaderMap, body: &[u8]) -> ErrorMetadata {
        match self {
            Protocol::RestJson1 => error_code::json_error_metadata(status, headers, body, false),
            Protocol::AwsJson {
                query_compatible, ..
            } => error_code::json_error_metadata(status, headers, body, *query_compatible),
        }
    }
}
