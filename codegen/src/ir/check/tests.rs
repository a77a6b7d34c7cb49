//! Every rule the check pass reports: a minimal model, the message and its JSON path (and no
//! resolution failure: resolution records these silently).

use serde_json::{Value, json};

use crate::ir::testing::{event_stream_model, member, model, report_with};
use crate::settings::Settings;

/// What checking `document` with `settings` reports; fails the test if resolution reports
/// anything.
fn broken_with(document: &Value, settings: &Settings) -> Vec<String> {
    let reported = report_with(document, settings);
    assert_eq!(
        reported.resolution,
        Vec::<String>::new(),
        "resolution reported"
    );
    reported.check
}

fn broken(members: Value, shapes: Value) -> Vec<String> {
    broken_with(&model(members, shapes), &Settings::new())
}

#[test]
fn sigv4_needs_a_signing_name() {
    let found = broken(
        json!({}),
        json!({"ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                          "traits": {"aws.protocols#restJson1": {}, "aws.auth#sigv4": {}}}}),
    );
    assert_eq!(
        found,
        [
            "error: m.json: shapes.\"ex#Svc\".traits.\"aws.auth#sigv4\".name: `aws.auth#sigv4` \
             needs a `name` (the signing name)"
        ]
    );
}

/// `ex#Op` with this URI.
fn with_uri(uri: &str, members: Value) -> Vec<String> {
    broken(
        members,
        json!({"ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"},
                         "traits": {"smithy.api#http": {"method": "GET", "uri": uri}}}}),
    )
}

#[test]
fn uri_labels_and_label_members_must_match() {
    assert_eq!(
        with_uri("/a{B}", json!({})),
        [
            "error: m.json: shapes.\"ex#Op\".traits.\"smithy.api#http\".uri: `a{B}`: a label \
             must be a whole path segment like `{Name}`"
        ]
    );
    assert_eq!(
        with_uri("/{Id}", json!({})),
        [
            "error: m.json: shapes.\"ex#Op\".traits.\"smithy.api#http\".uri: label `{Id}` has no \
             input member named `Id` with the `smithy.api#httpLabel` trait"
        ]
    );
    let unbound = json!({"Id": {"target": "smithy.api#String",
                                "traits": {"smithy.api#required": {}, "smithy.api#httpLabel": {}}}});
    assert_eq!(
        with_uri("/", unbound),
        [
            "error: m.json: shapes.\"ex#Op\".traits.\"smithy.api#http\".uri: input member `Id` is \
             an `httpLabel` but the URI has no `{Id}`"
        ]
    );
}

#[test]
fn each_http_binding_needs_a_member_of_a_fitting_type() {
    let list = json!({"ex#Things": {"type": "list", "member": {"target": "ex#Thing"}},
                      "ex#Thing": {"type": "structure", "members": {}}});
    let cases = [
        (
            "smithy.api#httpLabel",
            json!({}),
            "needs a scalar member (string, number, boolean, enum, timestamp)",
        ),
        (
            "smithy.api#httpQuery",
            json!("q"),
            "needs a scalar member or a list of scalars",
        ),
        (
            "smithy.api#httpHeader",
            json!("X-H"),
            "needs a scalar member or a list of scalars",
        ),
        (
            "smithy.api#httpPrefixHeaders",
            json!("X-"),
            "needs a map of strings",
        ),
        (
            "smithy.api#httpQueryParams",
            json!({}),
            "needs a map of strings or lists of strings",
        ),
        (
            "smithy.api#httpPayload",
            json!({}),
            "needs a string, blob, enum, document, structure or union member",
        ),
        (
            "smithy.api#httpResponseCode",
            json!({}),
            "needs an integer member",
        ),
    ];
    for (trait_id, value, what) in cases {
        let found = broken(member("ex#Things", json!({trait_id: value})), list.clone());
        let expected = format!(
            "error: m.json: shapes.\"ex#OpInput\".members.M.traits.\"{trait_id}\": `{trait_id}` \
             {what}"
        );
        assert_eq!(found, [expected], "{trait_id}");
    }
}

