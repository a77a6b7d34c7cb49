//! shapegen's per-call work without I/O, through the generated API and an in-memory
//! [`HttpClient`](shapegen::HttpClient):
//!
//! - `send_1_attendee_tiny_reply`: the fixed cost of a call;
//! - `send_100_attendees_tiny_reply`: validating, serialising and signing a 100-attendee request;
//! - `parse_100_attendee_reply`: reading a 100-attendee reply (a 1-attendee request);
//! - `resolve_error_reply`: turning a 400 `BadRequestException` into the typed error.
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

criterion_group!(benches, hot_path);
criterion_main!(benches);
