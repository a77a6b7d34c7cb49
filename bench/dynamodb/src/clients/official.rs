//! The official SDK, `aws-sdk-dynamodb`, configured without `aws-config`.

use std::collections::HashMap;

use aws_sdk_dynamodb as sdk;
use sdk::config::retry::RetryConfig;
use sdk::config::{BehaviorVersion, Credentials, Region};
use sdk::types::AttributeValue;

use super::{BenchClient, InMemory, ItemFacts, Operation, Route, check_item, check_page};
use crate::workload::{PARTITION, TABLE_NAME, sort_key};

/// The official SDK's client, with its default HTTP client and standard retries.
pub struct Official {
    client: sdk::Client,
    page: usize,
}

impl Official {
    /// A client of the endpoint `route` leads to that queries pages of `page` items.
    pub fn new(route: Route<'_>, page: usize) -> Result<Self, String> {
        let builder = match route {
            Route::Url(url) => sdk::Config::builder().endpoint_url(url),
            Route::Memory(endpoint) => sdk::Config::builder()
                .endpoint_url(InMemory::URL)
                .http_client(endpoint.sdk_http_client()),
        };
        let config = builder
            .behavior_version(BehaviorVersion::latest())
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
            page,
        })
    }
}

/// What the checks need from an item.
fn facts(item: &HashMap<String, AttributeValue>) -> ItemFacts<'_> {
    ItemFacts {
        attributes: item.len(),
        latitude: item
            .get("address")
            .and_then(|address| address.as_m().ok())
            .and_then(|address| address.get("geo"))
            .and_then(|geo| geo.as_m().ok())
            .and_then(|geo| geo.get("lat"))
            .and_then(|lat| lat.as_n().ok())
            .map(String::as_str),
        history: item
            .get("history")
            .and_then(|history| history.as_l().ok())
            .map(Vec::len),
    }
}

impl BenchClient for Official {
    async fn call(&self, operation: Operation) -> Result<(), String> {
        match operation {
            Operation::GetItem => {
                let output = self
                    .client
                    .get_item()
                    .table_name(TABLE_NAME)
                    .key("pk", AttributeValue::S(PARTITION.to_owned()))
                    .key("sk", AttributeValue::N(sort_key(0)))
                    .send()
                    .await
                    .map_err(|error| format!("{error:?}"))?;
                let item = output.item().ok_or("GetItem found no item")?;
                check_item(facts(item), 0)
            }
            Operation::Query => {
                let output = self
                    .client
                    .query()
                    .table_name(TABLE_NAME)
                    .key_condition_expression("pk = :pk")
                    .expression_attribute_values(":pk", AttributeValue::S(PARTITION.to_owned()))
                    .limit(i32::try_from(self.page).map_err(|error| error.to_string())?)
                    .send()
                    .await
                    .map_err(|error| format!("{error:?}"))?;
                let items = output.items();
                check_page(
                    items.len(),
                    output.count(),
                    items.last().map(facts),
                    self.page,
                )
            }
        }
    }
}
