//! AWS KMS: a symmetric key, described, then data encrypted and decrypted (blobs, base64 on
//! the wire) with an encryption context, a wrong context failing with its typed error, and a
//! missing key's typed error.

use shapegen::Blob;
use shapegen_emulator_tests::aws_json_clients::kms::{
    Client,
    types::{KeySpec, KeyState, KeyUsageType},
};
use shapegen_emulator_tests::moto;

use crate::common::assert_recent;

#[tokio::test]
async fn data_is_encrypted_and_decrypted_under_a_new_key() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let key = client
        .create_key()
        .description("kms-envelope")
        .key_usage(KeyUsageType::EncryptDecrypt)
        .key_spec(KeySpec::SymmetricDefault)
        .send()
        .await
        .unwrap()
        .key_metadata
        .unwrap();
    assert!(key.enabled);
    assert_eq!(key.key_state, Some(KeyState::Enabled));
    assert_recent(key.creation_date.as_ref(), "key CreationDate");
    let described = client
        .describe_key()
        .key_id(&key.key_id)
        .send()
        .await
        .unwrap()
        .key_metadata
        .unwrap();
    assert_eq!(described.description.as_deref(), Some("kms-envelope"));
    assert_eq!(described.arn, key.arn);

    let plaintext: Vec<u8> = (0..=255u8).collect();
    let encrypted = client
        .encrypt()
        .key_id(&key.key_id)
        .plaintext(plaintext.clone())
        .encryption_context("purpose", "backup")
        .send()
        .await
        .unwrap();
    let ciphertext = encrypted.ciphertext_blob.unwrap();
    assert_ne!(ciphertext.as_bytes(), &plaintext[..]);
    let decrypted = client
        .decrypt()
        .ciphertext_blob(ciphertext.clone())
        .encryption_context("purpose", "backup")
        .send()
        .await
        .unwrap();
    assert_eq!(
        decrypted.plaintext.as_ref().map(Blob::as_bytes),
        Some(&plaintext[..])
    );
    assert!(
        decrypted
            .key_id
            .as_deref()
            .is_some_and(|id| id.ends_with(&key.key_id)),
        "{:?}",
        decrypted.key_id
    );

    let error = client
        .decrypt()
        .ciphertext_blob(ciphertext)
        .encryption_context("purpose", "something else")
        .send()
        .await
        .unwrap_err();
    assert!(
        error
            .as_service_error()
            .is_some_and(|e| e.is_invalid_ciphertext_exception()),
        "{error}"
    );
}

#[tokio::test]
async fn a_missing_key_is_a_typed_not_found_error() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let error = client
        .describe_key()
        .key_id("00000000-0000-0000-0000-000000000000")
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().unwrap_or_else(|| {
        panic!("expected a service error, got {error:?}");
    });
    assert!(service.is_not_found_exception(), "{error}");
    assert!(
        service
            .message()
            .is_some_and(|m| m.contains("00000000-0000-0000-0000-000000000000")),
        "{error}"
    );
}
