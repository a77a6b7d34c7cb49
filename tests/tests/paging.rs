//! End to end with `tests/models/paging.json` (awsJson1_0): a paginator whose token is a map of
//! union values (as DynamoDB's `Query`), tokens and items at nested paths (`Page.Marker`,
//! through an optional structure, and `Defaults.Marker`, through a required one), and the
//! conveniences of a recursive union (`as_x`, `into_x`, `From`).

use std::collections::HashMap;
use std::time::Duration;

use serde_json::json;
use shapegen::Config;
use shapegen_tests::{Reply, ScriptedServer};

mod catalog {
    shapegen::generate! {
        spec: "models/paging.json",
    }
}

use catalog::types::{Range, Value};

fn client(server: &ScriptedServer) -> catalog::Client {
    catalog::Client::new(
        Config::builder()
            .endpoint_url(server.url())
            .initial_backoff(Duration::from_millis(1))
            .build()
            .unwrap(),
    )
}

fn s(text: &str) -> Value {
    Value::S(text.to_owned())
}

fn n(number: u32) -> Value {
    Value::N(number.to_string())
}

#[tokio::test]
async fn a_map_token_is_sent_back_as_the_next_start_key_until_it_is_empty() {
    let key = |id: u32| json!({"pk": {"S": "p"}, "sk": {"N": id.to_string()}});
    let item = |id: u32| json!({"pk": {"S": "p"}, "sk": {"N": id.to_string()}});
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"Items": [item(1), item(2)], "LastKey": key(2), "Count": 2}),
        ),
        Reply::json(
            200,
            &json!({"Items": [item(3)], "LastKey": key(3), "Count": 1}),
        ),
        // DynamoDB may end with an empty page; an empty map token ends paging too.
        Reply::json(200, &json!({"Items": [], "LastKey": {}, "Count": 0})),
    ])
    .await;
    let mut items = client(&server)
        .list_items()
        .table("things")
        .limit(2)
        .into_items();
    let mut sort_keys = Vec::new();
    while let Some(item) = items.next().await {
        let item = item.unwrap();
        assert_eq!(item.get("pk"), Some(&s("p")));
        let sort_key = item.get("sk").and_then(Value::as_n).unwrap();
        sort_keys.push(sort_key.clone());
    }
    assert_eq!(sort_keys, ["1", "2", "3"]);

    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        assert_eq!(request.method, "POST");
        assert_eq!(request.path, "/");
        assert_eq!(request.header("x-amz-target"), Some("Catalog.ListItems"));
        assert_eq!(
            request.header("content-type"),
            Some("application/x-amz-json-1.0")
        );
    }
    assert_eq!(requests[0].json(), json!({"Table": "things", "Limit": 2}));
    assert_eq!(
        requests[1].json(),
        json!({"Table": "things", "StartKey": key(2), "Limit": 2})
    );
    assert_eq!(
        requests[2].json(),
        json!({"Table": "things", "StartKey": key(3), "Limit": 2})
    );
}

#[tokio::test]
async fn pages_with_a_map_token_end_when_the_token_is_absent_and_errors_stop_the_stream() {
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"Items": [{"a": {"BOOL": true}}], "LastKey": {"a": {"S": "x"}}}),
        ),
        Reply::json(200, &json!({"Items": [{"a": {"BOOL": false}}]})),
    ])
    .await;
    let mut pages = client(&server).list_items().table("t").into_paginator();
    let first = pages.next().await.unwrap().unwrap();
    assert_eq!(
        first.count, 0,
        "a missing defaulted member reads as its default"
    );
    let token = first.last_key.unwrap();
    assert_eq!(token.get("a").and_then(Value::as_s).unwrap(), "x");
    let second = pages.next().await.unwrap().unwrap();
    let flag = second.items.unwrap()[0].get("a").and_then(Value::as_bool);
    assert_eq!(flag, Some(false));
    assert!(pages.next().await.is_none());
    assert_eq!(server.request_count(), 2);

    // A failed page is the stream's last item.
    let failing = ScriptedServer::start(vec![
        Reply::json(200, &json!({"Items": [], "LastKey": {"a": {"S": "x"}}})),
        Reply::json(
            400,
            &json!({"__type": "ValidationException", "message": "bad key"}),
        ),
    ])
    .await;
    let mut pages = client(&failing).list_items().table("t").into_paginator();
    assert!(pages.next().await.unwrap().is_ok());
    let error = pages.next().await.unwrap().unwrap_err();
    assert_eq!(
        error.as_service_error().and_then(|e| e.code()),
        Some("ValidationException")
    );
    assert!(pages.next().await.is_none());
}

#[tokio::test]
async fn a_token_and_items_inside_an_optional_structure_are_followed() {
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"Page": {"Marker": "m2", "Engines": [{"Name": "a", "Version": "1"}]}}),
        ),
        Reply::json(200, &json!({"Page": {"Marker": "m3"}})),
        Reply::json(200, &json!({"Page": {"Engines": [{"Name": "b"}]}})),
    ])
    .await;
    let mut engines = client(&server).list_engines().max_records(1).into_items();
    let mut names = Vec::new();
    while let Some(engine) = engines.next().await {
        names.push(engine.unwrap().name);
    }
    assert_eq!(names, ["a", "b"]);
    let bodies: Vec<_> = server.requests().iter().map(|r| r.json()).collect();
    assert_eq!(
        bodies,
        [
            json!({"MaxRecords": 1}),
            json!({"Marker": "m2", "MaxRecords": 1}),
            json!({"Marker": "m3", "MaxRecords": 1}),
        ]
    );

    // No `Page` at all: one page, no items.
    let empty = ScriptedServer::start(vec![Reply::json(200, &json!({}))]).await;
    let mut engines = client(&empty).list_engines().into_items();
    assert!(engines.next().await.is_none());
    assert_eq!(empty.request_count(), 1);
}

