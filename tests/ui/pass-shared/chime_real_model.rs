//! The real published Chime model (836 shapes, 191 operations) with one operation selected:
//! only its closure is generated, it compiles without warnings, and it talks to the
//! in-memory Chime endpoint.
#![deny(warnings)]

mod chime {
    shapegen::generate! {
        spec: "../../shared/models/smithy/chime.json",
        operations: [BatchCreateAttendee],
    }
}

use chime::types::{CreateAttendeeRequestItem, Tag};

#[tokio::main]
async fn main() {
    let endpoint = shapegen_tests::ChimeEndpoint::start_with_credentials("AKID", "SECRET", "us-east-1").await;
    let meeting = endpoint.create_meeting();
    let config = shapegen::Config::builder()
        .endpoint_url(endpoint.url())
        .region("us-east-1")
        .credentials(shapegen::Credentials::new("AKID", "SECRET", None))
        .build()
        .unwrap();
    let client = chime::Client::new(config);
    let item = CreateAttendeeRequestItem::builder()
        .external_user_id("ada@example.com")
        .tags(Tag::builder().key("team").value("compilers").build().unwrap())
        .build()
        .unwrap();
    // The real model marks the operation deprecated (replaced by Chime SDK Meetings).
    #[allow(deprecated)]
    let call = client.batch_create_attendee();
    let output = call.meeting_id(&meeting).attendees(item).send().await.unwrap();
    assert_eq!(output.attendees.unwrap().len(), 1);
    assert_eq!(endpoint.attendees(&meeting).len(), 1);
}
