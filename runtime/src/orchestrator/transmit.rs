//! Phase 4: the request as sent, and one attempt at sending it.

use std::time::Duration;

use bytes::Bytes;
use http::HeaderValue;
use http::header::{CONTENT_LENGTH, HOST, USER_AGENT};

use super::HttpResponse;
use super::endpoint::ResolvedEndpoint;
use crate::error::{ConstructionError, SendError, TimeoutError, TimeoutKind, TransportErrorKind};
use crate::request::HttpRequest;
use crate::transport::{HttpClient, ResponseLimits};

const USER_AGENT_VALUE: &str = concat!("shapegen/", env!("CARGO_PKG_VERSION"));

/// The request every attempt sends (before signing): the serialized request placed at the
/// endpoint, with the headers the endpoint and HTTP ask for.
#[derive(Debug)]
pub(crate) struct Prepared {
    method: http::Method,
    uri: http::Uri,
    headers: http::HeaderMap,
    body: Bytes,
}

impl Prepared {
    /// Places `request` at `endpoint` (with its host prefix, unless `host_prefix` is off).
    pub(crate) fn new(
        request: HttpRequest,
        endpoint: &ResolvedEndpoint,
        host_prefix: bool,
    ) -> Result<Self, ConstructionError> {
        let invalid = |error: &dyn std::fmt::Display| {
            ConstructionError::new(format!("the request URI is invalid: {error}"))
        };
        let (authority, host) = match &request.host_prefix {
            Some(prefix) if host_prefix => {
                let prefixed = format!("{prefix}{}", endpoint.authority);
                let host = HeaderValue::from_str(&prefixed).map_err(|error| invalid(&error))?;
                let authority =
                    http::uri::Authority::try_from(prefixed).map_err(|error| invalid(&error))?;
                (authority, host)
            }
            _ => (endpoint.authority.clone(), endpoint.host.clone()),
        };
        let path_and_query = if endpoint.path.is_empty() {
            http::uri::PathAndQuery::try_from(request.path_and_query)
        } else {
            http::uri::PathAndQuery::try_from(format!(
                "{}{}",
                endpoint.path, request.path_and_query
            ))
        }
        .map_err(|error| invalid(&error))?;
        let uri = http::Uri::builder()
            .scheme(endpoint.scheme.clone())
            .authority(authority)
            .path_and_query(path_and_query)
            .build()
            .map_err(|error| invalid(&error))?;
        let mut headers = request.headers;
        for (name, value) in &endpoint.headers {
            headers.append(name.clone(), value.clone());
        }
        headers.insert(HOST, host);
        headers.insert(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE));
        // HTTP stacks add this too, but it belongs to the request as serialized (and signed).
        let needs_length = !request.body.is_empty()
            || matches!(
                request.method,
                http::Method::POST | http::Method::PUT | http::Method::PATCH
            );
        if needs_length {
            headers.insert(CONTENT_LENGTH, HeaderValue::from(request.body.len()));
        }
        Ok(Self {
            method: request.method,
            uri,
            headers,
            body: request.body,
        })
    }

    /// A fresh copy for one attempt, carrying the reply limits.
    pub(crate) fn request(&self, limits: ResponseLimits) -> http::Request<Bytes> {
        let mut request = http::Request::new(self.body.clone());
        *request.method_mut() = self.method.clone();
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = self.headers.clone();
        request.extensions_mut().insert(limits);
        request
    }
}

/// Sends one attempt within `timeout`; a body over the limit is an error whatever the HTTP
/// client did, and a silent server a [`TimeoutKind::Read`] timeout.
pub(crate) async fn attempt(
    http: &dyn HttpClient,
    request: http::Request<Bytes>,
    timeout: Option<Duration>,
    limits: &ResponseLimits,
) -> Result<HttpResponse, SendError> {
    let call = http.call(request);
    let result = match timeout {
        Some(limit) => match tokio::time::timeout(limit, call).await {
            Ok(result) => result,
            Err(_) => {
                return Err(SendError::Timeout(TimeoutError::new(
                    TimeoutKind::Attempt,
                    limit,
                )));
            }
        },
        None => call.await,
    };
    match result {
        Ok(response) if response.body().len() > limits.max_body_size() => {
            Err(SendError::Transport(limits.too_large()))
        }
        Ok(response) => Ok(response),
        Err(error) if error.kind() == TransportErrorKind::ReadTimeout => Err(SendError::Timeout(
            TimeoutError::new(TimeoutKind::Read, limits.read_timeout().unwrap_or_default()),
        )),
        Err(error) => Err(SendError::Transport(error)),
    }
}
