//! Amazon S3 Glacier: vaults addressed by account id `-` (the caller's account: the model
//! makes `accountId` a required label and leaves that convention to the caller), an archive
//! uploaded as a blob payload with a header, output bound to response headers, a job read
//! back as JSON, listing through the paginator, and the typed not-found error.

use sha2::{Digest, Sha256};
use shapegen_emulator_tests::clients::glacier::{
    Client,
    types::{ActionCode, JobParameters, StatusCode},
};
use shapegen_emulator_tests::moto;

/// The caller's own account, as Glacier spells it in a URI.
const OWN_ACCOUNT: &str = "-";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn vaults_are_created_described_listed_and_deleted() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let vaults = ["glacier-life-0", "glacier-life-1", "glacier-life-2"];
    for vault in vaults {
        let created = client
            .create_vault()
            .account_id(OWN_ACCOUNT)
            .vault_name(vault)
            .send()
            .await
            .unwrap();
        // moto 5.2.5 deviates from the model: it answers 201 without the `Location` header
        // (the vault's URI) that the service sends. Check it only where it is present.
        if let Some(location) = created.location {
            assert!(
                location.ends_with(&format!("/vaults/{vault}")),
                "{location:?}"
            );
        }
    }

    let described = client
        .describe_vault()
        .account_id(OWN_ACCOUNT)
        .vault_name("glacier-life-1")
        .send()
        .await
        .unwrap();
    assert_eq!(described.vault_name.as_deref(), Some("glacier-life-1"));
    assert!(
        described
            .vault_arn
            .as_deref()
            .is_some_and(|arn| arn.ends_with(":vaults/glacier-life-1")),
        "{:?}",
        described.vault_arn
    );
    assert_eq!(described.number_of_archives, 0);
    // Glacier's dates are ISO 8601 strings in the model, not timestamps.
    assert!(
        described
            .creation_date
            .as_deref()
            .is_some_and(|date| date.starts_with("20") && date.ends_with('Z')),
        "{:?}",
        described.creation_date
    );

    // moto 5.2.5 ignores `limit` and answers one page with `"Marker": null`; the paginator
    // stops there, as it would after the service's last page.
    let mut pages = client
        .list_vaults()
        .account_id(OWN_ACCOUNT)
        .limit(1)
        .into_paginator();
    let mut listed = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.unwrap();
        listed.extend(
            page.vault_list
                .unwrap_or_default()
                .into_iter()
                .filter_map(|v| v.vault_name),
        );
    }
    for vault in vaults {
        assert!(
            listed.iter().any(|v| v == vault),
            "{vault} not in {listed:?}"
        );
    }

    for vault in vaults {
        client
            .delete_vault()
            .account_id(OWN_ACCOUNT)
            .vault_name(vault)
            .send()
            .await
            .unwrap();
    }
    let error = client
        .describe_vault()
        .account_id(OWN_ACCOUNT)
        .vault_name("glacier-life-0")
        .send()
        .await
        .unwrap_err();
    let shapegen::Error::Service(service) = &error else {
        panic!("expected a service error, got {error:?}");
    };
    // moto 5.2.5 deviates from the model: it answers HTTP 400 `{"__type": "VaultNotFound",
    // "message": "Vault not found"}` where the service sends the modeled 404
    // `ResourceNotFoundException`. An unmodeled code is `Unhandled`, with code and message read.
    let err = service.err();
    if !err.is_resource_not_found_exception() {
        assert!(err.is_unhandled(), "{error}");
        assert_eq!(err.code(), Some("VaultNotFound"), "{error}");
        assert_eq!(err.message(), Some("Vault not found"), "{error}");
        assert_eq!(service.status(), 400);
    }
}

#[tokio::test]
async fn an_archive_is_uploaded_and_a_retrieval_job_started() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let vault = "glacier-archives";
    client
        .create_vault()
        .account_id(OWN_ACCOUNT)
        .vault_name(vault)
        .send()
        .await
        .unwrap();
    let archive: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    let uploaded = client
        .upload_archive()
        .account_id(OWN_ACCOUNT)
        .vault_name(vault)
        .archive_description("backup of 2026-11-27")
        .body(archive.clone())
        .send()
        .await
        .unwrap();
    // Both come from response headers (`x-amz-archive-id`, `x-amz-sha256-tree-hash`). Below
    // 1 MiB the tree hash is the SHA-256 of the body: moto hashed exactly the bytes we sent.
    let archive_id = uploaded.archive_id.unwrap();
    assert!(!archive_id.is_empty());
    assert_eq!(
        uploaded.checksum.as_deref(),
        Some(hex(&Sha256::digest(&archive)).as_str())
    );

    let job = client
        .initiate_job()
        .account_id(OWN_ACCOUNT)
        .vault_name(vault)
        .job_parameters(
            JobParameters::builder()
                .r#type("archive-retrieval")
                .archive_id(&archive_id)
                .tier("Bulk")
                .build(),
        )
        .send()
        .await
        .unwrap();
    let job_id = job.job_id.unwrap();
    // The job's URI, from the `Location` header. The service names the account number there;
    // moto 5.2.5 takes the account from a split of the full URL and leaves it empty
    // (`//vaults/…`), so only the path after the account is compared.
    let location = job.location.unwrap_or_default();
    assert!(
        location.ends_with(&format!("/vaults/{vault}/jobs/{job_id}")),
        "{location:?}"
    );
    let described = client
        .describe_job()
        .account_id(OWN_ACCOUNT)
        .vault_name(vault)
        .job_id(&job_id)
        .send()
        .await
        .unwrap();
    assert_eq!(described.job_id.as_deref(), Some(job_id.as_str()));
    assert_eq!(described.archive_id.as_deref(), Some(archive_id.as_str()));
    assert_eq!(described.action, Some(ActionCode::ArchiveRetrieval));
    assert!(
        matches!(
            described.status_code,
            Some(StatusCode::InProgress | StatusCode::Succeeded)
        ),
        "{:?}",
        described.status_code
    );
    assert_eq!(described.tier.as_deref(), Some("Bulk"));

    client
        .delete_archive()
        .account_id(OWN_ACCOUNT)
        .vault_name(vault)
        .archive_id(&archive_id)
        .send()
        .await
        .unwrap();
    client
        .delete_vault()
        .account_id(OWN_ACCOUNT)
        .vault_name(vault)
        .send()
        .await
        .unwrap();
}
