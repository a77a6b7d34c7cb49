//! The `error_code` checks: any reply is identified as an error without a panic, and the code
//! found is a bare shape name, whichever of the places it can come from held it.

use shapegen::__private::{fmt_service_error, rest_json, retry};
use shapegen::ErrorMetadata;

use crate::reply::Reply;

/// Runs every check on a reply; panics on a finding.
pub fn check(data: &[u8]) {
    let reply = Reply::decode(data);
    let meta = rest_json::error_metadata(reply.status, &reply.headers, &reply.body);
    assert_eq!(meta.status(), reply.status);
    if let Some(code) = meta.code() {
        assert!(!code.is_empty(), "an empty code");
        assert!(
            !code.contains([':', '#']),
            "a code that is not a bare name: {code:?}"
        );
        assert_eq!(code, code.trim(), "a code with spaces around it");
    }
    assert_eq!(
        meta.request_id().map(str::to_owned),
        rest_json::request_id(&reply.headers)
    );
    let _ = retry::is_retryable(&meta);
    let _ = retry::is_throttling(&meta);
    let _ = format!("{meta:?} {}", Shown(&meta));
}

/// Formats metadata the way generated error types do.
struct Shown<'a>(&'a ErrorMetadata);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fmt_service_error(f, self.0.code(), self.0.message(), self.0)
    }
}
