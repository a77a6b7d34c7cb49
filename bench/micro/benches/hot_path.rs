//! shapegen's per-call work without I/O, through the generated API and an in-memory
//! [`HttpClient`](shapegen::HttpClient):
//!
//! - `send_1_attendee_tiny_reply`: the fixed cost of a call;
//! - `send_100_attendees_tiny_reply`: validating, serialising and signing a 100-attendee request;
//! - `parse_100_attendee_reply`: reading a 100-attendee reply (a 1-attendee request);
//! - `resolve_error_reply`: turning a 400 `BadRequestException` into the typed error.
//!
//! and, as a yardstick for what any typed client pays, `reference/serde_json_parse_100_attendee_reply`:
//! `serde_json` (derived `Deserialize`, owned strings) reading the same 100-attendee reply into
//! structs of the same shape, with nothing else (no HTTP, no validation, no error handling).
//!
//! ```text
//! cargo bench -p shapegen-bench-micro [-- FILTER]
//! ```

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use shapegen_bench_loopback::workload::MEETING_ID;
use shapegen_bench_micro::meetings::types::CreateAttendeeRequestItem;
use shapegen_bench_micro::{Canned, client, items};

fn hot_path(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a tokio runtime");
    let mut group = c.benchmark_group("batch_create_attendee");
    let cases: [(&str, Canned, Vec<CreateAttendeeRequestItem>); 4] = [
        ("send_1_attendee_tiny_reply", Canned::tiny(), items(1)),
        ("send_100_attendees_tiny_reply", Canned::tiny(), items(100)),
        ("parse_100_attendee_reply", Canned::created(100), items(1)),
        ("resolve_error_reply", Canned::bad_request(), items(1)),
    ];
    for (name, reply, attendees) in cases {
        let client = client(reply);
        group.bench_function(name, |b| {
            b.to_async(&runtime).iter(|| async {
                // The input is cloned in each call, as a caller reusing its items would.
                let result = client
                    .batch_create_attendee()
                    .meeting_id(MEETING_ID)
                    .set_attendees(Some(black_box(&attendees).clone()))
                    .send()
                    .await;
                black_box(result)
            })
        });
    }
    group.finish();
}

/// The reply's shape as plain serde structs: the least a typed client parses into.
#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)] // Read only by `black_box`.
struct Reply {
    attendees: Vec<Attendee>,
    errors: Vec<AttendeeError>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct Attendee {
    external_user_id: Option<String>,
    attendee_id: Option<String>,
    join_token: Option<String>,
    capabilities: Option<serde_json::Value>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct AttendeeError {
    external_user_id: Option<String>,
    error_code: Option<String>,
    error_message: Option<String>,
}

fn reference(c: &mut Criterion) {
    let body = Canned::created(100).body().clone();
    let mut group = c.benchmark_group("reference");
    group.bench_function("serde_json_parse_100_attendee_reply", |b| {
        b.iter(|| {
            let reply: Reply = serde_json::from_slice(black_box(&body)).expect("a valid reply");
            assert_eq!(reply.attendees.len(), 100);
            black_box(reply)
        })
    });
    group.finish();
}

criterion_group!(benches, hot_path, reference);
criterion_main!(benches);
