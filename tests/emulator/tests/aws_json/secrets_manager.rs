//! AWS Secrets Manager: a secret created (its required idempotency token filled in by the
//! client), read, given a new version, listed through the paginator with a name filter,
//! deleted, and a missing secret's typed error.

use shapegen_emulator_tests::aws_json_clients::secrets_manager::{
    Client,
    types::{Filter, FilterNameStringType},
};
use shapegen_emulator_tests::moto;

use crate::common::assert_recent;

#[tokio::test]
async fn a_secret_gets_a_new_version_and_is_listed_then_deleted() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let created = client
        .create_secret()
        .name("secrets-db-password")
        .secret_string("hunter2")
        .description("the database password")
        .send()
        .await
        .unwrap();
    let first_version = created.version_id.unwrap();
    let value = client
        .get_secret_value()
        .secret_id("secrets-db-password")
        .send()
        .await
        .unwrap();
    assert_eq!(value.secret_string.as_deref(), Some("hunter2"));
    assert_eq!(value.version_id.as_deref(), Some(first_version.as_str()));
    assert!(
        value
            .version_stages
            .as_ref()
            .is_some_and(|stages| stages.iter().any(|s| s == "AWSCURRENT")),
        "{:?}",
        value.version_stages
    );
    assert_recent(value.created_date.as_ref(), "secret CreatedDate");
    // The secret value never shows in Debug output.
    assert!(!format!("{value:?}").contains("hunter2"));

    let put = client
        .put_secret_value()
        .secret_id("secrets-db-password")
        .secret_binary(vec![1u8, 2, 3])
        .send()
        .await
        .unwrap();
    let second_version = put.version_id.unwrap();
    assert_ne!(second_version, first_version);
    let value = client
        .get_secret_value()
        .secret_id("secrets-db-password")
        .send()
        .await
        .unwrap();
    assert_eq!(
        value.secret_binary.as_ref().map(|b| b.as_bytes()),
        Some(&[1u8, 2, 3][..])
    );
    let previous = client
        .get_secret_value()
        .secret_id("secrets-db-password")
        .version_stage("AWSPREVIOUS")
        .send()
        .await
        .unwrap();
    assert_eq!(previous.secret_string.as_deref(), Some("hunter2"));

    for n in 0..3 {
        client
            .create_secret()
            .name(format!("secrets-listed-{n}"))
            .secret_string("value")
            .send()
            .await
            .unwrap();
    }
    let mut pages = client
        .list_secrets()
        .filters(
            Filter::builder()
                .key(FilterNameStringType::Name)
                .values("secrets-listed-")
                .build(),
        )
        .max_results(2)
        .into_paginator();
    let mut names = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        names.extend(
            page.secret_list
                .unwrap_or_default()
                .into_iter()
                .filter_map(|s| s.name),
        );
    }
    names.sort();
    assert_eq!(
        names,
        ["secrets-listed-0", "secrets-listed-1", "secrets-listed-2"]
    );

    for name in names
        .iter()
        .map(String::as_str)
        .chain(["secrets-db-password"])
    {
        let deleted = client
            .delete_secret()
            .secret_id(name)
            .force_delete_without_recovery(true)
            .send()
            .await
            .unwrap();
        assert_eq!(deleted.name.as_deref(), Some(name));
    }
    let error = client
        .get_secret_value()
        .secret_id("secrets-db-password")
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().unwrap_or_else(|| {
        panic!("expected a service error, got {error:?}");
    });
    assert!(service.is_resource_not_found_exception(), "{error}");
    assert!(service.message().is_some_and(|m| !m.is_empty()), "{error}");
}
