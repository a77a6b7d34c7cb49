//! The loopback HTTP/1.1 plumbing shared by every server in this crate.
//!
//! [`LoopbackServer::start`] binds `127.0.0.1:0`, accepts connections on one task and serves
//! each connection on its own task (keep-alive included, as the client under test pools
//! connections). Request bodies are read in full before the [`Handler`] sees them. Dropping
//! the [`LoopbackServer`] aborts the accept task, which owns — and so also aborts — every
//! connection task.

use std::convert::Infallible;
use std::future::Future;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderValue, Request, Response, StatusCode, header};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

/// Largest request body a loopback server accepts; larger ones get `413`.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// A fully buffered response, as every handler in this crate produces.
pub(crate) type FullResponse = Response<Full<Bytes>>;

/// Answers one fully buffered request.
pub(crate) trait Handler: Send + Sync + 'static {
    /// Produces the response to `request`. Must not panic on any input.
    fn handle(&self, request: Request<Bytes>) -> impl Future<Output = FullResponse> + Send;
}

/// A running loopback server; dropping it shuts the server down.
#[derive(Debug)]
pub(crate) struct LoopbackServer {
    addr: SocketAddr,
    accept_task: JoinHandle<()>,
}

impl LoopbackServer {
    /// Binds an ephemeral port on 127.0.0.1 and starts serving `handler` on it.
    ///
    /// # Panics
    /// If no loopback port can be bound: a broken test environment, not bad input.
    pub(crate) async fn start<H: Handler>(handler: Arc<H>) -> Self {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .expect("cannot bind a loopback port on 127.0.0.1");
        let addr = listener
            .local_addr()
            .expect("a bound listener has a local address");
        let accept_task = tokio::spawn(accept_loop(listener, handler));
        Self { addr, accept_task }
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub(crate) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for LoopbackServer {
    fn drop(&mut self) {
        self.accept_task.abort();
    }
}

/// Accepts connections forever, one task per connection, reaping finished ones.
async fn accept_loop<H: Handler>(listener: TcpListener, handler: Arc<H>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    connections.spawn(serve_connection(stream, Arc::clone(&handler)));
                }
                // Transient (e.g. out of file descriptors): back off, keep serving.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            Some(_finished) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// Serves HTTP/1.1 requests on one connection until the peer closes it.
async fn serve_connection<H: Handler>(stream: TcpStream, handler: Arc<H>) {
    // Best effort: only latency depends on it.
    let _ = stream.set_nodelay(true);
    let service = service_fn(move |request: Request<Incoming>| {
        let handler = Arc::clone(&handler);
        async move { Ok::<_, Infallible>(dispatch(handler.as_ref(), request).await) }
    });
    // Connection errors (peer reset, malformed HTTP answered by hyper itself) end only this
    // connection; there is no one to report them to.
    let _ = http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// Buffers the request body, then hands the request to the handler.
async fn dispatch<H: Handler>(handler: &H, request: Request<Incoming>) -> FullResponse {
    let (parts, body) = request.into_parts();
    match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => {
            handler
                .handle(Request::from_parts(parts, collected.to_bytes()))
                .await
        }
        Err(error) if error.is::<http_body_util::LengthLimitError>() => plain_text(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("request body exceeds {MAX_BODY_BYTES} bytes"),
        ),
        Err(error) => plain_text(
            StatusCode::BAD_REQUEST,
            format!("cannot read the request body: {error}"),
        ),
    }
}

/// A `text/plain` response, for failures outside any handler's protocol.
pub(crate) fn plain_text(status: StatusCode, message: impl Into<String>) -> FullResponse {
    let mut response = Response::new(Full::new(Bytes::from(message.into())));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
