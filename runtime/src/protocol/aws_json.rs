//! awsJson1_0 and awsJson1_1 requests: `POST` to the endpoint's path, the operation named by
//! `X-Amz-Target`, the whole input as the JSON body.

use bytes::Bytes;
use http::HeaderValue;
use http::header::CONTENT_TYPE;

use super::AwsJsonVersion;
use crate::error::ConstructionError;
use crate::request::HttpRequest;

/// A request for `target` (`{service shape name}.{operation name}`) with this JSON `body`.
pub fn request(
    version: AwsJsonVersion,
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
    request.body = Bytes::from(body);
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_post_the_body_to_the_root_with_the_target() {
        let request = request(AwsJsonVersion::V1_1, "Svc.DoIt", b"{}".to_vec()).unwrap();
        assert_eq!(request.method(), http::Method::POST);
        assert_eq!(request.path_and_query(), "/");
        assert_eq!(request.headers()["x-amz-target"], "Svc.DoIt");
        assert_eq!(
            request.headers()["content-type"],
            "application/x-amz-json-1.1"
        );
        assert_eq!(request.body().as_ref(), b"{}");
    }
}
