//! Amazon DynamoDB: a table's life cycle, items of every attribute type through the
//! `AttributeValue` union, a conditional put failing with its typed error (and the old item),
//! query and scan through the paginator (their page token is a map of attribute values), a
//! batch write, and the typed not-found error.

use std::collections::HashMap;

use shapegen_emulator_tests::aws_json_clients::dynamodb::{
    Client,
    types::{
        AttributeDefinition, AttributeValue, BillingMode, DeleteRequest, KeySchemaElement, KeyType,
        PutRequest, ReturnValuesOnConditionCheckFailure, ScalarAttributeType, TableStatus,
        WriteRequest,
    },
};
use shapegen_emulator_tests::moto;

use crate::common::assert_recent;

type Item = HashMap<String, AttributeValue>;

fn s(value: &str) -> AttributeValue {
    AttributeValue::S(value.to_owned())
}

fn n(value: impl ToString) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

/// An order of `customer` with every kind of attribute value.
fn order(customer: &str, number: u32) -> Item {
    HashMap::from([
        ("customer".to_owned(), s(customer)),
        ("order".to_owned(), n(number)),
        ("total".to_owned(), n(format!("{number}.25"))),
        (
            "tags".to_owned(),
            AttributeValue::Ss(vec!["gift".to_owned(), "priority".to_owned()]),
        ),
        (
            "shipped".to_owned(),
            AttributeValue::Bool(number.is_multiple_of(2)),
        ),
        ("note".to_owned(), AttributeValue::Null(true)),
        (
            "receipt".to_owned(),
            AttributeValue::B(shapegen::Blob::new(vec![0, 159, 146, 150, number as u8])),
        ),
        (
            "address".to_owned(),
            AttributeValue::M(HashMap::from([
                ("city".to_owned(), s("London")),
                (
                    "lines".to_owned(),
                    AttributeValue::L(vec![s("1 Analytical Row")]),
                ),
            ])),
        ),
    ])
}

async fn create_orders_table(client: &Client, table: &str) {
    let created = client
        .create_table()
        .table_name(table)
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("customer")
                .attribute_type(ScalarAttributeType::S)
                .build()
                .unwrap(),
        )
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name("order")
                .attribute_type(ScalarAttributeType::N)
                .build()
                .unwrap(),
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("customer")
                .key_type(KeyType::Hash)
                .build()
                .unwrap(),
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name("order")
                .key_type(KeyType::Range)
                .build()
                .unwrap(),
        )
        .billing_mode(BillingMode::PayPerRequest)
        .send()
        .await
        .unwrap();
    let description = created.table_description.unwrap();
    assert_eq!(description.table_name.as_deref(), Some(table));
}

fn key(customer: &str, number: u32) -> Item {
    HashMap::from([
        ("customer".to_owned(), s(customer)),
        ("order".to_owned(), n(number)),
    ])
}

