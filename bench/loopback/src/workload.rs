//! What the benchmarks send: one meeting, attendees with predictable external user ids.

/// The meeting every request names.
pub const MEETING_ID: &str = "8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b";

/// The most attendees one `BatchCreateAttendee` request may carry (the model's list length).
pub const MAX_ATTENDEES: usize = 100;

/// The external user id of attendee `index`.
pub fn external_user_id(index: usize) -> String {
    format!("attendee-{index:03}@example.com")
}

/// The external user ids of the first `count` attendees.
pub fn external_user_ids(count: usize) -> Vec<String> {
    (0..count).map(external_user_id).collect()
}
