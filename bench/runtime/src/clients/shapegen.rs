//! The client `shapegen::generate!` makes, validation on.

use shapegen_bench_loopback::workload::MEETING_ID;

use super::{BenchClient, check_attendees};

mod meetings {
    shapegen::generate! {
        spec: "../../../shared/models/smithy/chime-sdk-meetings.json",
        operations: [BatchCreateAttendee],
    }
}

use meetings::types::CreateAttendeeRequestItem;

/// shapegen's generated Chime SDK Meetings client.
pub struct Shapegen {
    client: meetings::Client,
    external_user_ids: Vec<String>,
}

impl Shapegen {
    /// A client of the endpoint at `url` that creates these attendees on each call.
    pub fn new(url: &str, external_user_ids: Vec<String>) -> Result<Self, String> {
        let config = shapegen::Config::builder()
            .endpoint_url(url)
            .region("us-east-1")
            .credentials(shapegen::Credentials::new("AKIDEXAMPLE", "secret", None))
            .build()
            .map_err(|error| error.to_string())?;
        Ok(Self {
            client: meetings::Client::new(config),
            external_user_ids,
        })
    }
}

impl BenchClient for Shapegen {
    async fn call(&self) -> Result<(), String> {
        let mut request = self.client.batch_create_attendee().meeting_id(MEETING_ID);
        for id in &self.external_user_ids {
            let item = CreateAttendeeRequestItem::builder()
                .external_user_id(id.as_str())
                .build()
                .map_err(|error| error.to_string())?;
            request = request.attendees(item);
        }
        let output = request.send().await.map_err(|error| error.to_string())?;
        check_attendees(
            output.attendees.as_ref().map_or(0, Vec::len),
            self.external_user_ids.len(),
        )
    }
}
