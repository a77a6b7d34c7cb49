//! Each real model's client, generated in full, against scripted loopback replies: the
//! features each model is known for, on the wire.

#![cfg(real_models)]

use std::time::Duration;

use serde_json::json;
use shapegen::{Config, DateTime};
use shapegen_real_models::{chime, chime_sdk_meetings, connect, mediaconvert, quicksight};
use shapegen_tests::{Reply, ScriptedServer};

fn config(server: &ScriptedServer) -> Config {
    Config::builder()
        .endpoint_url(server.url())
        .region("us-east-1")
        .credentials(shapegen::Credentials::new("AKID", "SECRET", None))
        .initial_backoff(Duration::from_millis(1))
        .disable_host_prefix(true)
        .build()
        .unwrap()
}

/// MediaConvert: every JSON member has a camelCase `jsonName`; `ListJobs` pages by token.
#[tokio::test]
async fn mediaconvert_reads_json_names_and_pages_through_jobs() {
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"jobs": [{"id": "job-1", "role": "arn:role", "status": "COMPLETE", "createdAt": 1_700_000_000}],
                    "nextToken": "page-2"}),
        ),
        Reply::json(200, &json!({"jobs": [{"id": "job-2", "role": "arn:role", "status": "ERROR"}]})),
    ])
    .await;
    let client = mediaconvert::Client::new(config(&server));
    let mut jobs = client.list_jobs().max_results(20).into_items();
    let first = jobs.next().await.unwrap().unwrap();
    assert_eq!(first.id.as_deref(), Some("job-1"));
    assert_eq!(first.created_at, Some(DateTime::from_secs(1_700_000_000)));
    assert_eq!(first.status, Some(mediaconvert::types::JobStatus::Complete));
    let second = jobs.next().await.unwrap().unwrap();
    assert_eq!(second.id.as_deref(), Some("job-2"));
    assert!(jobs.next().await.is_none());
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].path, "/2017-08-29/jobs");
    assert_eq!(requests[0].query.as_deref(), Some("maxResults=20"));
    assert_eq!(
        requests[1].query.as_deref(),
        Some("maxResults=20&nextToken=page-2")
    );
}

/// QuickSight: `httpResponseCode` fills `Status` from the HTTP status; the body's `RequestId`
/// member and the header request id are both available.
#[tokio::test]
async fn quicksight_binds_the_status_code() {
    let server = ScriptedServer::start(vec![Reply::json(
        200,
        &json!({"AccountSettings": {"AccountName": "acme", "Edition": "ENTERPRISE"}, "RequestId": "body-id"}),
    )
    .header("x-amzn-RequestId", "header-id")])
    .await;
    let client = quicksight::Client::new(config(&server));
    let output = client
        .describe_account_settings()
        .aws_account_id("123456789012")
        .send()
        .await
        .unwrap();
    assert_eq!(output.status, 200);
    assert_eq!(output.request_id.as_deref(), Some("body-id"));
    assert_eq!(output.request_id(), Some("header-id"));
    let settings = output.account_settings.unwrap();
    assert_eq!(settings.account_name.as_deref(), Some("acme"));
    assert_eq!(server.requests()[0].path, "/accounts/123456789012/settings");
}

/// Connect: a union nested in a union-typed input member, with a range-checked variant.
#[tokio::test]
async fn connect_sends_unions_and_validates_their_variants() {
    use connect::types::{
        ChatParticipantRoleConfig, ParticipantTimerConfiguration, ParticipantTimerType,
        ParticipantTimerValue, TimerEligibleParticipantRoles,
        UpdateParticipantRoleConfigChannelInfo,
    };
    let server = ScriptedServer::start(vec![Reply::json(200, &json!({}))]).await;
    let client = connect::Client::new(config(&server));
    let timer = |minutes| {
        ParticipantTimerConfiguration::builder()
            .participant_role(TimerEligibleParticipantRoles::Customer)
            .timer_type(ParticipantTimerType::Idle)
            .timer_value(ParticipantTimerValue::ParticipantTimerDurationInMinutes(
                minutes,
            ))
            .build()
            .unwrap()
    };
    let chat = |minutes| {
        UpdateParticipantRoleConfigChannelInfo::Chat(
            ChatParticipantRoleConfig::builder()
                .participant_timer_config_list(timer(minutes))
                .build()
                .unwrap(),
        )
    };
    let call = |minutes| {
        client
            .update_participant_role_config()
            .instance_id("instance")
            .contact_id("contact")
            .channel_configuration(chat(minutes))
    };
    call(30).send().await.unwrap();
    assert_eq!(
        server.requests()[0].json(),
        json!({"ChannelConfiguration": {"Chat": {"ParticipantTimerConfigList": [
            {"ParticipantRole": "CUSTOMER", "TimerType": "IDLE",
             "TimerValue": {"ParticipantTimerDurationInMinutes": 30}}
        ]}}})
    );
    let error = call(1).send().await.unwrap_err();
    let violations = error.as_validation_error().unwrap().violations();
    assert_eq!(
        violations[0].path(),
        "ChannelConfiguration.Chat.ParticipantTimerConfigList[0].TimerValue.ParticipantTimerDurationInMinutes"
    );
    assert_eq!(server.request_count(), 1);
}

/// Legacy Chime in full: `date-time` timestamps and token pagination with `next-token`.
#[tokio::test]
async fn chime_pages_accounts_with_date_time_timestamps() {
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"Accounts": [{"AwsAccountId": "1", "AccountId": "a", "Name": "A",
                                  "CreatedTimestamp": "2019-12-16T23:48:18Z"}],
                    "NextToken": "t2"}),
        ),
        Reply::json(200, &json!({"Accounts": []})),
    ])
    .await;
    let client = chime::Client::new(config(&server));
    let mut pages = client.list_accounts().max_results(1).into_paginator();
    let first = pages.next().await.unwrap().unwrap();
    let account = &first.accounts.unwrap()[0];
    assert_eq!(account.account_id, "a");
    assert_eq!(
        account.created_timestamp,
        Some(DateTime::from_secs(1_576_540_098))
    );
    assert!(
        pages
            .next()
            .await
            .unwrap()
            .unwrap()
            .accounts
            .unwrap()
            .is_empty()
    );
    assert!(pages.next().await.is_none());
    let query = server.requests()[1].query.clone().unwrap();
    let mut params: Vec<&str> = query.split('&').collect();
    params.sort_unstable();
    assert_eq!(params, ["max-results=1", "next-token=t2"]);
}

/// Chime SDK Meetings: a retried 503 whose error carries a `Retry-After` header member.
#[tokio::test]
async fn chime_sdk_meetings_reads_error_header_members() {
    let server = ScriptedServer::start(vec![
        Reply::json(503, &json!({"Message": "busy"}))
            .header("x-amzn-ErrorType", "ServiceUnavailableException")
            .header("Retry-After", "7"),
    ])
    .await;
    let client = chime_sdk_meetings::Client::new(config(&server));
    let error = client
        .get_meeting()
        .meeting_id("8f2a1c3e-5b6d-4e7f-9a0b-1c2d3e4f5a6b")
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.request_count(), 3, "503 is retried");
    let error = error.into_service_error().unwrap();
    let chime_sdk_meetings::operation::get_meeting::GetMeetingError::ServiceUnavailableException(
        unavailable,
    ) = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(unavailable.retry_after_seconds.as_deref(), Some("7"));
    assert_eq!(error.message(), Some("busy"));
}
