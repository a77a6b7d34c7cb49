//! The official SDK, `aws-sdk-chimesdkmeetings`, configured without `aws-config`.

use aws_sdk_chimesdkmeetings as sdk;
use sdk::config::retry::RetryConfig;
use sdk::config::{BehaviorVersion, Credentials, Region};
use sdk::types::CreateAttendeeRequestItem;
use shapegen_bench_loopback::workload::MEETING_ID;

use super::{BenchClient, check_attendees};

/// The official SDK's client, with its default HTTP client and standard retries.
pub struct Official {
    client: sdk::Client,
    external_user_ids: Vec<String>,
}

impl Official {
    /// A client of the endpoint at `url` that creates these attendees on each call.
    pub fn new(url: &str, external_user_ids: Vec<String>) -> Result<Self, String> {
        let config = sdk::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .endpoint_url(url)
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new(
                "AKIDEXAMPLE",
                "secret",
                None,
                None,
                "bench",
            ))
            .retry_config(RetryConfig::standard())
            .build();
        Ok(Self {
            client: sdk::Client::from_conf(config),
            external_user_ids,
        })
    }
}

impl BenchClient for Official {
    async fn call(&self) -> Result<(), String> {
        let mut request = self.client.batch_create_attendee().meeting_id(MEETING_ID);
        for id in &self.external_user_ids {
            let item = CreateAttendeeRequestItem::builder()
                .external_user_id(id.as_str())
                .build()
                .map_err(|error| error.to_string())?;
            request = request.attendees(item);
        }
        let output = request.send().await.map_err(|error| format!("{error:?}"))?;
        check_attendees(output.attendees().len(), self.external_user_ids.len())
    }
}
