//! CloudWatch Logs: a log group and stream, events put and read back in order (forward
//! through the paginator, which stops when the service repeats its forward token), groups
//! listed by prefix, a duplicate group's typed error, deletion, and a missing group's error.

use shapegen_emulator_tests::aws_json_clients::logs::{Client, types::InputLogEvent};
use shapegen_emulator_tests::moto;

fn now_millis() -> i64 {
    shapegen::DateTime::from(std::time::SystemTime::now()).secs() * 1000
}

#[tokio::test]
async fn events_are_put_and_read_back_in_order() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let group = "/logs-scenario/app";
    client
        .create_log_group()
        .log_group_name(group)
        .tags("team", "compilers")
        .send()
        .await
        .unwrap();
    let error = client
        .create_log_group()
        .log_group_name(group)
        .send()
        .await
        .unwrap_err();
    assert!(
        error
            .as_service_error()
            .is_some_and(|e| e.is_resource_already_exists_exception()),
        "{error}"
    );
    client
        .create_log_stream()
        .log_group_name(group)
        .log_stream_name("instance-1")
        .send()
        .await
        .unwrap();

    let start = now_millis();
    let events: Vec<InputLogEvent> = (0..5)
        .map(|n| {
            InputLogEvent::builder()
                .timestamp(start + n)
                .message(format!("request {n} served"))
                .build()
                .unwrap()
        })
        .collect();
    let put = client
        .put_log_events()
        .log_group_name(group)
        .log_stream_name("instance-1")
        .set_log_events(Some(events))
        .send()
        .await
        .unwrap();
    assert!(put.rejected_log_events_info.is_none());

    let mut read = client
        .get_log_events()
        .log_group_name(group)
        .log_stream_name("instance-1")
        .start_from_head(true)
        .limit(2)
        .into_items();
    let mut messages = Vec::new();
    while let Some(event) = read.next().await {
        let event = event.unwrap();
        assert!(event.timestamp.is_some_and(|t| t >= start));
        messages.extend(event.message);
        assert!(messages.len() <= 5, "events repeat: {messages:?}");
    }
    assert_eq!(
        messages,
        (0..5)
            .map(|n| format!("request {n} served"))
            .collect::<Vec<_>>()
    );

    let mut groups = client
        .describe_log_groups()
        .log_group_name_prefix("/logs-scenario/")
        .into_items();
    let mut names = Vec::new();
    while let Some(found) = groups.next().await {
        names.extend(found.unwrap().log_group_name);
    }
    assert_eq!(names, [group]);

    client
        .delete_log_group()
        .log_group_name(group)
        .send()
        .await
        .unwrap();
    let error = client
        .get_log_events()
        .log_group_name(group)
        .log_stream_name("instance-1")
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
