//! Every resolution failure: a minimal model, the message and its JSON path (and nothing from
//! the check pass, except where a test says so).

use serde_json::{Value, json};

use crate::ir::testing::{event_stream_model, member, model, report_with};
use crate::settings::Settings;

/// What resolving `document` with `settings` reports; fails the test if the check pass
/// reports anything.
fn failures_with(document: &Value, settings: &Settings) -> Vec<String> {
    let reported = report_with(document, settings);
    assert_eq!(
        reported.check,
        Vec::<String>::new(),
        "the check pass reported"
    );
    reported.resolution
}

fn failures(members: Value, shapes: Value) -> Vec<String> {
    failures_with(&model(members, shapes), &Settings::new())
}

#[test]
fn a_selected_service_must_exist_and_be_a_service() {
    let document = model(json!({}), json!({}));
    assert_eq!(
        failures_with(&document, &Settings::new().service("ex#Op")),
        ["error: m.json: argument `service`: `ex#Op` is a operation, not a service"]
    );
    assert_eq!(
        failures_with(&document, &Settings::new().service("ex#Other")),
        [
            "error: m.json: argument `service`: no service `ex#Other` in the model (the model's \
             services: `ex#Svc`)"
        ]
    );
}

#[test]
fn a_model_needs_exactly_one_service_unless_one_is_chosen() {
    let none = json!({"smithy": "2.0", "shapes": {"ex#S": {"type": "structure", "members": {}}}});
    assert_eq!(
        failures_with(&none, &Settings::new()),
        [
            "error: m.json: shapes: the model has no service shape, so there is no client to \
             generate"
        ]
    );
    let two = model(
        json!({}),
        json!({"ex#Svc2": {"type": "service", "version": "1"}}),
    );
    assert_eq!(
        failures_with(&two, &Settings::new()),
        [
            "error: m.json: argument `service`: the model has 2 services (`ex#Svc`, `ex#Svc2`); \
             choose one with `service: \"<shape id>\"`"
        ]
    );
}

#[test]
fn the_protocol_must_be_declared_and_supported() {
    let supported = "shapegen supports `aws.protocols#restJson1`, `aws.protocols#awsJson1_0` and \
                     `aws.protocols#awsJson1_1`";
    let none = failures(
        json!({}),
        json!({"ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}]}}),
    );
    assert_eq!(
        none,
        [format!(
            "error: m.json: shapes.\"ex#Svc\".traits: the service declares no protocol trait; \
             {supported}"
        )]
    );
    let xml = failures(
        json!({}),
        json!({"ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                          "traits": {"aws.protocols#restXml": {}}}}),
    );
    assert_eq!(
        xml,
        [format!(
            "error: m.json: shapes.\"ex#Svc\".traits.\"aws.protocols#restXml\": unsupported \
             protocol `aws.protocols#restXml`; {supported}"
        )]
    );
}

#[test]
fn resources_and_operations_must_be_what_they_are_listed_as() {
    let found = failures(
        json!({}),
        json!({"ex#Svc": {"type": "service", "version": "1",
                          "operations": [{"target": "ex#Op"}, {"target": "ex#OpInput"},
                                         {"target": "ex#Gone"}],
                          "resources": [{"target": "ex#OpInput"}, {"target": "ex#Lost"}],
                          "traits": {"aws.protocols#restJson1": {}}}}),
    );
    assert_eq!(
        found,
        [
            "error: m.json: shapes.\"ex#Svc\".resources[0].target: `ex#OpInput` is a structure, not a \
             resource",
            "error: m.json: shapes.\"ex#Svc\".resources[1].target: unknown shape `ex#Lost`: no shape \
             with this id in the model",
            "error: m.json: shapes.\"ex#Svc\".operations[1].target: `ex#OpInput` is a structure, not an \
             operation",
            "error: m.json: shapes.\"ex#Svc\".operations[2].target: unknown shape `ex#Gone`: no shape \
             with this id in the model",
        ]
    );
}

#[test]
fn a_named_operation_must_exist_and_a_close_name_is_suggested() {
    let document = model(json!({}), json!({}));
    assert_eq!(
        failures_with(&document, &Settings::new().operations(["Opp"])),
        [
            "error: m.json: argument `operations`: no operation `Opp` in service `ex#Svc` (1 \
             operation); did you mean `Op`?"
        ]
    );
}

#[test]
fn an_event_stream_reached_as_a_value_is_an_error() {
    let found = failures(
        json!({"N": {"target": "ex#Nested"}}),
        json!({
            "ex#Nested": {"type": "structure", "members": {"E": {"target": "ex#Events"}}},
            "ex#Events": {"type": "union", "members": {"A": {"target": "smithy.api#String"}},
                          "traits": {"smithy.api#streaming": {}}}
        }),
    );
    assert_eq!(
        found,
        [
            "error: m.json: shapes.\"ex#Nested\".members.E.target: `ex#Events` is an event \
             stream; shapegen does not support event streams yet"
        ]
    );
}

#[test]
fn rest_json_operations_need_a_well_formed_http_trait() {
    let missing = failures(
        json!({}),
        json!({"ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"}}}),
    );
    assert_eq!(
        missing,
        [
            "error: m.json: shapes.\"ex#Op\".traits: a restJson1 operation needs the \
             `smithy.api#http` trait"
        ]
    );
    let malformed = failures(
        json!({}),
        json!({"ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"},
                         "traits": {"smithy.api#http": {"method": "GET", "code": "200"}}}}),
    );
    assert_eq!(
        malformed,
        [
            "error: m.json: shapes.\"ex#Op\".traits.\"smithy.api#http\": `smithy.api#http` needs \
             a string `method`, a string `uri` and an integer `code`"
        ]
    );
}

