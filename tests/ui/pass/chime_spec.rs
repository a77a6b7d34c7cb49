//! The client for `spec/chime.json` compiles without warnings and its API is usable.
#![deny(warnings)]

mod chime {
    shapegen::generate! {
        spec: "../spec/chime.json",
        service: "com.amazonaws.chime#UCBuzzConsoleService",
        operations: [BatchCreateAttendee],
    }
}

use chime::operation::batch_create_attendee::BatchCreateAttendeeError;
use chime::types::{CreateAttendeeRequestItem, ErrorCode, Tag};

fn describe(error: &shapegen::Error<BatchCreateAttendeeError>) -> String {
    match error.as_service_error() {
        Some(BatchCreateAttendeeError::ThrottledClientException(e)) => format!("slow down: {e}"),
        Some(other) => format!("{:?} {:?}", other.code(), other.is_retryable()),
        None => error.to_string(),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = shapegen::Config::builder()
        .endpoint_url("http://127.0.0.1:9")
        .region("us-east-1")
        .build()?;
    let client = chime::Client::new(config);
    let item = CreateAttendeeRequestItem::builder()
        .external_user_id("ada")
        .tags(Tag::builder().key("k").value("v").build()?)
        .build()?;
    let request = client.batch_create_attendee().meeting_id("id").attendees(item);
    assert_eq!(request.get_meeting_id().as_deref(), Some("id"));
    assert_eq!(ErrorCode::from("Throttled"), ErrorCode::Throttled);
    assert_eq!(ErrorCode::from("Brand-new").as_str(), "Brand-new");
    assert_eq!(ErrorCode::values().len(), 15);
    let missing = Tag::builder().key("k").build().unwrap_err();
    assert_eq!(missing.missing(), ["Value"]);
    let _ = describe;
    Ok(())
}
