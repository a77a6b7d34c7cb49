//! What the micro-benchmarks drive: shapegen's generated Chime SDK Meetings client on an
//! in-memory [`HttpClient`] that answers every request with one canned reply, so a call is
//! validation, serialisation, signing, retry bookkeeping and reply parsing, without I/O.

use bytes::Bytes;
use shapegen::{HttpClient, HttpFuture};
use shapegen_bench_loopback::Responder;
use shapegen_bench_loopback::workload::external_user_ids;

/// The generated client, one operation, validation on.
pub mod meetings {
    shapegen::generate! {
        spec: "../../../shared/models/smithy/chime-sdk-meetings.json",
        operations: [BatchCreateAttendee],
    }
}

use meetings::types::CreateAttendeeRequestItem;

/// An [`HttpClient`] that drops each request and returns the same reply.
#[derive(Debug, Clone)]
pub struct Canned {
    status: u16,
    error_type: Option<&'static str>,
    body: Bytes,
}

impl Canned {
    /// A 200 reply with this JSON body.
    pub fn ok(body: impl Into<Bytes>) -> Self {
        Self {
            status: 200,
            error_type: None,
            body: body.into(),
        }
    }

    /// The reply body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// The smallest successful reply: no attendees, no errors.
    pub fn tiny() -> Self {
        Self::ok(Bytes::from_static(b"{\"Attendees\":[],\"Errors\":[]}"))
    }

    /// The loopback endpoint's 200 reply creating `count` attendees, byte for byte.
    pub fn created(count: usize) -> Self {
        let items: Vec<String> = external_user_ids(count)
            .iter()
            .map(|id| format!("{{\"ExternalUserId\":\"{id}\"}}"))
            .collect();
        let request = format!("{{\"Attendees\":[{}]}}", items.join(","));
        let body = Responder::new()
            .created(request.as_bytes())
            .expect("the workload's request is valid");
        Self::ok(body)
    }

    /// A 400 `BadRequestException` reply, identified by `x-amzn-ErrorType`.
    pub fn bad_request() -> Self {
        Self {
            status: 400,
            error_type: Some("BadRequestException"),
            body: Bytes::from_static(
                b"{\"Code\":\"BadRequest\",\"Message\":\"The meeting has ended.\"}",
            ),
        }
    }
}

impl HttpClient for Canned {
    fn call(&self, _request: http::Request<Bytes>) -> HttpFuture<'_> {
        Box::pin(async move {
            let mut response = http::Response::new(self.body.clone());
            *response.status_mut() =
                http::StatusCode::from_u16(self.status).unwrap_or(http::StatusCode::OK);
            let headers = response.headers_mut();
            headers.insert(
                http::header::CONTENT_TYPE,
                http::HeaderValue::from_static("application/json"),
            );
            headers.insert(
                "x-amzn-RequestId",
                http::HeaderValue::from_static("5eed0000-0000-4000-8000-000000000001"),
            );
            if let Some(error_type) = self.error_type {
                headers.insert(
                    "x-amzn-ErrorType",
                    http::HeaderValue::from_static(error_type),
                );
            }
            Ok(response)
        })
    }
}

/// A signing, validating client on `reply`, one attempt per call.
pub fn client(reply: Canned) -> meetings::Client {
    let config = shapegen::Config::builder()
        .endpoint_url("http://127.0.0.1:1")
        .region("us-east-1")
        .credentials(shapegen::Credentials::new("AKIDEXAMPLE", "secret", None))
        .max_attempts(1)
        .http_client(reply)
        .build()
        .expect("a valid config");
    meetings::Client::new(config)
}

/// The request items of the first `count` workload attendees.
pub fn items(count: usize) -> Vec<CreateAttendeeRequestItem> {
    external_user_ids(count)
        .into_iter()
        .map(|id| {
            CreateAttendeeRequestItem::builder()
                .external_user_id(id)
                .build()
                .expect("a valid attendee")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shapegen_bench_loopback::workload::MEETING_ID;

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(future)
    }

    /// Each benchmark's call does what its name says.
    #[test]
    fn every_canned_reply_is_read_as_intended() {
        block_on(async {
            let send = |reply: Canned, count: usize| async move {
                client(reply)
                    .batch_create_attendee()
                    .meeting_id(MEETING_ID)
                    .set_attendees(Some(items(count)))
                    .send()
                    .await
            };
            let tiny = send(Canned::tiny(), 100).await.unwrap();
            assert_eq!(tiny.attendees.map(|a| a.len()), Some(0));
            let created = send(Canned::created(100), 1).await.unwrap();
            let attendees = created.attendees.unwrap();
            assert_eq!(attendees.len(), 100);
            assert_eq!(attendees[99].join_token.as_ref().map(String::len), Some(92));
            let error = send(Canned::bad_request(), 1).await.unwrap_err();
            let service = error.as_service_error().expect("a service error");
            assert!(service.is_bad_request_exception(), "{error}");
        });
    }
}
