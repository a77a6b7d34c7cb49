//! Amazon Chime's restJson1 responses: service errors and JSON bodies.

use bytes::Bytes;
use http::{HeaderName, HeaderValue, Response, StatusCode, header};
use http_body_util::Full;

use crate::server::FullResponse;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-amzn-requestid");
const ERROR_TYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");

/// A whole-request failure, rendered as Chime renders it: status, `x-amzn-ErrorType` and a
/// `{"Code": …, "Message": …}` body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ServiceError {
    status: StatusCode,
    error_type: &'static str,
    code: &'static str,
    message: String,
}

impl ServiceError {
    /// `400 BadRequestException`: the input is malformed or invalid.
    pub(crate) fn bad_request(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "BadRequest",
            message,
        )
    }

    /// `401 UnauthorizedClientException`: the request carries no credentials.
    pub(crate) fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "UnauthorizedClientException",
            "Unauthorized",
            message,
        )
    }

    /// `403 ForbiddenException`: the credentials or signature are not accepted.
    pub(crate) fn forbidden(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "ForbiddenException",
            "Forbidden",
            message,
        )
    }

    /// `404 NotFoundException`, with the Coral namespace suffix the service sends.
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "NotFoundException:http://internal.amazon.com/coral/com.amazonaws.chime/",
            "NotFound",
            message,
        )
    }

    fn new(
        status: StatusCode,
        error_type: &'static str,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self {
            status,
            error_type,
            code,
            message: message.into(),
        }
    }

    /// The `Code` of the body, e.g. `BadRequest`.
    #[cfg(test)]
    pub(crate) fn code(&self) -> &'static str {
        self.code
    }

    /// The `Message` of the body.
    #[cfg(test)]
    pub(crate) fn message(&self) -> &str {
        &self.message
    }

    /// The HTTP response for this error.
    pub(crate) fn into_response(self, request_id: &str) -> FullResponse {
        let body = serde_json::json!({ "Code": self.code, "Message": self.message });
        let mut response = json_response(self.status, request_id, &body);
        response
            .headers_mut()
            .insert(ERROR_TYPE, HeaderValue::from_static(self.error_type));
        response
    }
}

/// A JSON response with `content-type: application/json` and `x-amzn-RequestId`.
pub(crate) fn json_response(
    status: StatusCode,
    request_id: &str,
    body: &serde_json::Value,
) -> FullResponse {
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(request_id) = HeaderValue::from_str(request_id) {
        headers.insert(REQUEST_ID, request_id);
    }
    response
}
