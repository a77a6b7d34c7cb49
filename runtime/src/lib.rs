//! # shapegen
//!
//! Typed, validated clients for Smithy restJson1 APIs (such as AWS services), generated at
//! compile time from the service's JSON model.
//!
//! ```no_run
//! mod chime {
//!     shapegen::generate! {
//!         spec: "../spec/chime.json", // relative to the directory of your Cargo.toml
//!         operations: [BatchCreateAttendee],
//!     }
//! }
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let config = shapegen::Config::builder()
//!     .region("us-east-1")
//!     .credentials(shapegen::Credentials::from_env()?)
//!     .build()?;
//! let client = chime::Client::new(config);
//! let output = client
//!     .batch_create_attendee()
//!     .meeting_id("2f4b5e2c-0d6e-4c0e-9a59-6a4d1d8f6e11")
//!     .attendees(chime::types::CreateAttendeeRequestItem::builder().external_user_id("ada").build()?)
//!     .send()
//!     .await?;
//! # let _ = output;
//! # Ok(())
//! # }
//! ```
//!
//! This crate is what generated code runs on: [`Config`], [`Credentials`], the [`Error`] type
//! every operation returns, validation errors, and the [`HttpClient`] transport (hyper with
//! rustls by default), SigV4 signing, retries and timeouts. The [`credentials`] module finds
//! credentials where the AWS SDKs look (environment, web identity, profile files, SSO,
//! container and EC2 instance metadata), and [`region`] the region.

mod config;
pub mod credentials;
pub mod endpoint;
mod error;
mod http_value;
#[doc(hidden)]
pub mod json;
mod orchestrator;
mod paginator;
mod protocol;
pub mod region;
mod request;
mod retry;
mod sign;
mod transport;
mod types;
mod validation;

pub use config::{Config, ConfigBuilder, ConfigError, ConfigOverride};
pub use credentials::Credentials;
pub use error::{
    BuildError, ConstructionError, DisplayChain, Error, ErrorMetadata, OperationError, ParseError,
    ResponseError, ServiceError, TimeoutError, TimeoutKind, TransportError, TransportErrorKind,
    Unhandled,
};
pub use paginator::{Items, PageToken, Paginator};
pub use retry::{RetryConfig, RetryQuota};
/// Generates a client from a Smithy JSON AST model; see the crate documentation.
pub use shapegen_macros::generate;
pub use transport::{HttpClient, HttpFuture, HyperClient, ResponseLimits};
pub use types::{
    BigDecimal, BigInteger, Blob, DateTime, DateTimeError, Document, Number, TimestampFormat,
    UnknownValue,
};
pub use validation::{ValidationError, Violation, ViolationKind};

/// What generated code uses. Not a public API: it changes with the generator, which is
/// version-locked to this crate.
#[doc(hidden)]
pub mod __private {
    pub use crate::endpoint::{LazyResolver, ParamValue};
    pub use crate::http_value::HttpValue;
    pub use crate::json;
    pub use crate::orchestrator::{
        ErrorSpec, Handle, HttpResponse, OperationSpec, Reply, ServiceSpec, StaticParam,
    };
    pub use crate::protocol::{AwsJsonVersion, Protocol, aws_json, http_binding, request_id};
    pub use crate::request::HttpRequest;
    pub use crate::validation::{Path, Pattern, Validate, Violations};
    pub use http;

    pub use crate::error::{ParseError, SendError};

    /// The type of the private field every generated structure has, so that code outside the
    /// generated modules builds them with their builders (and keeps compiling when the model
    /// adds a member).
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub struct Sealed;

    /// Formats `Code: message (HTTP status, request id …)`.
    pub fn fmt_service_error(
        f: &mut std::fmt::Formatter<'_>,
        error: &dyn crate::OperationError,
    ) -> std::fmt::Result {
        crate::error::fmt_operation_error(f, error)
    }
}
