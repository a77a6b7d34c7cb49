//! Sending HTTP requests: the [`HttpClient`] trait and the default pooled hyper client.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

use crate::error::{TransportError, TransportErrorKind};

/// The future an [`HttpClient`] returns.
pub type HttpFuture<'a> =
    Pin<Box<dyn Future<Output = Result<http::Response<Bytes>, TransportError>> + Send + 'a>>;

/// Sends one HTTP request and reads the whole response.
///
/// Clients use [`HyperClient`] unless the config sets another; implement this to plug in a
/// different HTTP stack or a test double. Retries, timeouts and signing happen around it.
/// Each request carries its [`ResponseLimits`] in its extensions; an implementation should
/// stop reading a body that grows past the limit (with [`TransportErrorKind::ResponseTooLarge`])
/// and give up on a server that stays silent (with [`TransportErrorKind::ReadTimeout`]). The
/// body size is checked again after `call` returns, whatever the implementation does.
pub trait HttpClient: Send + Sync + 'static {
    /// Sends `request` (complete, signed) and returns the response with its body read.
    fn call(&self, request: http::Request<Bytes>) -> HttpFuture<'_>;
}

/// How much of a reply a client will read, and how long it waits for the server; set from the
/// [`Config`](crate::Config) on every request (in its extensions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseLimits {
    max_body_size: usize,
    read_timeout: Option<Duration>,
}

impl Default for ResponseLimits {
    /// 64 MiB and 60 s.
    fn default() -> Self {
        Self {
            max_body_size: 64 * 1024 * 1024,
            read_timeout: Some(Duration::from_secs(60)),
        }
    }
}

impl ResponseLimits {
    /// Limits with this body size and read timeout.
    pub fn new(max_body_size: usize, read_timeout: Option<Duration>) -> Self {
        Self {
            max_body_size,
            read_timeout,
        }
    }

    /// The limits a request carries, or the defaults.
    pub fn of<B>(request: &http::Request<B>) -> Self {
        request
            .extensions()
            .get::<Self>()
            .copied()
            .unwrap_or_default()
    }

    /// The largest reply body, in bytes, that is read.
    pub fn max_body_size(&self) -> usize {
        self.max_body_size
    }

    /// The longest the server may stay silent: before the response headers, and between
    /// pieces of the body.
    pub fn read_timeout(&self) -> Option<Duration> {
        self.read_timeout
    }

    /// The error for a body over the limit.
    pub fn too_large(&self) -> TransportError {
        TransportError::new(
            TransportErrorKind::ResponseTooLarge,
            format!(
                "the reply body is larger than the limit of {} bytes (`max_response_body_size`)",
                self.max_body_size
            ),
            None,
        )
    }
}

/// The default HTTP client: hyper with a connection pool, HTTP/1.1, and HTTPS through rustls
/// with the platform's root certificates (built on the first `https` request).
pub struct HyperClient {
    /// The pool for `http` URLs (an error only if the connector could not be set up).
    plain: Result<Client<Connector, Full<Bytes>>, String>,
    /// The pool for `https` URLs, built on first use: loading the platform's root certificates
    /// takes time, and a failure to load them must not stop plain HTTP.
    #[cfg(feature = "rustls")]
    tls: std::sync::OnceLock<Result<Client<Connector, Full<Bytes>>, String>>,
    connect_timeout: Option<Duration>,
}

/// The connector of both pools. With TLS built in, the plain pool uses the TLS connector too
/// (with no trusted roots, for `http` URLs only): one connector type means hyper's client is
/// compiled once, not once per pool, which is a sizeable part of this crate's build.
#[cfg(feature = "rustls")]
type Connector = hyper_rustls::HttpsConnector<HttpConnector>;
#[cfg(not(feature = "rustls"))]
type Connector = HttpConnector;

impl HyperClient {
    /// A client whose connections must be established within `connect_timeout`.
    pub fn new(connect_timeout: Option<Duration>) -> Self {
        Self {
            plain: plain_connector(connect_timeout)
                .map(|connector| Client::builder(TokioExecutor::new()).build(connector)),
            #[cfg(feature = "rustls")]
            tls: std::sync::OnceLock::new(),
            connect_timeout,
        }
    }

    #[cfg(feature = "rustls")]
    fn tls(&self) -> Result<&Client<Connector, Full<Bytes>>, TransportError> {
        let client = self.tls.get_or_init(|| {
            let provider = rustls::crypto::ring::default_provider();
            let builder = hyper_rustls::HttpsConnectorBuilder::new()
                .with_provider_and_native_roots(provider)
                .map_err(|error| {
                    format!("cannot load the platform's root certificates: {error}")
                })?;
            let https = builder
                .https_or_http()
                .enable_http1()
                .wrap_connector(tcp_connector(self.connect_timeout));
            Ok(Client::builder(TokioExecutor::new()).build(https))
        });
        client.as_ref().map_err(|message| {
            TransportError::new(TransportErrorKind::Connect, message.clone(), None)
        })
    }
}

