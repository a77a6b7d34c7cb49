//! Serving [`Responder`] over HTTP/1.1 on a listener.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderValue, Request, Response};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

use crate::reply::{Answer, Responder};

/// The largest request body read (a 100-attendee request is about 5 KiB).
const MAX_BODY: usize = 1 << 20;

/// Accepts connections on `listener` and answers each request, until the task is dropped.
///
/// Accept errors (such as running out of file descriptors) are skipped after a short pause.
pub async fn serve(listener: TcpListener) {
    let responder = Arc::new(Responder::new());
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
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let responder = Arc::clone(&responder);
                async move { Ok::<_, Infallible>(handle(&responder, request).await) }
            });
            // A client closing its connection mid-request is not the server's problem.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(responder: &Responder, request: Request<Incoming>) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let answer = match Limited::new(body, MAX_BODY).collect().await {
        Ok(body) => responder.answer(&parts.method, &parts.uri, &body.to_bytes()),
        Err(_) => Answer {
            status: http::StatusCode::BAD_REQUEST,
            error_type: Some("BadRequestException"),
            body: Bytes::from_static(b"{\"Message\":\"unreadable or oversized request body\"}"),
        },
    };
    let mut response = Response::new(Full::new(answer.body));
    *response.status_mut() = answer.status;
    let headers = response.headers_mut();
    headers.insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    if let Ok(id) = HeaderValue::try_from(responder.request_id()) {
        headers.insert("x-amzn-RequestId", id);
    }
    if let Some(error_type) = answer.error_type {
        headers.insert("x-amzn-ErrorType", HeaderValue::from_static(error_type));
    }
    response
}
