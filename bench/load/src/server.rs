//! The loopback server: answers `Ping` by echoing its id, except for the planned `503`s and
//! slow replies, recording every attempt in a [`Ledger`]. It runs on a thread of its own with
//! a single-threaded runtime, so the callers' runtime has the client's work alone.

use std::convert::Infallible;
use std::net::{Ipv4Addr, TcpListener as StdListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response, StatusCode};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::ledger::{Answer, FaultPlan, Ledger};

/// The largest request body read.
const MAX_BODY: usize = 64 * 1024;

/// A running server (it stops with the process).
pub struct Server {
    /// The port on 127.0.0.1.
    pub port: u16,
    /// What it received.
    pub ledger: Arc<Ledger>,
    /// Connections accepted.
    pub connections: Arc<AtomicU64>,
}

/// What every connection's handler shares.
struct Shared {
    ledger: Arc<Ledger>,
    plan: FaultPlan,
    slow: Duration,
}

/// Starts the server on an ephemeral port of 127.0.0.1.
pub fn start(plan: FaultPlan, slow: Duration) -> std::io::Result<Server> {
    let listener = StdListener::bind((Ipv4Addr::LOCALHOST, 0))?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let ledger = Arc::new(Ledger::default());
    let connections = Arc::new(AtomicU64::new(0));
    let shared = Arc::new(Shared {
        ledger: Arc::clone(&ledger),
        plan,
        slow,
    });
    let counter = Arc::clone(&connections);
    std::thread::Builder::new()
        .name("load-server".to_owned())
        .spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = TcpListener::from_std(listener) else {
                    return;
                };
                serve(listener, shared, counter).await;
            });
        })?;
    Ok(Server {
        port,
        ledger,
        connections,
    })
}

async fn serve(listener: TcpListener, shared: Arc<Shared>, connections: Arc<AtomicU64>) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        connections.fetch_add(1, Ordering::Relaxed);
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let shared = Arc::clone(&shared);
                async move { Ok::<_, Infallible>(handle(&shared, request).await) }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(shared: &Shared, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let body = match Limited::new(request.into_body(), MAX_BODY).collect().await {
        Ok(body) => body.to_bytes(),
        Err(_) => return reply(StatusCode::BAD_REQUEST, "{}".to_owned()),
    };
    let Some((id, n)) = request_id(&body) else {
        shared.ledger.unreadable();
        return reply(StatusCode::BAD_REQUEST, "{}".to_owned());
    };
    match shared.ledger.attempt(n, &shared.plan) {
        Answer::Unavailable => reply(StatusCode::SERVICE_UNAVAILABLE, "{}".to_owned()),
        Answer::Slow => {
            tokio::time::sleep(shared.slow).await;
            reply(StatusCode::OK, serde_json::json!({"Echo": id}).to_string())
        }
        Answer::Ok => reply(StatusCode::OK, serde_json::json!({"Echo": id}).to_string()),
    }
}

/// The request's `Id` (`r-<n>`) and its number.
fn request_id(body: &[u8]) -> Option<(String, u64)> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let id = value.get("Id")?.as_str()?;
    let n = id.strip_prefix("r-")?.parse().ok()?;
    Some((id.to_owned(), n))
}

fn reply(status: StatusCode, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}
