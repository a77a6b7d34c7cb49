//! A serialized operation request, before the endpoint, signing and retries are applied.

use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};

use crate::error::ConstructionError;

/// Method, path and query, headers and body of one operation call, as generated code builds it.
#[derive(Debug, Clone)]
pub struct HttpRequest {
    pub(crate) method: http::Method,
    pub(crate) path_and_query: String,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) host_prefix: Option<String>,
    pub(crate) endpoint_url: Option<String>,
    pub(crate) compress: bool,
}

impl HttpRequest {
    /// A request with no headers and an empty body. `path_and_query` starts with `/`.
    pub fn new(method: &str, path_and_query: String) -> Result<Self, ConstructionError> {
        let method = http::Method::from_bytes(method.as_bytes()).map_err(|_| {
            ConstructionError::new(format!("`{method}` is not a valid HTTP method"))
        })?;
        Ok(Self {
            method,
            path_and_query,
            headers: HeaderMap::new(),
            body: Bytes::new(),
            host_prefix: None,
            endpoint_url: None,
            compress: false,
        })
    }

    /// Adds a header; the value must be valid header text (no line breaks).
    pub fn header(&mut self, name: &str, value: &str) -> Result<(), ConstructionError> {
        let header = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| ConstructionError::new(format!("`{name}` is not a valid header name")))?;
        let value = HeaderValue::from_str(value).map_err(|_| {
            ConstructionError::new(format!(
                "the value of header `{name}` is not valid header text (line breaks or control characters)"
            ))
        })?;
        self.headers.append(header, value);
        Ok(())
    }

    /// Sets a JSON body and its `content-type`.
    pub fn json_body(&mut self, body: Vec<u8>) {
        self.headers
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        self.body = Bytes::from(body);
    }

    /// Sets a body with this `content-type`, unless a `content-type` header is already set.
    pub fn body_with_type(&mut self, body: impl Into<Bytes>, content_type: &'static str) {
        if !self.headers.contains_key(CONTENT_TYPE) {
            self.headers
                .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
        self.body = body.into();
    }

    /// Adds `Content-MD5` (base64 of the body's MD5), for `httpChecksumRequired` operations.
    pub fn content_md5(&mut self) {
        use md5::{Digest, Md5};
        let digest = Md5::digest(&self.body);
        let value = crate::types::Blob::new(digest.to_vec()).to_base64();
        if let Ok(value) = HeaderValue::from_str(&value) {
            self.headers
                .insert(http::header::HeaderName::from_static("content-md5"), value);
        }
    }

    /// Asks for gzip compression of the body (`requestCompression`); the client applies it to
    /// bodies of at least its configured minimum size, unless compression is disabled.
    pub fn compress_with_gzip(&mut self) {
        self.compress = true;
    }

    /// Compresses the body with gzip and appends `gzip` to `Content-Encoding`.
    pub(crate) fn apply_gzip(&mut self) -> Result<(), ConstructionError> {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder
            .write_all(&self.body)
            .and_then(|()| encoder.finish())
            .map(|compressed| self.body = Bytes::from(compressed))
            .map_err(|error| {
                ConstructionError::new(format!("cannot compress the body: {error}"))
            })?;
        let encoding = match self.headers.get(http::header::CONTENT_ENCODING) {
            Some(existing) => format!("{}, gzip", existing.to_str().unwrap_or_default()),
            None => "gzip".to_owned(),
        };
        let value = HeaderValue::from_str(&encoding)
            .map_err(|_| ConstructionError::new("invalid Content-Encoding header"))?;
        self.headers.insert(http::header::CONTENT_ENCODING, value);
        Ok(())
    }

    /// Prefixes the endpoint's host (`smithy.api#endpoint`), e.g. `data-` or `bucket.`.
    pub fn host_prefix(&mut self, prefix: String) {
        self.host_prefix = Some(prefix);
    }

    /// Sends this call to `url` instead of the resolved endpoint, signed for the same scope;
    /// an empty `url` is ignored. For operations whose input holds the URL to call (an AWS
    /// SDK customization: Amazon ML's `Predict` goes to its `PredictEndpoint`).
    pub fn endpoint_url(&mut self, url: &str) {
        if !url.is_empty() {
            self.endpoint_url = Some(url.to_owned());
        }
    }

    /// The HTTP method.
    pub fn method(&self) -> &http::Method {
        &self.method
    }

    /// The path and query (`/meetings/…/attendees?operation=batch-create`).
    pub fn path_and_query(&self) -> &str {
        &self.path_and_query
    }

    /// The headers set so far.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }
}
