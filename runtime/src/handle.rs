//! The engine behind every generated client: endpoint, signing, retries and timeouts around
//! one HTTP exchange.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http::header::{CONTENT_LENGTH, HOST, HeaderValue, USER_AGENT};
use tracing::Instrument;

use crate::config::{Config, ConfigOverride};
use crate::error::{ConstructionError, SendError, TimeoutError, TimeoutKind, TransportErrorKind};
use crate::request::HttpRequest;
use crate::rest_json;
use crate::retry;
use crate::sign::Signer;
use crate::transport::{HttpClient, HyperClient, ResponseLimits};

/// A reply with its whole body.
pub type HttpResponse = http::Response<Bytes>;

/// Static facts about a service, generated from its model.
#[derive(Debug)]
pub struct ServiceSpec {
    /// The service's shape id.
    pub id: &'static str,
    /// Its title, for logs.
    pub title: &'static str,
    /// The API version.
    pub version: &'static str,
    /// Host prefix of the default endpoints.
    pub endpoint_prefix: &'static str,
    /// SigV4 signing name; `None` for unsigned services.
    pub signing_name: Option<&'static str>,
}

/// Static facts about an operation, generated from its model.
#[derive(Debug)]
pub struct OperationSpec {
    /// The operation's name, for logs.
    pub name: &'static str,
    /// Codes of its errors marked `@retryable` in the model.
    pub retryable_errors: &'static [&'static str],
}

/// Where requests go: scheme, authority (the `host` header) and an optional base path.
#[derive(Debug)]
struct Endpoint {
    scheme: http::uri::Scheme,
    authority: http::uri::Authority,
    /// The `host` header for requests without a host prefix.
    host: HeaderValue,
    /// The endpoint's base path without a trailing `/`, prepended to every request path.
    path: String,
}

/// Shared state of one client: configuration, HTTP client, endpoint and signer.
pub struct Handle {
    config: Config,
    service: &'static ServiceSpec,
    http: Arc<dyn HttpClient>,
    endpoint: Result<Endpoint, ConstructionError>,
    signer: Result<Option<Signer>, ConstructionError>,
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("service", &self.service.id)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

const USER_AGENT_VALUE: &str = concat!("shapegen/", env!("CARGO_PKG_VERSION"));

impl Handle {
    /// Prepares everything that does not change between calls.
    pub fn new(config: Config, service: &'static ServiceSpec) -> Self {
        let http = config
            .http_client()
            .cloned()
            .unwrap_or_else(|| Arc::new(HyperClient::new(config.connect_timeout())));
        let endpoint = resolve_endpoint(&config, service);
        let signer = match (config.credentials(), service.signing_name) {
            (Some(credentials), Some(name)) => match config.region() {
                Some(region) => Signer::new(credentials, region, name).map(Some),
                None => Err(ConstructionError::new(
                    "signing requests needs a region: set `region` in the config",
                )),
            },
            _ => Ok(None),
        };
        Self {
            config,
            service,
            http,
            endpoint,
            signer,
        }
    }

    /// The client's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sends `request` with retries and timeouts; returns the final reply, success or not.
    pub async fn send(
        &self,
        operation: &'static OperationSpec,
        request: HttpRequest,
        overrides: &ConfigOverride,
    ) -> Result<HttpResponse, SendError> {
        let span = tracing::debug_span!(
            "shapegen.call",
            service = self.service.title,
            operation = operation.name
        );
        let attempts = self
            .attempts(operation, request, overrides)
            .instrument(span);
        match overrides.operation_timeout_for(&self.config) {
            Some(limit) => tokio::time::timeout(limit, attempts)
                .await
                .unwrap_or_else(|_| {
                    Err(SendError::Timeout(TimeoutError::new(
                        TimeoutKind::Operation,
                        limit,
                    )))
                }),
            None => attempts.await,
        }
    }

