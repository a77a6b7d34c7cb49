//! EventBridge Scheduler: a schedule group, schedules in it with timestamps that round-trip,
//! an update, listing through the paginator, and the typed not-found error with moto's
//! message.

use shapegen::DateTime;
use shapegen_emulator_tests::clients::scheduler::{
    Client,
    types::{
        FlexibleTimeWindow, FlexibleTimeWindowMode, ScheduleGroupState, ScheduleState, Tag, Target,
    },
};
use shapegen_emulator_tests::moto;

use crate::common::assert_recent;

const QUEUE_ARN: &str = "arn:aws:sqs:us-east-1:123456789012:scheduler-target";
const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/scheduler-role";

fn target(input: &str) -> Target {
    Target::builder()
        .arn(QUEUE_ARN)
        .role_arn(ROLE_ARN)
        .input(input)
        .build()
        .unwrap()
}

fn no_window() -> FlexibleTimeWindow {
    FlexibleTimeWindow::builder()
        .mode(FlexibleTimeWindowMode::Off)
        .build()
        .unwrap()
}

#[tokio::test]
async fn schedules_in_a_group_are_created_updated_listed_and_deleted() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let group = "sched-group-life";
    let created = client
        .create_schedule_group()
        .name(group)
        .tags(
            Tag::builder()
                .key("team")
                .value("compilers")
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert!(
        created
            .schedule_group_arn
            .ends_with(&format!(":schedule-group/{group}")),
        "{}",
        created.schedule_group_arn
    );
    let described = client
        .get_schedule_group()
        .name(group)
        .send()
        .await
        .unwrap();
    assert_eq!(described.name.as_deref(), Some(group));
    assert_eq!(described.state, Some(ScheduleGroupState::Active));
    assert_recent(
        described.creation_date.as_ref(),
        "schedule group CreationDate",
    );

    // Whole seconds: the restJson1 default for timestamps in a body is epoch seconds.
    let start = DateTime::from_secs(4_102_444_800); // 2100-01-01T00:00:00Z
    let end = DateTime::from_secs(4_133_980_800); // 2101-01-01T00:00:00Z
    for n in 0..3 {
        let created = client
            .create_schedule()
            .name(format!("sched-life-{n}"))
            .group_name(group)
            .schedule_expression("rate(5 minutes)")
            .start_date(start)
            .end_date(end)
            .description(format!("schedule {n}"))
            .target(target(&format!("{{\"n\": {n}}}")))
            .flexible_time_window(no_window())
            .send()
            .await
            .unwrap();
        assert!(
            created
                .schedule_arn
                .ends_with(&format!("/{group}/sched-life-{n}")),
            "{}",
            created.schedule_arn
        );
    }

    let schedule = client
        .get_schedule()
        .name("sched-life-1")
        .group_name(group)
        .send()
        .await
        .unwrap();
    assert_eq!(
        schedule.schedule_expression.as_deref(),
        Some("rate(5 minutes)")
    );
    assert_eq!(schedule.start_date, Some(start));
    assert_eq!(schedule.end_date, Some(end));
    assert_eq!(schedule.state, Some(ScheduleState::Enabled));
    let read_target = schedule.target.unwrap();
    assert_eq!(read_target.arn, QUEUE_ARN);
    assert_eq!(read_target.input.as_deref(), Some("{\"n\": 1}"));
    assert_eq!(
        schedule.flexible_time_window.map(|w| w.mode),
        Some(FlexibleTimeWindowMode::Off)
    );

    client
        .update_schedule()
        .name("sched-life-1")
        .group_name(group)
        .schedule_expression("rate(1 hour)")
        .state(ScheduleState::Disabled)
        .target(target("{}"))
        .flexible_time_window(no_window())
        .send()
        .await
        .unwrap();
    let updated = client
        .get_schedule()
        .name("sched-life-1")
        .group_name(group)
        .send()
        .await
        .unwrap();
    assert_eq!(updated.state, Some(ScheduleState::Disabled));
    assert_eq!(updated.schedule_expression.as_deref(), Some("rate(1 hour)"));

    // One schedule per page through the paginator's items.
    let mut items = client
        .list_schedules()
        .group_name(group)
        .max_results(1)
        .into_items();
    let mut names = Vec::new();
    while let Some(summary) = items.next().await {
        let summary = summary.unwrap();
        assert_eq!(summary.group_name.as_deref(), Some(group));
        names.extend(summary.name);
    }
    names.sort();
    assert_eq!(names, ["sched-life-0", "sched-life-1", "sched-life-2"]);

    for n in 0..3 {
        client
            .delete_schedule()
            .name(format!("sched-life-{n}"))
            .group_name(group)
            .send()
            .await
            .unwrap();
    }
    client
        .delete_schedule_group()
        .name(group)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_missing_schedule_is_a_typed_not_found_error_with_moto_s_message() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let error = client
        .get_schedule()
        .name("sched-never-created")
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().unwrap_or_else(|| {
        panic!("expected a service error, got {error:?}");
    });
    assert!(service.is_resource_not_found_exception(), "{error}");
    let message = service.message().unwrap_or_default();
    assert!(message.contains("sched-never-created"), "{message:?}");
    let display = error.to_string();
    assert!(
        display.starts_with("ResourceNotFoundException: "),
        "{display}"
    );
    assert!(display.contains("HTTP 404"), "{display}");
}

#[tokio::test]
async fn schedule_groups_are_listed_by_prefix() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    for n in 0..3 {
        client
            .create_schedule_group()
            .name(format!("sched-prefixed-{n}"))
            .send()
            .await
            .unwrap();
    }
    let mut pages = client
        .list_schedule_groups()
        .name_prefix("sched-prefixed-")
        .max_results(2)
        .into_paginator();
    let mut names = Vec::new();
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        let groups = page.unwrap().schedule_groups;
        sizes.push(groups.len());
        names.extend(groups.into_iter().filter_map(|g| g.name));
    }
    assert_eq!(sizes, [2, 1]);
    names.sort();
    assert_eq!(
        names,
        ["sched-prefixed-0", "sched-prefixed-1", "sched-prefixed-2"]
    );
    for name in names {
        client
            .delete_schedule_group()
            .name(name)
            .send()
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn an_invalid_schedule_name_is_rejected_before_sending() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let error = client
        .create_schedule()
        .name("not a valid name")
        .schedule_expression("rate(5 minutes)")
        .target(target("{}"))
        .flexible_time_window(no_window())
        .send()
        .await
        .unwrap_err();
    assert_eq!(shapegen_emulator_tests::violation_paths(&error), ["Name"]);
    // Nothing reached moto: listing every schedule finds no such name.
    let mut schedules = client.list_schedules().into_items();
    while let Some(schedule) = schedules.next().await {
        assert_ne!(schedule.unwrap().name.as_deref(), Some("not a valid name"));
    }
}