#[test]
fn a_host_prefix_needs_closed_labels_bound_to_host_label_members() {
    let with_prefix = |prefix: &str| {
        broken(
            json!({}),
            json!({"ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"},
                             "traits": {"smithy.api#http": {"method": "POST", "uri": "/"},
                                        "smithy.api#endpoint": {"hostPrefix": prefix}}}}),
        )
    };
    let path = "shapes.\"ex#Op\".traits.\"smithy.api#endpoint\".hostPrefix";
    assert_eq!(
        with_prefix("{Name."),
        [format!(
            "error: m.json: {path}: unclosed `{{` in host prefix `{{Name.`"
        )]
    );
    assert_eq!(
        with_prefix("{Name}."),
        [format!(
            "error: m.json: {path}: host label `{{Name}}` has no string input member `Name` with \
             the `smithy.api#hostLabel` trait"
        )]
    );
}

#[test]
fn a_collection_that_contains_itself_is_an_error() {
    let found = broken(
        member("ex#Loop", json!({})),
        json!({"ex#Loop": {"type": "list", "member": {"target": "ex#Loop"}}}),
    );
    assert_eq!(
        found,
        [
            "error: m.json: shapes.\"ex#Loop\".member.target: `ex#Loop` is a list that contains \
             itself with no structure or union in between; Smithy requires recursion to pass \
             through a structure or union"
        ]
    );
}

#[test]
fn enum_members_need_values_of_their_kind() {
    let found = broken(
        json!({"E": {"target": "ex#E"}, "I": {"target": "ex#I"}, "V": {"target": "ex#V1"}}),
        json!({
            "ex#E": {"type": "enum", "members": {"A": {"target": "smithy.api#Unit",
                                                       "traits": {"smithy.api#enumValue": 1}}}},
            "ex#I": {"type": "intEnum", "members": {"B": {"target": "smithy.api#Unit"}}},
            "ex#V1": {"type": "string", "traits": {"smithy.api#enum": [{"name": "X"}]}}
        }),
    );
    assert_eq!(
        found,
        [
            "error: m.json: shapes.\"ex#E\".members.A.traits.\"smithy.api#enumValue\": an enum \
             member needs a string `smithy.api#enumValue`",
            "error: m.json: shapes.\"ex#I\".members.B.traits.\"smithy.api#enumValue\": an intEnum \
             member needs an integer `smithy.api#enumValue`",
            "error: m.json: shapes.\"ex#V1\".traits.\"smithy.api#enum\"[0].value: missing enum \
             `value`",
        ]
    );
}

#[test]
fn constraint_traits_need_well_typed_values() {
    let found = broken(
        json!({
            "A": {"target": "smithy.api#String", "traits": {"smithy.api#length": {"min": "1"}}},
            "B": {"target": "smithy.api#String", "traits": {"smithy.api#pattern": 7}},
            "C": {"target": "smithy.api#Integer", "traits": {"smithy.api#range": {"max": true}}}
        }),
        json!({}),
    );
    assert_eq!(
        found,
        [
            "error: m.json: shapes.\"ex#OpInput\".members.A.traits.\"smithy.api#length\".min: \
             `min` must be a number",
            "error: m.json: shapes.\"ex#OpInput\".members.B.traits.\"smithy.api#pattern\": a \
             pattern must be a string",
            "error: m.json: shapes.\"ex#OpInput\".members.C.traits.\"smithy.api#range\".max: \
             `max` must be a number",
        ]
    );
}

#[test]
#[cfg(feature = "check-patterns")]
fn a_pattern_with_no_ecma_equivalent_is_a_warning() {
    let found = broken(
        member(
            "smithy.api#String",
            json!({"smithy.api#pattern": "^a{2,1}$"}),
        ),
        json!({}),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(
            "warning: m.json: shapes.\"ex#OpInput\".members.M.traits.\"smithy.api#pattern\": \
             pattern `^a{2,1}$` is not ECMA-262 ("
        ),
        "{found:?}"
    );
    assert!(
        found[0].ends_with(
            "and has no exact ECMA-262 equivalent: it is not enforced (generated code accepts \
             any value here)"
        ),
        "{found:?}"
    );
}