/// The plain pool's connector: TCP, wrapped (with TLS built in) in a TLS connector that trusts
/// no root, so that an `https` URL could never be reached through it by mistake.
#[cfg(feature = "rustls")]
fn plain_connector(connect_timeout: Option<Duration>) -> Result<Connector, String> {
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| format!("cannot set up the HTTP connector: {error}"))?
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    Ok(hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(config)
        .https_or_http()
        .enable_http1()
        .wrap_connector(tcp_connector(connect_timeout)))
}

#[cfg(not(feature = "rustls"))]
fn plain_connector(connect_timeout: Option<Duration>) -> Result<Connector, String> {
    Ok(tcp_connector(connect_timeout))
}

fn tcp_connector(connect_timeout: Option<Duration>) -> HttpConnector {
    let mut http = HttpConnector::new();
    http.set_connect_timeout(connect_timeout);
    http.set_nodelay(true);
    http.enforce_http(false);
    http
}

impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperClient")
            .field("connect_timeout", &self.connect_timeout)
            .finish_non_exhaustive()
    }
}

impl HttpClient for HyperClient {
    fn call(&self, request: http::Request<Bytes>) -> HttpFuture<'_> {
        Box::pin(async move {
            let limits = ResponseLimits::of(&request);
            // Named in error messages only, so built only for them; never with user info.
            let scheme = request.uri().scheme().cloned();
            let host = request.uri().host().map(str::to_owned);
            let port = request.uri().port_u16();
            let target = || {
                let scheme = scheme.as_ref().map_or("http", |s| s.as_str());
                let host = host.as_deref().unwrap_or_default();
                match port {
                    Some(port) => format!("{scheme}://{host}:{port}"),
                    None => format!("{scheme}://{host}"),
                }
            };
            let request = request.map(Full::new);
            let sent = if request.uri().scheme_str() == Some("https") {
                #[cfg(feature = "rustls")]
                {
                    within(limits.read_timeout(), self.tls()?.request(request)).await
                }
                #[cfg(not(feature = "rustls"))]
                {
                    return Err(TransportError::new(
                        TransportErrorKind::Connect,
                        format!(
                            "cannot reach {}: shapegen was built without its `rustls` feature",
                            target()
                        ),
                        None,
                    ));
                }
            } else {
                let plain = self.plain.as_ref().map_err(|message| {
                    TransportError::new(TransportErrorKind::Connect, message.clone(), None)
                })?;
                within(limits.read_timeout(), plain.request(request)).await
            };
            let sent = sent.ok_or_else(|| read_timeout(&limits, "a reply", &target()))?;
            let response = sent.map_err(|error| {
                let (kind, message) = if error.is_connect() {
                    (
                        TransportErrorKind::Connect,
                        format!("could not connect to {}", target()),
                    )
                } else if is_malformed_reply(&error) {
                    (
                        TransportErrorKind::MalformedResponse,
                        format!("the reply from {} is not valid HTTP", target()),
                    )
                } else {
                    (
                        TransportErrorKind::Io,
                        format!("request failed on the connection to {}", target()),
                    )
                };
                TransportError::new(kind, message, Some(Box::new(error)))
            })?;
            let (parts, body) = response.into_parts();
            let announced = parts
                .headers
                .get(http::header::CONTENT_LENGTH)
                .and_then(|value| value.to_str().ok())
                .and_then(|value| value.parse::<u64>().ok());
            if announced.is_some_and(|length| length > limits.max_body_size() as u64) {
                return Err(limits.too_large());
            }
            let body = read_body(body, &limits, &target).await?;
            Ok(http::Response::from_parts(parts, body))
        })
    }
}

