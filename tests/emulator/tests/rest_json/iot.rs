//! AWS IoT: things with attributes, merged and replaced by updates, listed by attribute
//! through the paginator (moto pages `listThings` by `maxResults`), the typed not-found error,
//! and a name the model's pattern rejects before sending.

use shapegen_emulator_tests::clients::iot::{Client, types::AttributePayload};
use shapegen_emulator_tests::moto;

fn attributes(pairs: &[(&str, &str)], merge: bool) -> AttributePayload {
    pairs
        .iter()
        .fold(AttributePayload::builder(), |payload, (k, v)| {
            payload.attributes(*k, *v)
        })
        .merge(merge)
        .build()
}

#[tokio::test]
async fn things_are_listed_by_attribute_one_page_at_a_time() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    for n in 0..5 {
        let created = client
            .create_thing()
            .thing_name(format!("iot-paged-{n}"))
            .attribute_payload(attributes(
                &[("scenario", "paged"), ("n", &n.to_string())],
                false,
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(created.thing_name, Some(format!("iot-paged-{n}")));
        assert!(
            created
                .thing_arn
                .as_deref()
                .is_some_and(|arn| arn.ends_with(&format!(":thing/iot-paged-{n}"))),
            "{:?}",
            created.thing_arn
        );
    }
    let mut pages = client
        .list_things()
        .attribute_name("scenario")
        .attribute_value("paged")
        .max_results(2)
        .into_paginator();
    let mut sizes = Vec::new();
    let mut names = Vec::new();
    while let Some(page) = pages.next().await {
        let things = page.unwrap().things.unwrap_or_default();
        sizes.push(things.len());
        for thing in things {
            let attributes = thing.attributes.unwrap_or_default();
            assert_eq!(
                attributes.get("scenario").map(String::as_str),
                Some("paged")
            );
            names.extend(thing.thing_name);
        }
    }
    assert_eq!(sizes, [2, 2, 1]);
    names.sort();
    assert_eq!(
        names,
        [
            "iot-paged-0",
            "iot-paged-1",
            "iot-paged-2",
            "iot-paged-3",
            "iot-paged-4"
        ]
    );
    for n in 0..5 {
        client
            .delete_thing()
            .thing_name(format!("iot-paged-{n}"))
            .send()
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn updates_merge_or_replace_attributes_and_deletion_is_final() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let thing = "iot-sensor-7";
    client
        .create_thing()
        .thing_name(thing)
        .attribute_payload(attributes(&[("room", "lab"), ("floor", "2")], false))
        .send()
        .await
        .unwrap();

    // Merging adds `model` and removes `floor` (an empty value deletes an attribute).
    client
        .update_thing()
        .thing_name(thing)
        .attribute_payload(attributes(&[("model", "t-1000"), ("floor", "")], true))
        .send()
        .await
        .unwrap();
    let described = client
        .describe_thing()
        .thing_name(thing)
        .send()
        .await
        .unwrap();
    assert_eq!(described.thing_name.as_deref(), Some(thing));
    assert!(
        described
            .thing_id
            .as_deref()
            .is_some_and(|id| !id.is_empty())
    );
    assert_eq!(described.default_client_id.as_deref(), Some(thing));
    let mut merged: Vec<(String, String)> = described
        .attributes
        .unwrap_or_default()
        .into_iter()
        .collect();
    merged.sort();
    assert_eq!(
        merged,
        [
            ("model".to_owned(), "t-1000".to_owned()),
            ("room".to_owned(), "lab".to_owned())
        ]
    );

    // Without merging, the attributes are replaced.
    client
        .update_thing()
        .thing_name(thing)
        .attribute_payload(attributes(&[("room", "store")], false))
        .send()
        .await
        .unwrap();
    let replaced = client
        .describe_thing()
        .thing_name(thing)
        .send()
        .await
        .unwrap();
    let replaced: Vec<(String, String)> = replaced
        .attributes
        .unwrap_or_default()
        .into_iter()
        .collect();
    assert_eq!(replaced, [("room".to_owned(), "store".to_owned())]);

    client
        .delete_thing()
        .thing_name(thing)
        .send()
        .await
        .unwrap();
    let error = client
        .describe_thing()
        .thing_name(thing)
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().unwrap_or_else(|| {
        panic!("expected a service error, got {error:?}");
    });
    assert!(service.is_resource_not_found_exception(), "{error}");
    assert_eq!(
        error.to_string().split(':').next(),
        Some("ResourceNotFoundException")
    );
}

#[tokio::test]
async fn a_thing_name_with_a_space_is_rejected_before_sending() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    // The model's pattern for thing names is `[a-zA-Z0-9:_-]+`.
    let error = client
        .create_thing()
        .thing_name("iot not valid")
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        shapegen_emulator_tests::violation_paths(&error),
        ["thingName"]
    );
    // Nothing reached moto: listing every thing finds no such name.
    let mut things = client.list_things().into_items();
    while let Some(thing) = things.next().await {
        assert_ne!(thing.unwrap().thing_name.as_deref(), Some("iot not valid"));
    }
}
