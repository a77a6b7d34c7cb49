//! The client `shapegen::generate!` makes from the DynamoDB model, validation on.

use std::collections::HashMap;

use super::{BenchClient, InMemory, ItemFacts, Operation, Route, check_item, check_page};
use crate::workload::{PARTITION, TABLE_NAME, sort_key};

mod dynamodb {
    shapegen::generate! {
        spec: "../../../shared/models/aws/dynamodb.json",
        operations: [GetItem, Query],
    }
}

use dynamodb::types::AttributeValue;

/// shapegen's generated DynamoDB client.
pub struct Shapegen {
    client: dynamodb::Client,
    page: usize,
}

impl Shapegen {
    /// A client of the endpoint `route` leads to that queries pages of `page` items.
    pub fn new(route: Route<'_>, page: usize) -> Result<Self, String> {
        let builder = shapegen::Config::builder()
            .region("us-east-1")
            .credentials(shapegen::Credentials::new("AKIDEXAMPLE", "secret", None));
        let builder = match route {
            Route::Url(url) => builder.endpoint_url(url),
            Route::Memory(endpoint) => builder
                .endpoint_url(InMemory::URL)
                .http_client(endpoint.clone()),
        };
        let config = builder.build().map_err(|error| error.to_string())?;
        Ok(Self {
            client: dynamodb::Client::new(config),
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
            .and_then(AttributeValue::as_m)
            .and_then(|address| address.get("geo"))
            .and_then(AttributeValue::as_m)
            .and_then(|geo| geo.get("lat"))
            .and_then(AttributeValue::as_n)
            .map(String::as_str),
        history: item
            .get("history")
            .and_then(AttributeValue::as_l)
            .map(Vec::len),
    }
}

impl BenchClient for Shapegen {
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
                    .map_err(|error| error.to_string())?;
                let item = output.item.ok_or("GetItem found no item")?;
                check_item(facts(&item), 0)
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
                    .map_err(|error| error.to_string())?;
                let items = output.items.unwrap_or_default();
                check_page(
                    items.len(),
                    output.count,
                    items.last().map(facts),
                    self.page,
                )
            }
        }
    }
}
