//! Amazon EFS: file systems, whose required `CreationToken` is an idempotency token (filled in
//! by the client when not given), a duplicate token's typed error, paging by marker, deletion.

use shapegen_emulator_tests::clients::efs::{
    Client,
    types::{LifeCycleState, PerformanceMode, Tag},
};
use shapegen_emulator_tests::moto;

use crate::common::assert_recent;

#[tokio::test]
async fn a_file_system_without_a_token_gets_one_and_lives_until_deleted() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let created = client
        .create_file_system()
        .performance_mode(PerformanceMode::GeneralPurpose)
        .encrypted(true)
        .tags(
            Tag::builder()
                .key("Name")
                .value("efs-auto-token")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    // The client filled in the required idempotency token; moto echoes it.
    assert!(!created.creation_token.is_empty());
    assert!(
        created.file_system_id.starts_with("fs-"),
        "{}",
        created.file_system_id
    );
    assert_eq!(created.name.as_deref(), Some("efs-auto-token"));
    assert_eq!(created.encrypted, Some(true));
    assert!(
        matches!(
            created.life_cycle_state,
            LifeCycleState::Creating | LifeCycleState::Available
        ),
        "{:?}",
        created.life_cycle_state
    );
    assert_recent(Some(&created.creation_time), "file system CreationTime");

    let described = client
        .describe_file_systems()
        .file_system_id(&created.file_system_id)
        .send()
        .await
        .unwrap()
        .file_systems
        .unwrap();
    assert_eq!(described.len(), 1);
    assert_eq!(described[0].creation_token, created.creation_token);
    assert_eq!(
        described[0].performance_mode,
        PerformanceMode::GeneralPurpose
    );
    assert_eq!(described[0].tags.len(), 1);
    assert_eq!(described[0].tags[0].value, "efs-auto-token");

    client
        .delete_file_system()
        .file_system_id(&created.file_system_id)
        .send()
        .await
        .unwrap();
    let error = client
        .describe_file_systems()
        .file_system_id(&created.file_system_id)
        .send()
        .await
        .unwrap_err();
    let not_found = error.as_service_error().unwrap_or_else(|| {
        panic!("expected a service error, got {error:?}");
    });
    assert!(not_found.is_file_system_not_found(), "{error}");
    assert!(
        error.to_string().starts_with("FileSystemNotFound: "),
        "{error}"
    );
}

#[tokio::test]
async fn a_repeated_creation_token_is_a_typed_already_exists_error() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let first = client
        .create_file_system()
        .creation_token("efs-token-repeated")
        .send()
        .await
        .unwrap();
    assert_eq!(first.creation_token, "efs-token-repeated");
    let error = client
        .create_file_system()
        .creation_token("efs-token-repeated")
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().unwrap_or_else(|| {
        panic!("expected a service error, got {error:?}");
    });
    assert!(service.is_file_system_already_exists(), "{error}");
    assert_eq!(
        error.as_service_error().map(|e| e.meta().status()),
        Some(409)
    );
    // moto 5.2.5 sends only `__type` and `message`: the model's required `ErrorCode` and
    // `FileSystemId` members are absent (the service sends both), so they read as empty.
    assert!(
        service
            .message()
            .is_some_and(|m| m.contains("efs-token-repeated")),
        "{error}"
    );
    client
        .delete_file_system()
        .file_system_id(&first.file_system_id)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn file_systems_page_by_marker() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let mut ids = Vec::new();
    for n in 0..3 {
        let created = client
            .create_file_system()
            .creation_token(format!("efs-paged-{n}"))
            .send()
            .await
            .unwrap();
        ids.push(created.file_system_id);
    }
    let mut pages = client.describe_file_systems().max_items(1).into_paginator();
    let mut seen = Vec::new();
    let mut page_count = 0;
    while let Some(page) = pages.next().await {
        page_count += 1;
        let file_systems = page.unwrap().file_systems.unwrap_or_default();
        assert!(
            file_systems.len() <= 1,
            "{} on a page of 1",
            file_systems.len()
        );
        seen.extend(file_systems.into_iter().map(|fs| fs.file_system_id));
    }
    for id in &ids {
        assert!(seen.contains(id), "{id} not in {seen:?}");
    }
    assert!(page_count >= ids.len(), "{page_count} pages for {seen:?}");
    for id in &ids {
        client
            .delete_file_system()
            .file_system_id(id)
            .send()
            .await
            .unwrap();
    }
}
