//! Serving [`Responder`] over HTTP/1.1, and the `server` subcommand that runs it in its own
//! process on one thread.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::endpoint::{Answer, Responder};

/// The largest request body read (the requests here are a few hundred bytes).
const MAX_BODY: usize = 1 << 20;

/// Serves on an ephemeral 127.0.0.1 port, printed as `PORT <port>`, until stdin closes.
pub fn run(page: usize) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| format!("cannot start the server's runtime: {error}"))?;
    shapegen_bench_harness::server::run(runtime, |listener| serve(listener, page))
}

/// Accepts connections on `listener` and answers each request, until the task is dropped.
///
/// Accept errors (such as running out of file descriptors) are skipped after a short pause.
pub async fn serve(listener: TcpListener, page: usize) {
    let responder = Arc::new(Responder::new(page));
    let request_count = Arc::new(AtomicU64::new(0));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let responder = Arc::clone(&responder);
        let request_count = Arc::clone(&request_count);
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let responder = Arc::clone(&responder);
                let n = request_count.fetch_add(1, Ordering::Relaxed);
                let request_id = Responder::request_id(n);
                async move { Ok::<_, Infallible>(handle(&responder, request, request_id).await) }
            });
            // A client closing its connection mid-request is not the server's problem.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(
    responder: &Responder,
    request: Request<Incoming>,
    request_id: String,
) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let target = parts
        .headers
        .get("x-amz-target")
        .and_then(|value| value.to_str().ok());
    let answer = match Limited::new(body, MAX_BODY).collect().await {
        Ok(body) => responder.answer(target, &body.to_bytes()),
        Err(_) => Answer {
            status: http::StatusCode::BAD_REQUEST,
            body: Bytes::from_static(
                b"{\"__type\":\"SerializationException\",\"message\":\"unreadable body\"}",
            ),
        },
    };
    answer.into_response(&request_id).map(Full::new)
}
