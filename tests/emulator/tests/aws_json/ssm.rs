//! SSM Parameter Store: parameters of each type put, read (a secure string decrypted), a
//! version bumped by overwriting, a duplicate put failing with its typed error, a path read
//! through the paginator, and a missing parameter's typed error.

use shapegen_emulator_tests::aws_json_clients::ssm::{Client, types::ParameterType};
use shapegen_emulator_tests::moto;

use crate::common::assert_recent;

// Names are paths under `/app-config`: AWS (and moto) refuse names that begin with `ssm`.
#[tokio::test]
async fn parameters_are_put_read_versioned_and_listed_by_path() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let put = client
        .put_parameter()
        .name("/app-config/db/host")
        .value("db.internal")
        .r#type(ParameterType::String)
        .send()
        .await
        .unwrap();
    assert_eq!(put.version, 1);
    client
        .put_parameter()
        .name("/app-config/db/password")
        .value("hunter2")
        .r#type(ParameterType::SecureString)
        .send()
        .await
        .unwrap();
    client
        .put_parameter()
        .name("/app-config/regions")
        .value("eu-west-1,us-east-1")
        .r#type(ParameterType::StringList)
        .send()
        .await
        .unwrap();

    let password = client
        .get_parameter()
        .name("/app-config/db/password")
        .with_decryption(true)
        .send()
        .await
        .unwrap()
        .parameter
        .unwrap();
    assert_eq!(password.value.as_deref(), Some("hunter2"));
    assert_eq!(password.r#type, Some(ParameterType::SecureString));
    assert_recent(
        password.last_modified_date.as_ref(),
        "parameter LastModifiedDate",
    );

    let error = client
        .put_parameter()
        .name("/app-config/db/host")
        .value("db2.internal")
        .r#type(ParameterType::String)
        .send()
        .await
        .unwrap_err();
    assert!(
        error
            .as_service_error()
            .is_some_and(|e| e.is_parameter_already_exists()),
        "{error}"
    );
    let overwritten = client
        .put_parameter()
        .name("/app-config/db/host")
        .value("db2.internal")
        .r#type(ParameterType::String)
        .overwrite(true)
        .send()
        .await
        .unwrap();
    assert_eq!(overwritten.version, 2);

    let mut pages = client
        .get_parameters_by_path()
        .path("/app-config")
        .recursive(true)
        .with_decryption(true)
        .max_results(1)
        .into_paginator();
    let mut found = Vec::new();
    while let Some(page) = pages.next().await {
        for parameter in page.unwrap().parameters.unwrap_or_default() {
            found.push((
                parameter.name.unwrap_or_default(),
                parameter.value.unwrap_or_default(),
                parameter.version,
            ));
        }
    }
    found.sort();
    assert_eq!(
        found,
        [
            (
                "/app-config/db/host".to_owned(),
                "db2.internal".to_owned(),
                2
            ),
            (
                "/app-config/db/password".to_owned(),
                "hunter2".to_owned(),
                1
            ),
            (
                "/app-config/regions".to_owned(),
                "eu-west-1,us-east-1".to_owned(),
                1
            ),
        ]
    );

    for name in [
        "/app-config/db/host",
        "/app-config/db/password",
        "/app-config/regions",
    ] {
        client.delete_parameter().name(name).send().await.unwrap();
    }
    let error = client
        .get_parameter()
        .name("/app-config/db/host")
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().unwrap_or_else(|| {
        panic!("expected a service error, got {error:?}");
    });
    assert!(service.is_parameter_not_found(), "{error}");
}
