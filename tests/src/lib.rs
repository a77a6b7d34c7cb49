//! Loopback HTTP servers for shapegen's end-to-end tests and examples.
//!
//! Every server here listens on an ephemeral port of `127.0.0.1`, serves HTTP/1.1 with
//! keep-alive (one task per connection) and stops when dropped. Nothing in this crate
//! talks to the network beyond `127.0.0.1`, and nothing depends on the client under test:
//!
//! * [`ScriptedServer`] records every request and answers from a script of [`Reply`]s, for
//!   tests of the client's wire behaviour (serialization, retries, timeouts, errors);
//! * [`ChimeEndpoint`] is an in-memory Amazon Chime endpoint implementing
//!   `BatchCreateAttendee` like the real service, optionally requiring SigV4 signatures;
//! * [`SigV4Verifier`] checks SigV4 signatures of received or recorded requests;
//! * [`ItemTable`] is an in-memory DynamoDB table answering `PutItem` and `GetItem`
//!   (awsJson1_0), for round trips of items;
//! * [`RawServer`] answers with scripted raw bytes, for replies no well-behaved server sends;
//! * [`unused_local_url`] gives a URL where nothing listens, for connection failures.
//!
//! The servers never panic on bad input: they answer `4xx`/`5xx` instead.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod amz_date;
pub mod chime;
mod chime_errors;
mod chime_input;
mod chime_meetings;
mod ids;
pub mod item_table;
pub mod raw;
pub mod scripted;
mod server;
pub mod sigv4_check;
#[cfg(test)]
mod test_http;

pub use chime::ChimeEndpoint;
pub use chime_meetings::MAX_ATTENDEES_PER_MEETING;
pub use item_table::ItemTable;
pub use raw::RawServer;
pub use scripted::{RecordedRequest, Reply, ScriptedServer, unused_local_url};
pub use sigv4_check::{SigV4Error, SigV4Verifier};

/// The directory of the real AWS models and protocol tests (`../shared` beside the checkout).
///
/// Returns `None`, after printing a notice, when it is missing: a user's fresh clone has no
/// `../shared`. With `SHAPEGEN_REQUIRE_SHARED=1` (as CI sets) a missing directory panics, so
/// the tests that need it cannot be skipped silently.
pub fn shared_dir() -> Option<std::path::PathBuf> {
    shapegen_shared_dir::lookup("models", "a test that needs the real AWS models")
        .and_then(|models| models.parent().map(std::path::Path::to_path_buf))
}