#[test]
fn members_must_target_known_value_shapes() {
    assert_eq!(
        failures(member("ex#Nowhere", json!({})), json!({})),
        [
            "error: m.json: shapes.\"ex#OpInput\".members.M.target: unknown shape `ex#Nowhere`: \
             no shape with this id in the model"
        ]
    );
    assert_eq!(
        failures(member("ex#Op", json!({})), json!({})),
        [
            "error: m.json: shapes.\"ex#OpInput\".members.M.target: a member cannot target \
             `ex#Op`, which is a operation"
        ]
    );
}

#[test]
fn a_named_event_stream_operation_is_refused() {
    assert_eq!(
        failures_with(
            &event_stream_model(),
            &Settings::new().operations(["Watch"])
        ),
        [
            "error: m.json: argument `operations`: operation `Watch` cannot be generated: its \
             output member `Events` targets the event stream `ex#Events`, and shapegen does not \
             support event streams yet"
        ]
    );
}

#[test]
fn inputs_and_outputs_must_be_structures_and_errors_known_shapes() {
    let reported = report_with(
        &model(
            json!({}),
            json!({
                "ex#Op": {"type": "operation", "input": {"target": "ex#Text"},
                          "output": {"target": "ex#Missing"},
                          "errors": [{"target": "ex#OpInput"}, {"target": "ex#NoError"}],
                          "traits": {"smithy.api#http": {"method": "POST", "uri": "/"}}},
                "ex#Text": {"type": "string"}
            }),
        ),
        &Settings::new(),
    );
    assert_eq!(
        reported.resolution,
        [
            "error: m.json: shapes.\"ex#Op\".input.target: operation input/output must be a structure, \
             `ex#Text` is a string",
            "error: m.json: shapes.\"ex#Op\".output.target: unknown shape `ex#Missing`: no shape with \
             this id in the model",
            "error: m.json: shapes.\"ex#Op\".errors[1].target: unknown shape `ex#NoError`: no shape with \
             this id in the model",
        ]
    );
    // An error that is a known shape but not an error structure is a rule of the check pass,
    // reported although the operation itself could not be resolved.
    assert_eq!(
        reported.check,
        [
            "error: m.json: shapes.\"ex#Op\".errors[0].target: `ex#OpInput` is listed as an error but is \
             not a structure with the `smithy.api#error` trait"
        ]
    );
}
