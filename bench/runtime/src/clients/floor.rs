//! The floor: a bare hyper client resending one request serialised and signed at startup.

use std::time::SystemTime;

use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use bytes::Bytes;
use http::{HeaderMap, Method, Request, StatusCode, Uri};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use shapegen_bench_loopback::workload::MEETING_ID;

use super::BenchClient;

/// A pooled hyper client and the one request it sends, cloned for each call.
pub struct Floor {
    client: Client<HttpConnector, Full<Bytes>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
}

impl Floor {
    /// A client of the endpoint at `url` that creates these attendees on each call.
    pub fn new(url: &str, external_user_ids: Vec<String>) -> Result<Self, String> {
        let uri: Uri = format!(
            "{}/meetings/{MEETING_ID}/attendees?operation=batch-create",
            url.trim_end_matches('/')
        )
        .parse()
        .map_err(|error| format!("bad endpoint `{url}`: {error}"))?;
        let attendees: Vec<_> = external_user_ids
            .iter()
            .map(|id| serde_json::json!({ "ExternalUserId": id }))
            .collect();
        let body = Bytes::from(serde_json::json!({ "Attendees": attendees }).to_string());
        let mut request = Request::post(uri.clone())
            .header(
                http::header::HOST,
                uri.authority().map_or("", |a| a.as_str()),
            )
            .header(http::header::CONTENT_TYPE, "application/json")
            .header(http::header::CONTENT_LENGTH, body.len())
            .body(body.clone())
            .map_err(|error| error.to_string())?;
        sign_request(&mut request)?;
        let mut connector = HttpConnector::new();
        connector.set_nodelay(true);
        Ok(Self {
            client: Client::builder(TokioExecutor::new()).build(connector),
            uri,
            headers: request.headers().clone(),
            body,
        })
    }
}

/// Signs `request` with SigV4 for Chime in us-east-1, as of now.
fn sign_request(request: &mut Request<Bytes>) -> Result<(), String> {
    let identity: Identity =
        aws_credential_types::Credentials::new("AKIDEXAMPLE", "secret", None, None, "bench").into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region("us-east-1")
        .name("chime")
        .time(SystemTime::now())
        .settings(SigningSettings::default())
        .build()
        .map_err(|error| error.to_string())?
        .into();
    let uri = request.uri().to_string();
    let headers = request
        .headers()
        .iter()
        .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)));
    let signable = SignableRequest::new(
        request.method().as_str(),
        &uri,
        headers,
        SignableBody::Bytes(request.body()),
    )
    .map_err(|error| error.to_string())?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|error| error.to_string())?
        .into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

impl BenchClient for Floor {
    async fn call(&self) -> Result<(), String> {
        let mut request = Request::new(Full::new(self.body.clone()));
        *request.method_mut() = Method::POST;
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = self.headers.clone();
        let response = self
            .client
            .request(request)
            .await
            .map_err(|error| error.to_string())?;
        let status = response.status();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|error| error.to_string())?
            .to_bytes();
        if status != StatusCode::OK || body.is_empty() {
            return Err(format!("HTTP {status}: {}", String::from_utf8_lossy(&body)));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_is_signed_once_with_the_body_it_sends() {
        let ids = vec!["ada@example.com".to_owned(), "grace@example.com".to_owned()];
        let floor = Floor::new("http://127.0.0.1:9/", ids).unwrap();
        assert_eq!(
            floor.uri.to_string(),
            format!("http://127.0.0.1:9/meetings/{MEETING_ID}/attendees?operation=batch-create")
        );
        let body: serde_json::Value = serde_json::from_slice(&floor.body).unwrap();
        assert_eq!(body["Attendees"][1]["ExternalUserId"], "grace@example.com");
        let authorization = floor
            .headers
            .get("authorization")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
        assert!(authorization.contains("/us-east-1/chime/aws4_request"));
        assert!(floor.headers.get("x-amz-date").is_some());
        assert_eq!(floor.headers.get("host").unwrap(), "127.0.0.1:9");
    }
}