#[tokio::test]
async fn items_of_every_type_round_trip_and_a_failed_condition_is_typed() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let table = "ddb-orders-items";
    create_orders_table(&client, table).await;

    let described = client
        .describe_table()
        .table_name(table)
        .send()
        .await
        .unwrap()
        .table
        .unwrap();
    assert_eq!(described.table_status, Some(TableStatus::Active));
    assert_eq!(described.key_schema.map(|k| k.len()), Some(2));
    // awsJson timestamps are epoch seconds with a fraction.
    assert_recent(
        described.creation_date_time.as_ref(),
        "table CreationDateTime",
    );

    let item = order("ada", 1);
    client
        .put_item()
        .table_name(table)
        .set_item(Some(item.clone()))
        .send()
        .await
        .unwrap();
    let read = client
        .get_item()
        .table_name(table)
        .set_key(Some(key("ada", 1)))
        .consistent_read(true)
        .send()
        .await
        .unwrap()
        .item
        .unwrap();
    assert!(read == item, "the item came back changed");

    // Putting again only if no item has this key fails, and returns the item in the way.
    let error = client
        .put_item()
        .table_name(table)
        .set_item(Some(order("ada", 1)))
        .condition_expression("attribute_not_exists(customer)")
        .return_values_on_condition_check_failure(ReturnValuesOnConditionCheckFailure::AllOld)
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().unwrap_or_else(|| {
        panic!("expected a service error, got {error:?}");
    });
    assert!(service.is_conditional_check_failed_exception(), "{error}");
    assert_eq!(service.code(), Some("ConditionalCheckFailedException"));
    assert_eq!(
        error.as_service_error().map(|e| e.meta().status()),
        Some(400)
    );
    use shapegen_emulator_tests::aws_json_clients::dynamodb::operation::put_item::PutItemError;
    let Some(PutItemError::ConditionalCheckFailedException(failed)) = error.as_service_error()
    else {
        panic!("expected ConditionalCheckFailedException, got {error}");
    };
    assert!(
        failed.item.as_ref() == Some(&item),
        "{:?}",
        failed.message()
    );

    client
        .delete_table()
        .table_name(table)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn query_and_scan_page_through_a_partition_and_a_batch_write_lands() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let table = "ddb-orders-paged";
    create_orders_table(&client, table).await;

    // One batch: five orders of `grace`, one of `alan`, then delete one of `grace`'s.
    let mut writes: Vec<WriteRequest> = (1..=5)
        .map(|number| {
            WriteRequest::builder()
                .put_request(
                    PutRequest::builder()
                        .set_item(Some(order("grace", number)))
                        .build()
                        .unwrap(),
                )
                .build()
        })
        .collect();
    writes.push(
        WriteRequest::builder()
            .put_request(
                PutRequest::builder()
                    .set_item(Some(order("alan", 1)))
                    .build()
                    .unwrap(),
            )
            .build(),
    );
    let written = client
        .batch_write_item()
        .request_items(table, writes)
        .send()
        .await
        .unwrap();
    assert!(
        written
            .unprocessed_items
            .as_ref()
            .is_none_or(HashMap::is_empty),
        "unprocessed: {}",
        written.unprocessed_items.map_or(0, |u| u.len())
    );
    client
        .batch_write_item()
        .request_items(
            table,
            vec![
                WriteRequest::builder()
                    .delete_request(
                        DeleteRequest::builder()
                            .set_key(Some(key("grace", 3)))
                            .build()
                            .unwrap(),
                    )
                    .build(),
            ],
        )
        .send()
        .await
        .unwrap();

    // Query one partition two items at a time, in descending sort-key order: the paginator
    // sends each page's `LastEvaluatedKey` (a map of attribute values) back as the next
    // `ExclusiveStartKey`.
    let mut pages = client
        .query()
        .table_name(table)
        .key_condition_expression("customer = :c")
        .expression_attribute_values(":c", s("grace"))
        .scan_index_forward(false)
        .limit(2)
        .into_paginator();
    let mut orders = Vec::new();
    let mut page_count = 0;
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        page_count += 1;
        assert!(page.count <= 2, "{} items on a page of 2", page.count);
        for item in page.items.unwrap_or_default() {
            match item.get("order") {
                Some(AttributeValue::N(number)) => orders.push(number.clone()),
                other => panic!("order is not a number: {other:?}"),
            }
        }
        assert!(page_count < 10, "the query does not end");
    }
    assert_eq!(orders, ["5", "4", "2", "1"]);
    // DynamoDB may end with an empty page (3 pages); moto 5.2.5 sends no `LastEvaluatedKey`
    // with the page that holds the last item (2 pages).
    assert!(
        page_count >= 2,
        "{page_count} pages of at most 2 for 4 items"
    );

    // Scan three items at a time, item by item across pages.
    let mut items = client.scan().table_name(table).limit(3).into_items();
    let mut customers = Vec::new();
    while let Some(item) = items.next().await {
        let item = item.unwrap();
        if let Some(customer) = item.get("customer").and_then(AttributeValue::as_s) {
            customers.push(customer.clone());
        }
        assert!(customers.len() < 100, "the scan does not end");
    }
    customers.sort();
    assert_eq!(customers, ["alan", "grace", "grace", "grace", "grace"]);

    client
        .delete_table()
        .table_name(table)
        .send()
        .await
        .unwrap();
    let error = client
        .describe_table()
        .table_name(table)
        .send()
        .await
        .unwrap_err();
    assert!(
        error
            .as_service_error()
            .is_some_and(|e| e.is_resource_not_found_exception()),
        "{error}"
    );
}