/// Whether hyper failed to parse the reply's head (status line, header lines, head size):
/// the server's answer is malformed, the connection itself was fine.
fn is_malformed_reply(error: &(dyn StdError + 'static)) -> bool {
    let mut current = Some(error);
    while let Some(error) = current {
        if error
            .downcast_ref::<hyper::Error>()
            .is_some_and(hyper::Error::is_parse)
        {
            return true;
        }
        current = error.source();
    }
    false
}

/// `future`'s output, or `None` when `limit` passes first.
async fn within<F: Future>(limit: Option<Duration>, future: F) -> Option<F::Output> {
    match limit {
        Some(limit) => tokio::time::timeout(limit, future).await.ok(),
        None => Some(future.await),
    }
}

fn read_timeout(limits: &ResponseLimits, what: &str, target: &str) -> TransportError {
    TransportError::new(
        TransportErrorKind::ReadTimeout,
        format!(
            "{target} sent no {what} for {:?} (`read_timeout`)",
            limits.read_timeout().unwrap_or_default()
        ),
        None,
    )
}

/// Reads a whole body, stopping at the size limit and when the server stays silent too long.
async fn read_body(
    mut body: hyper::body::Incoming,
    limits: &ResponseLimits,
    target: &(dyn Fn() -> String + Sync),
) -> Result<Bytes, TransportError> {
    let mut chunks: Vec<Bytes> = Vec::new();
    let mut size = 0usize;
    loop {
        let frame = within(limits.read_timeout(), body.frame())
            .await
            .ok_or_else(|| read_timeout(limits, "more of the body", &target()))?;
        let Some(frame) = frame else {
            break;
        };
        let frame = frame.map_err(|error| {
            TransportError::new(
                TransportErrorKind::Io,
                format!("reading the response from {} failed", target()),
                Some(Box::new(error) as Box<dyn StdError + Send + Sync>),
            )
        })?;
        if let Ok(data) = frame.into_data() {
            size = size.saturating_add(data.len());
            if size > limits.max_body_size() {
                return Err(limits.too_large());
            }
            chunks.push(data);
        }
    }
    Ok(match chunks.len() {
        0 => Bytes::new(),
        1 => chunks.pop().unwrap_or_default(),
        _ => {
            let mut whole = Vec::with_capacity(size);
            chunks
                .iter()
                .for_each(|chunk| whole.extend_from_slice(chunk));
            Bytes::from(whole)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A server that answers in plain text where TLS is expected: the `https` path must build
    /// its TLS client (platform roots, ring provider) and report the failed handshake as a
    /// connect error, not panic.
    #[cfg(feature = "rustls")]
    #[tokio::test]
    async fn https_handshake_failures_are_connect_errors() {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut buffer = [0u8; 512];
                let _ = stream.read(&mut buffer);
                let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n");
            }
        });
        let client = HyperClient::new(Some(Duration::from_secs(2)));
        let request = http::Request::get(format!("https://127.0.0.1:{port}/"))
            .body(Bytes::new())
            .unwrap();
        let error = client.call(request).await.unwrap_err();
        assert!(error.is_connect(), "{error}");
        assert!(
            error
                .to_string()
                .starts_with("could not connect to https://127.0.0.1:"),
            "{error}"
        );
    }

    /// Answers the first request on a fresh port with `reply`; returns the port.
    fn answer_once(reply: &'static [u8]) -> u16 {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut buffer = [0u8; 1024];
                let _ = stream.read(&mut buffer);
                let _ = stream.write_all(reply);
            }
        });
        port
    }

    /// A reply whose head is not HTTP is the server's fault, not the connection's: its own
    /// kind (not retried), not `Io` (retried).
    #[tokio::test]
    async fn malformed_reply_heads_are_their_own_kind() {
        for reply in [
            &b"HTTP/1.1 two-hundred OK\r\ncontent-length: 0\r\n\r\n"[..],
            b"HTTP/1.1 200 OK\r\nno colon on this line\r\ncontent-length: 0\r\n\r\n",
            b"SSH-2.0-OpenSSH_9.6\r\n\r\n",
        ] {
            let port = answer_once(reply);
            let request = http::Request::post(format!("http://127.0.0.1:{port}/x"))
                .body(Bytes::new())
                .unwrap();
            let error = HyperClient::new(None).call(request).await.unwrap_err();
            assert_eq!(
                error.kind(),
                TransportErrorKind::MalformedResponse,
                "{error}"
            );
            assert_eq!(
                error.to_string(),
                format!("the reply from http://127.0.0.1:{port} is not valid HTTP")
            );
        }
    }

    #[tokio::test]
    async fn plain_http_round_trip_reads_the_whole_body() {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            if let Ok((mut stream, _)) = listener.accept() {
                let mut buffer = [0u8; 1024];
                let _ = stream.read(&mut buffer);
                let _ = stream.write_all(
                    b"HTTP/1.1 201 Created\r\ncontent-length: 5\r\nx-amzn-requestid: r1\r\n\r\nhello",
                );
            }
        });
        let client = HyperClient::new(None);
        let request = http::Request::post(format!("http://127.0.0.1:{port}/x"))
            .body(Bytes::from_static(b"{}"))
            .unwrap();
        let response = client.call(request).await.unwrap();
        assert_eq!(response.status(), 201);
        assert_eq!(response.body().as_ref(), b"hello");
        assert_eq!(response.headers()["x-amzn-requestid"], "r1");
    }
}