/// `ex#Op` with these endpoint traits, and input members.
fn with_endpoint_traits(traits: Value, members: Value) -> Vec<String> {
    let mut all_traits = json!({"smithy.api#http": {"method": "POST", "uri": "/"}});
    if let (Some(all), Some(extra)) = (all_traits.as_object_mut(), traits.as_object()) {
        for (id, value) in extra {
            all.insert(id.clone(), value.clone());
        }
    }
    broken(
        members,
        json!({"ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"},
                         "traits": all_traits}}),
    )
}

#[test]
fn endpoint_parameters_need_values_and_paths_that_resolve() {
    assert_eq!(
        with_endpoint_traits(
            json!({"smithy.rules#staticContextParams": {"P": {"value": 1}}}),
            json!({})
        ),
        [
            "error: m.json: shapes.\"ex#Op\".traits.\"smithy.rules#staticContextParams\".P: a \
             static context parameter needs a boolean, string or list `value`"
        ]
    );
    assert_eq!(
        with_endpoint_traits(
            json!({}),
            member(
                "smithy.api#Integer",
                json!({"smithy.rules#contextParam": {"name": "P"}})
            )
        ),
        [
            "error: m.json: shapes.\"ex#OpInput\".members.M: the context parameter `P` needs a \
             string, boolean or list of strings member"
        ]
    );
    let params = "shapes.\"ex#Op\".traits.\"smithy.rules#operationContextParams\"";
    assert_eq!(
        with_endpoint_traits(
            json!({"smithy.rules#operationContextParams": {"P": {}}}),
            json!({})
        ),
        [format!(
            "error: m.json: {params}.P: an operation context parameter needs a `path`"
        )]
    );
    let path_problems = [
        ("Nope", "no member `Nope`"),
        ("M.X", "`X` is not a member of a structure"),
        ("M[*]", "`M[*]` needs a list"),
        ("keys(M)", "`keys()` needs a map"),
        (
            "M",
            "the path must end at a string, boolean or list of strings",
        ),
    ];
    for (expression, problem) in path_problems {
        let found = with_endpoint_traits(
            json!({"smithy.rules#operationContextParams": {"P": {"path": expression}}}),
            member("smithy.api#Integer", json!({})),
        );
        assert_eq!(
            found,
            [format!(
                "error: m.json: {params}.P.path: path `{expression}`: {problem}"
            )],
            "{expression}"
        );
    }
}

#[test]
fn event_stream_operations_are_left_out_with_a_warning() {
    assert_eq!(
        broken_with(&event_stream_model(), &Settings::new()),
        [
            "warning: m.json: shapes.\"ex#WatchOutput\".members.Events.target: operation `Watch` \
             is not generated: its output member `Events` targets the event stream `ex#Events`, \
             and shapegen does not support event streams yet"
        ]
    );
}

#[test]
fn listed_errors_must_be_error_structures() {
    let found = broken(
        json!({}),
        json!({"ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"},
                         "errors": [{"target": "ex#OpInput"}],
                         "traits": {"smithy.api#http": {"method": "POST", "uri": "/"}}}}),
    );
    assert_eq!(
        found,
        [
            "error: m.json: shapes.\"ex#Op\".errors[0].target: `ex#OpInput` is listed as an error \
             but is not a structure with the `smithy.api#error` trait"
        ]
    );
}

#[test]
fn a_rule_broken_through_several_members_is_reported_once() {
    let found = broken(
        json!({"A": {"target": "ex#Bad"}, "B": {"target": "ex#Bad"}}),
        json!({"ex#Bad": {"type": "string", "traits": {"smithy.api#pattern": 7}}}),
    );
    assert_eq!(
        found,
        [
            "error: m.json: shapes.\"ex#Bad\".traits.\"smithy.api#pattern\": a pattern must be a string"
        ]
    );
}