#[tokio::test]
async fn a_token_inside_a_required_structure_pages_map_items() {
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"Defaults": {"Marker": "next", "Parameters": {"a": "1"}}}),
        ),
        Reply::json(
            200,
            &json!({"Defaults": {"Marker": "", "Parameters": {"b": "2"}}}),
        ),
    ])
    .await;
    let mut parameters = client(&server).describe_defaults().into_items();
    let mut all = Vec::new();
    while let Some(parameter) = parameters.next().await {
        all.push(parameter.unwrap());
    }
    all.sort();
    assert_eq!(
        all,
        [
            ("a".to_owned(), "1".to_owned()),
            ("b".to_owned(), "2".to_owned())
        ]
    );
    let requests = server.requests();
    assert_eq!(requests.len(), 2, "an empty string token ends paging");
    assert_eq!(requests[1].json(), json!({"Marker": "next"}));
}

/// Building nested values with `From` (lists, maps, the boxed structure variant) and reading
/// them back with `as_x()`, `into_x()` and patterns.
#[tokio::test]
async fn a_recursive_union_is_built_with_from_and_read_with_accessors() {
    let item: HashMap<String, Value> = HashMap::from([
        ("name".to_owned(), s("widget")),
        (
            "sizes".to_owned(),
            vec![n(1), Value::from(HashMap::from([("xl".to_owned(), n(2))]))].into(),
        ),
        (
            "window".to_owned(),
            Range::builder().from(n(1)).to(n(9)).build().unwrap().into(),
        ),
        ("hidden".to_owned(), Value::Not(Box::new(Value::Bool(true)))),
        (
            "tags".to_owned(),
            vec!["a".to_owned(), "b".to_owned()].into(),
        ),
        ("blob".to_owned(), shapegen::Blob::new(vec![1, 2]).into()),
        ("none".to_owned(), Value::Nothing),
    ]);
    let wire = json!({
        "name": {"S": "widget"},
        "sizes": {"L": [{"N": "1"}, {"M": {"xl": {"N": "2"}}}]},
        "window": {"Range": {"From": {"N": "1"}, "To": {"N": "9"}}},
        "hidden": {"Not": {"BOOL": true}},
        "tags": {"SS": ["a", "b"]},
        "blob": {"B": "AQI="},
        "none": {"Nothing": {}},
    });
    let server = ScriptedServer::start(vec![Reply::json(200, &json!({"Previous": wire}))]).await;
    let output = client(&server)
        .put_item()
        .table("t")
        .set_item(Some(item.clone()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        server.requests()[0].json(),
        json!({"Table": "t", "Item": wire})
    );
    let previous = output.previous.unwrap();
    assert!(previous == item, "the item read back differs");

    // Reading: `as_x()` chains through nested lists and maps.
    let xl = previous["sizes"]
        .as_l()
        .and_then(|sizes| sizes.get(1))
        .and_then(Value::as_m)
        .and_then(|sizes| sizes.get("xl"))
        .and_then(Value::as_n);
    assert_eq!(xl.map(String::as_str), Some("2"));
    assert_eq!(
        previous["hidden"].as_not().and_then(Value::as_bool),
        Some(true)
    );
    assert_eq!(previous["window"].as_range().map(|r| &*r.to), Some(&n(9)));
    assert!(previous["none"].is_nothing());
    assert!(previous["name"].as_n().is_none());
    // Patterns work at any depth; `into_x()` takes values out without cloning.
    match &previous["sizes"] {
        Value::L(sizes) => match sizes.as_slice() {
            [Value::N(first), Value::M(rest)] => {
                assert_eq!(first, "1");
                assert!(rest.contains_key("xl"));
            }
            other => panic!("unexpected sizes {other:?}"),
        },
        other => panic!("sizes is not a list: {other:?}"),
    }
    let mut previous = previous;
    let window = previous.remove("window").unwrap().into_range().unwrap();
    assert_eq!(*window.from, n(1), "Range holds its values boxed (a cycle)");
    let name = previous.remove("name").unwrap();
    let name = name.into_n().unwrap_err().into_s().unwrap();
    assert_eq!(name, "widget");
}

#[tokio::test]
async fn a_modeled_error_carries_its_members() {
    let server = ScriptedServer::start(vec![Reply::json(
        400,
        &json!({"__type": "example.paging#ConditionFailed", "message": "exists",
                "Item": {"name": {"S": "old"}}}),
    )])
    .await;
    let error = client(&server)
        .put_item()
        .table("t")
        .item("name", s("new"))
        .send()
        .await
        .unwrap_err();
    let Some(catalog::operation::put_item::PutItemError::ConditionFailed(failed)) =
        error.as_service_error()
    else {
        panic!("expected ConditionFailed, got {error:?}");
    };
    assert_eq!(failed.message(), Some("exists"));
    let old = failed.item.as_ref().and_then(|item| item.get("name"));
    assert_eq!(old.and_then(Value::as_s).map(String::as_str), Some("old"));
}
