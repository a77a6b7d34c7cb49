//! The `error_code` checks: any reply is identified as an error without a panic, by every
//! protocol's rules, and the code found is a bare shape name, whichever of the places it can
//! come from held it.

use shapegen::__private::{AwsJsonVersion, Protocol, fmt_service_error, request_id};
use shapegen::{ErrorMetadata, OperationError};

use crate::reply::Reply;

/// Every way a protocol reads an error reply.
const PROTOCOLS: [Protocol; 3] = [
    Protocol::RestJson1,
    Protocol::AwsJson {
        version: AwsJsonVersion::V1_0,
        query_compatible: false,
    },
    Protocol::AwsJson {
        version: AwsJsonVersion::V1_0,
        query_compatible: true,
    },
];

/// Runs every check on a reply; panics on a finding.
pub fn check(data: &[u8]) {
    let reply = Reply::decode(data);
    for protocol in PROTOCOLS {
        let meta = protocol.error_metadata(reply.status, &reply.headers, &reply.body);
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
            request_id(&reply.headers)
        );
        let shown = Shown(meta);
        let _ = format!("{:?} {shown}", shown.0);
    }
}

/// An error carrying only the reply's metadata, formatted the way generated error enums are.
#[derive(Debug)]
struct Shown(ErrorMetadata);

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fmt_service_error(f, self)
    }
}

impl std::error::Error for Shown {}

impl OperationError for Shown {
    fn code(&self) -> Option<&str> {
        self.0.code()
    }

    fn message(&self) -> Option<&str> {
        self.0.message()
    }

    fn meta(&self) -> &ErrorMetadata {
        &self.0
    }
}
