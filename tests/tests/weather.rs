//! End to end with `spec/weather.json`, our model of the restJson1 features the Chime model
//! lacks: query strings (scalars, lists, enums), headers both ways, numbers with ranges, string
//! and int enums, maps, sparse lists, defaults, recursion, keyword member names, 204 replies,
//! and a `@retryable` error with a header member.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::json;
use shapegen::{Config, ViolationKind};
use shapegen_tests::{Reply, ScriptedServer};

mod weather {
    shapegen::generate! {
        spec: "../spec/weather.json",
    }
}

use weather::types::{Quality, Station, Units};

fn client(url: &str) -> weather::Client {
    weather::Client::new(
        Config::builder()
            .endpoint_url(url)
            .initial_backoff(Duration::from_millis(1))
            .build()
            .unwrap(),
    )
}

#[tokio::test]
async fn query_and_header_members_are_serialized() {
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"Days": [{"Date": "2024-06-01", "High": 21.5, "Low": null}], "type": "daily",
                    "Quality": 2, "Station": {"Name": "main", "Backup": {"Name": "spare", "Type": "auto"}}}),
        )
        .header("X-Generated-At", "1717200000"),
    ])
    .await;
    let output = client(&server.url())
        .get_forecast()
        .city_id("oslo")
        .days(3)
        .units(Units::UsEast1)
        .fields("wind")
        .fields("rain & snow")
        .include_alerts(false)
        .locale("nb-NO")
        .send()
        .await
        .unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.method, "GET");
    assert_eq!(request.path, "/cities/oslo/forecast");
    assert_eq!(
        request.query.as_deref(),
        Some("days=3&units=us-east-1&field=wind&field=rain%20%26%20snow&alerts=false")
    );
    assert_eq!(request.header("accept-language"), Some("nb-NO"));
    assert_eq!(
        request.header("content-type"),
        None,
        "no body members, no body"
    );
    assert!(request.body.is_empty());

    assert_eq!(output.generated, Some(1_717_200_000));
    assert_eq!(output.r#type.as_deref(), Some("daily"));
    assert_eq!(output.quality, Some(Quality::High));
    assert_eq!(output.days.len(), 1);
    assert_eq!(output.days[0].high, Some(21.5));
    assert_eq!(output.days[0].low, None);
    let station = output.station.unwrap();
    assert_eq!(station.name, "main");
    let backup: &Station = station.backup.as_deref().unwrap();
    assert_eq!(backup.r#type.as_deref(), Some("auto"));
}

#[tokio::test]
async fn required_output_members_fall_back_to_zero_values_and_bad_headers_are_errors() {
    let server = ScriptedServer::start(vec![
        Reply::json(200, &json!({"Quality": 7})),
        Reply::json(200, &json!({})).header("X-Generated-At", "yesterday"),
    ])
    .await;
    let client = client(&server.url());
    let output = client.get_forecast().city_id("oslo").send().await.unwrap();
    assert!(output.days.is_empty(), "a missing required list is empty");
    assert_eq!(output.quality, Some(Quality::from(7)));
    assert!(matches!(output.quality, Some(Quality::Unknown(ref value)) if *value.get() == 7));
    let error = client
        .get_forecast()
        .city_id("oslo")
        .send()
        .await
        .unwrap_err();
    let shapegen::Error::Response(response) = &error else {
        panic!("{error:?}")
    };
    let chain = shapegen::DisplayChain(response).to_string();
    assert!(chain.contains("X-Generated-At"), "{chain}");
}

#[tokio::test]
async fn bodies_hold_maps_enums_defaults_and_sparse_lists() {
    let server = ScriptedServer::start(vec![Reply::json(200, &json!({"Created": true}))]).await;
    let output = client(&server.url())
        .put_city()
        .city_id("oslo")
        .name("Oslo")
        .population(709_000)
        .elevation(23.0)
        .labels("country", "NO")
        .quality(Quality::Low)
        .station(Station::builder().name("main").build().unwrap())
        .nearby(Some("bergen".to_owned()))
        .nearby(None)
        .client_token("token-1")
        .send()
        .await
        .unwrap();
    assert!(output.created);
    assert_eq!(
        output.version, 1,
        "the modeled default fills a missing member"
    );
    let request = &server.requests()[0];
    assert_eq!(request.method, "PUT");
    assert_eq!(request.path, "/cities/oslo");
    assert_eq!(request.header("x-client-token"), Some("token-1"));
    // `Units` has a modeled default but was not set: top-level defaults are left to the
    // service (Smithy's rule for clients), so it is not sent.
    assert_eq!(
        request.json(),
        json!({
            "Name": "Oslo", "Population": 709000, "Elevation": 23.0, "Labels": {"country": "NO"},
            "Quality": 1, "Station": {"Name": "main"}, "Nearby": ["bergen", null]
        })
    );
}

#[tokio::test]
async fn ranges_enums_maps_and_list_items_are_validated() {
    let server = ScriptedServer::start(vec![Reply::new(200)]).await;
    let client = client(&server.url());
    let error = client
        .get_forecast()
        .city_id("Oslo!")
        .days(15)
        .units(Units::from("kelvin"))
        .fields("")
        .locale("english")
        .send()
        .await
        .unwrap_err();
    let violations: Vec<(&str, ViolationKind)> = error
        .as_validation_error()
        .unwrap()
        .violations()
        .iter()
        .map(|v| (v.path(), v.kind()))
        .collect();
    assert_eq!(
        violations,
        [
            ("CityId", ViolationKind::Pattern),
            ("Days", ViolationKind::Range),
            ("Units", ViolationKind::Enum),
            ("Fields[0]", ViolationKind::Length),
            ("Locale", ViolationKind::Pattern),
        ]
    );
    let error = client
        .put_city()
        .city_id("oslo")
        .name("")
        .population(-1)
        .elevation(f64::NAN)
        .set_labels(Some(HashMap::from([
            ("a".to_owned(), "1".to_owned()),
            ("b".to_owned(), "2".to_owned()),
            ("c".to_owned(), "3".to_owned()),
            ("".to_owned(), "4".to_owned()),
        ])))
        .quality(Quality::from(9))
        .send()
        .await
        .unwrap_err();
    let validation = error.as_validation_error().unwrap();
    let messages: Vec<&str> = validation
        .violations()
        .iter()
        .map(|v| v.message())
        .collect();
    assert_eq!(messages.len(), 6, "{messages:#?}");
    assert!(messages.contains(&"Value at 'Population' failed to satisfy constraint: Member must be greater than or equal to 0"));
    assert!(messages.contains(&"Value at 'Elevation' failed to satisfy constraint: Member must be between -500 and 9000.5, inclusive"));
    assert!(messages.contains(&"Value with length 4 at 'Labels' failed to satisfy constraint: Member must have length less than or equal to 3"));
    assert!(messages.contains(&"Value with length 0 at 'Labels[\"\"]' failed to satisfy constraint: Member must have length between 1 and 16, inclusive"));
    assert!(messages.contains(&"Value at 'Quality' failed to satisfy constraint: Member must satisfy enum value set: [1, 2]"));
    assert_eq!(server.request_count(), 0);
}

#[tokio::test]
async fn no_content_replies_and_retryable_errors_with_header_members() {
    let server = ScriptedServer::start(vec![
        Reply::json(503, &json!({"message": "maintenance"}))
            .header("x-amzn-errortype", "ServiceUnavailable")
            .header("Retry-After", "30"),
        Reply::new(204),
    ])
    .await;
    let client = weather::Client::new(
        Config::builder()
            .endpoint_url(server.url())
            .max_attempts(1)
            .build()
            .unwrap(),
    );
    #[allow(deprecated)]
    let error = client
        .delete_city()
        .city_id("oslo")
        .send()
        .await
        .unwrap_err();
    let error = error.into_service_error().unwrap();
    let weather::operation::delete_city::DeleteCityError::ServiceUnavailable(unavailable) = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(unavailable.retry_after_seconds, Some(30));
    assert_eq!(unavailable.message(), Some("maintenance"));
    assert!(error.is_retryable());
    #[allow(deprecated)]
    let output = client.delete_city().city_id("oslo").send().await.unwrap();
    assert_eq!(output.request_id(), None);
    assert_eq!(server.requests()[1].method, "DELETE");
}

#[tokio::test]
async fn modeled_retryable_errors_are_retried() {
    let server = ScriptedServer::start(vec![
        Reply::new(400).header("x-amzn-errortype", "ServiceUnavailable"),
        Reply::new(204),
    ])
    .await;
    #[allow(deprecated)]
    client(&server.url())
        .delete_city()
        .city_id("oslo")
        .send()
        .await
        .unwrap();
    assert_eq!(
        server.request_count(),
        2,
        "a @retryable error is retried whatever its status"
    );
}
