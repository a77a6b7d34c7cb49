//! Phase 5: a reply classified once, success or error, before retries are decided and before
//! generated code reads it.

use super::HttpResponse;
use super::spec::{OperationSpec, ServiceSpec};
use crate::error::ErrorMetadata;
use crate::retry;

/// A reply from the service, as generated code receives it.
#[derive(Debug)]
pub enum Reply {
    /// A 2xx reply: generated code reads the output from it.
    Success(HttpResponse),
    /// An error reply, with its code, message, request id and retry class already read.
    Error {
        /// The whole reply (generated code reads the error's members from it).
        response: HttpResponse,
        /// What the reply says of the error.
        meta: ErrorMetadata,
    },
}

impl Reply {
    /// Classifies `response` for `operation` of `service`.
    pub(crate) fn classify(
        service: &ServiceSpec,
        operation: &OperationSpec,
        response: HttpResponse,
    ) -> Self {
        if response.status().is_success() {
            return Reply::Success(response);
        }
        let meta = service.protocol.error_metadata(
            response.status().as_u16(),
            response.headers(),
            response.body(),
        );
        let modeled = meta.code().and_then(|code| operation.error(code));
        let (retryable, throttling) = retry::classify(&meta, modeled);
        Reply::Error {
            response,
            meta: meta.with_retry_class(retryable, throttling),
        }
    }
}
