//! The endpoint's answers inside the client process (`--transport memory`): each client gets
//! an HTTP client of its own stack's kind that hands the request to [`Responder`] and returns
//! its response, with no socket, no second process and no kernel time.
//!
//! Both clients still build, sign and send the request through their whole stack and read the
//! reply the same way; only the bytes on the wire are missing, so the CPU measured is the
//! clients' own work (and the endpoint's, which is the same canned lookup for both).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use aws_sdk_dynamodb::config::SharedHttpClient;
use aws_smithy_runtime_api::client::http::{
    HttpConnector, HttpConnectorFuture, SharedHttpConnector, http_client_fn,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use shapegen::{HttpFuture, TransportError};

use crate::endpoint::Responder;

/// The endpoint, answering in process; cheap to clone (shared state).
#[derive(Debug, Clone)]
pub struct InMemory {
    responder: Arc<Responder>,
    requests: Arc<AtomicU64>,
}

impl InMemory {
    /// The endpoint URL its clients are configured with (so that they resolve no endpoint
    /// rules, as with the loopback URL); nothing ever connects to it.
    pub const URL: &str = "http://127.0.0.1:9";

    /// An endpoint whose Query pages hold `page` items (the replies are serialised here, once).
    pub fn new(page: usize) -> Self {
        Self {
            responder: Arc::new(Responder::new(page)),
            requests: Arc::new(AtomicU64::new(0)),
        }
    }

    /// The response to a request with this `X-Amz-Target` and body.
    fn respond(&self, target: Option<&str>, body: &[u8]) -> http::Response<Bytes> {
        let n = self.requests.fetch_add(1, Ordering::Relaxed);
        self.responder
            .answer(target, body)
            .into_response(&Responder::request_id(n))
    }

    /// The official SDK's HTTP client: one connector answering from this endpoint.
    pub fn sdk_http_client(&self) -> SharedHttpClient {
        let connector = SharedHttpConnector::new(self.clone());
        http_client_fn(move |_settings, _components| connector.clone())
    }
}

impl shapegen::HttpClient for InMemory {
    fn call(&self, request: http::Request<Bytes>) -> HttpFuture<'_> {
        let target = request
            .headers()
            .get("x-amz-target")
            .and_then(|value| value.to_str().ok());
        let response = self.respond(target, request.body());
        Box::pin(std::future::ready(Ok::<_, TransportError>(response)))
    }
}

impl HttpConnector for InMemory {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let target = request.headers().get("x-amz-target");
        // The SDK's request bodies here are in memory; a streaming one would be a bug in
        // the benchmark, answered like an unreadable body.
        let body = request.body().bytes().unwrap_or_default();
        let (parts, body) = self.respond(target, body).into_parts();
        let response = http::Response::from_parts(parts, SdkBody::from(body));
        HttpConnectorFuture::ready(
            HttpResponse::try_from(response)
                .map_err(|error| ConnectorError::other(error.into(), None)),
        )
    }
}
