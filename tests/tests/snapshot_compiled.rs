//! The snapshots of `snapshot.rs`, compiled as ordinary source: the compiler and clippy (which
//! skip many lints inside macro expansions) check the generated code in full.

#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../snapshots/chime.rs"]
mod chime_snapshot;

#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../snapshots/weather.rs"]
mod weather_snapshot;

#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../snapshots/fallbacks.rs"]
mod fallbacks_snapshot;

#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../snapshots/chime_sdk_meetings.rs"]
mod chime_sdk_meetings_snapshot;

#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../snapshots/paging.rs"]
mod paging_snapshot;

#[test]
fn the_compiled_snapshot_is_a_working_client() {
    let config = shapegen::Config::builder().build().unwrap();
    let client = chime_snapshot::Client::new(config);
    let builder = client.batch_create_attendee().meeting_id("m");
    assert_eq!(builder.get_meeting_id().as_deref(), Some("m"));
}
