//! A loopback Amazon Chime SDK Meetings endpoint answering `BatchCreateAttendee`
//! (`POST /meetings/{MeetingId}/attendees?operation=batch-create`), the same for every client
//! under test, and the workload the benchmarks send it.
//!
//! The server is deliberately cheap: attendee ids and join tokens are computed once, a request
//! body is parsed only to echo its attendees, and signatures are not checked. Bad input gets a
//! modeled error reply (400 or 404), never a panic.

mod reply;
mod server;
pub mod workload;

pub use reply::{Answer, Responder};
pub use server::serve;
