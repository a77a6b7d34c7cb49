//! awsJson1_0 and awsJson1_1 requests: `POST` to the endpoint's path, the operation named by
//! `X-Amz-Target`, the whole input as the JSON body; clients of query-compatible services add
//! `x-amzn-query-mode: true`.

use bytes::Bytes;
use http::HeaderValue;
use http::header::CONTENT_TYPE;

use super::AwsJsonVersion;
use crate::error::ConstructionError;
use crate::request::HttpRequest;

/// The header with which clients of a query-compatible service say so (`x-amzn-query-mode:
/// true`), so that the service answers errors with their legacy awsQuery codes too.
const QUERY_MODE: http::header::HeaderName =
    http::header::HeaderName::from_static("x-amzn-query-mode");

/// A request for `target` (`{service shape name}.{operation name}`) with this JSON `body`;
/// `query_compatible` for services with `aws.protocols#awsQueryCompatible`.
pub fn request(
    version: AwsJsonVersion,
    query_compatible: bool,
    target: &'static str,
    body: Vec<u8>,
) -> Result<HttpRequest, ConstructionError> {
    let mut request = HttpRequest::new("POST", String::from("/"))?;
    let content_type = match version {
        AwsJsonVersion::V1_0 => "application/x-amz-json-1.0",
        AwsJsonVersion::V1_1 => "application/x-amz-json-1.1",
    };
    request
        .headers
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    let target = HeaderValue::from_str(target).map_err(|_| {
        ConstructionError::new("the operation's X-Amz-Target is not valid header text")
    })?;
    request.headers.insert(
        http::header::HeaderName::from_static("x-amz-target"),
        target,
    );
    if query_compatible {
        request
            .headers
            .insert(QUERY_MODE, HeaderValue::from_static("true"));
    }
    request.body = Bytes::from(body);
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_post_the_body_to_the_root_with_the_target() {
        let request = request(AwsJsonVersion::V1_1, false, "Svc.DoIt", b"{}".to_vec()).unwrap();
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.path_and_query(), "/");
        assert_eq!(request.headers()["x-amz-target"], "Svc.DoIt");
        assert_eq!(
            request.headers()["content-type"],
            "application/x-amz-json-1.1"
        );
        assert_eq!(request.body().as_ref(), b"{}");
        assert!(!request.headers().contains_key("x-amzn-query-mode"));
    }

    #[test]
    fn query_compatible_services_ask_for_query_mode() {
        let request = request(AwsJsonVersion::V1_0, true, "Svc.DoIt", b"{}".to_vec()).unwrap();
        assert_eq!(request.headers()["x-amzn-query-mode"], "true");
        assert_eq!(
            request.headers()["content-type"],
            "application/x-amz-json-1.0"
        );
    }
}