    async fn attempts(
        &self,
        operation: &'static OperationSpec,
        request: HttpRequest,
        overrides: &ConfigOverride,
    ) -> Result<HttpResponse, SendError> {
        let mut request = request;
        if request.compress
            && self
                .config
                .request_compression_min_size()
                .is_some_and(|min| request.body.len() >= min)
        {
            request.apply_gzip().map_err(SendError::Construction)?;
        }
        let endpoint = self
            .endpoint
            .as_ref()
            .map_err(|e| SendError::Construction(e.clone()))?;
        let signer = self
            .signer
            .as_ref()
            .map_err(|e| SendError::Construction(e.clone()))?;
        let invalid = |error: &dyn std::fmt::Display| {
            SendError::Construction(ConstructionError::new(format!(
                "the request URI is invalid: {error}"
            )))
        };
        let (authority, host) = match &request.host_prefix {
            Some(prefix) if !self.config.host_prefix_disabled() => {
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
        let retry = self.config.retry();
        let max_attempts = overrides.max_attempts_for(&self.config);
        let limits = overrides.response_limits_for(&self.config);
        let attempt_timeout = overrides.attempt_timeout_for(&self.config);
        let mut attempt = 1;
        loop {
            let mut http_request = http::Request::new(request.body.clone());
            *http_request.method_mut() = request.method.clone();
            *http_request.uri_mut() = uri.clone();
            *http_request.headers_mut() = headers.clone();
            http_request.extensions_mut().insert(limits);
            if let Some(signer) = signer {
                signer
                    .sign(&mut http_request, SystemTime::now())
                    .map_err(SendError::Construction)?;
            }
            let outcome = self.attempt(http_request, attempt_timeout, &limits).await;
            let retryable = match &outcome {
                Ok(response) => should_retry(response, operation),
                Err(SendError::Transport(error)) => {
                    matches!(
                        error.kind(),
                        TransportErrorKind::Connect | TransportErrorKind::Io
                    )
                }
                Err(SendError::Timeout(_)) => true,
                Err(SendError::Construction(_)) => false,
            };
            if !retryable || attempt >= max_attempts {
                return outcome;
            }
            let backoff = outcome
                .as_ref()
                .ok()
                .and_then(|response| retry::retry_after(response.headers(), SystemTime::now()))
                .map(|wait| wait.min(retry.max_backoff()))
                .unwrap_or_else(|| retry.backoff(attempt));
            tracing::debug!(attempt, ?backoff, "retrying");
            tokio::time::sleep(backoff).await;
            attempt += 1;
        }
    }

    async fn attempt(
        &self,
        request: http::Request<Bytes>,
        timeout: Option<Duration>,
        limits: &ResponseLimits,
    ) -> Result<HttpResponse, SendError> {
        let call = self.http.call(request);
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
            // Whatever the HTTP client did, a body over the limit is not handed on.
            Ok(response) if response.body().len() > limits.max_body_size() => {
                Err(SendError::Transport(limits.too_large()))
            }
            Ok(response) => Ok(response),
            Err(error) if error.kind() == TransportErrorKind::ReadTimeout => {
                Err(SendError::Timeout(TimeoutError::new(
                    TimeoutKind::Read,
                    limits.read_timeout().unwrap_or_default(),
                )))
            }
            Err(error) => Err(SendError::Transport(error)),
        }
    }
}

/// Whether an error reply should be retried: throttling, transient, or modeled `@retryable`.
fn should_retry(response: &HttpResponse, operation: &OperationSpec) -> bool {
    if response.status().is_success() {
        return false;
    }
    let meta = rest_json::error_metadata(
        response.status().as_u16(),
        response.headers(),
        response.body(),
    );
    retry::is_retryable(&meta)
        || meta
            .code()
            .is_some_and(|code| operation.retryable_errors.contains(&code))
}

fn resolve_endpoint(config: &Config, service: &ServiceSpec) -> Result<Endpoint, ConstructionError> {
    let base = match (config.endpoint_url(), config.region()) {
        (Some(url), _) => url.to_owned(),
        (None, Some(region)) => {
            let suffix = if region.starts_with("cn-") {
                "amazonaws.com.cn"
            } else {
                "amazonaws.com"
            };
            format!("https://{}.{region}.{suffix}", service.endpoint_prefix)
        }
        (None, None) => {
            return Err(ConstructionError::new(
                "no endpoint: set `endpoint_url` or `region` in the config",
            ));
        }
    };
    let uri: http::Uri = base.parse().map_err(|error| {
        ConstructionError::new(format!("endpoint `{base}` is invalid: {error}"))
    })?;
    let authority = uri
        .authority()
        .ok_or_else(|| ConstructionError::new(format!("endpoint `{base}` has no host")))?;
    let host = HeaderValue::from_str(authority.as_str())
        .map_err(|_| ConstructionError::new(format!("endpoint `{base}` has an invalid host")))?;
    Ok(Endpoint {
        scheme: uri.scheme().cloned().unwrap_or(http::uri::Scheme::HTTPS),
        authority: authority.clone(),
        host,
        path: uri.path().trim_end_matches('/').to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    static SERVICE: ServiceSpec = ServiceSpec {
        id: "example#Chime",
        title: "Chime",
        version: "2018-05-01",
        endpoint_prefix: "chime",
        signing_name: Some("chime"),
    };

    fn endpoint(config: Config) -> Result<Endpoint, ConstructionError> {
        resolve_endpoint(&config, &SERVICE)
    }

    #[test]
    fn endpoints_come_from_the_url_or_the_region() {
        let from_url = endpoint(
            Config::builder()
                .endpoint_url("http://127.0.0.1:8080/base/")
                .build()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(from_url.scheme.as_str(), "http");
        assert_eq!(from_url.authority.as_str(), "127.0.0.1:8080");
        assert_eq!(from_url.path, "/base");
        let regional = endpoint(Config::builder().region("eu-west-1").build().unwrap()).unwrap();
        assert_eq!(regional.authority.as_str(), "chime.eu-west-1.amazonaws.com");
        assert_eq!(regional.path, "");
        let china = endpoint(Config::builder().region("cn-north-1").build().unwrap()).unwrap();
        assert_eq!(
            china.authority.as_str(),
            "chime.cn-north-1.amazonaws.com.cn"
        );
        let none = endpoint(Config::builder().build().unwrap()).unwrap_err();
        assert!(none.message().contains("endpoint_url"));
    }

    #[test]
    fn signing_without_a_region_is_a_construction_error() {
        let config = Config::builder()
            .endpoint_url("http://127.0.0.1:1")
            .credentials(crate::Credentials::new("a", "b", None))
            .build()
            .unwrap();
        let handle = Handle::new(config, &SERVICE);
        let error = handle.signer.as_ref().unwrap_err();
        assert!(error.message().contains("region"), "{error}");
    }
}
