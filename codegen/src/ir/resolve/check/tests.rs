//! Every diagnostic resolution can produce: a minimal model, the message and its JSON path.

use serde_json::{Value, json};

use crate::diagnostics::{Diagnostics, Severity};
use crate::settings::Settings;

/// A restJson1 service `ex#Svc` with one operation `ex#Op` (`POST /`, input `ex#OpInput`
/// with `members`), plus `shapes` (added, or replacing the base ones).
fn model(members: Value, shapes: Value) -> Value {
    let mut all = json!({
        "ex#Svc": {
            "type": "service", "version": "1",
            "operations": [{"target": "ex#Op"}],
            "traits": {"aws.protocols#restJson1": {}}
        },
        "ex#Op": {
            "type": "operation",
            "input": {"target": "ex#OpInput"},
            "traits": {"smithy.api#http": {"method": "POST", "uri": "/", "code": 200}}
        },
        "ex#OpInput": {"type": "structure", "members": members}
    });
    if let (Some(all), Some(shapes)) = (all.as_object_mut(), shapes.as_object()) {
        for (id, shape) in shapes {
            all.insert(id.clone(), shape.clone());
        }
    }
    json!({"smithy": "2.0", "shapes": all})
}

/// What resolving `document` with `settings` reports, each line prefixed with its severity.
fn problems_with(document: &Value, settings: &Settings) -> Vec<String> {
    let source = serde_json::to_vec(document).unwrap_or_default();
    let mut diagnostics = Diagnostics::new("m.json");
    let loaded = crate::model::load(&source, &mut diagnostics);
    assert!(!diagnostics.has_errors(), "{diagnostics}");
    if let Some(model) = loaded {
        super::super::resolve(&model, settings, &mut diagnostics);
    }
    diagnostics
        .lines_with_severity()
        .map(|(severity, line)| match severity {
            Severity::Error => format!("error: {line}"),
            Severity::Warning => format!("warning: {line}"),
        })
        .collect()
}

fn problems(members: Value, shapes: Value) -> Vec<String> {
    problems_with(&model(members, shapes), &Settings::new())
}

/// An input member `M` targeting `target`, with `traits`.
fn member(target: &str, traits: Value) -> Value {
    json!({"M": {"target": target, "traits": traits}})
}

#[test]
fn a_selected_service_must_exist_and_be_a_service() {
    let document = model(json!({}), json!({}));
    assert_eq!(
        problems_with(&document, &Settings::new().service("ex#Op")),
        ["error: m.json: argument `service`: `ex#Op` is a operation, not a service"]
    );
    assert_eq!(
        problems_with(&document, &Settings::new().service("ex#Other")),
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
        problems_with(&none, &Settings::new()),
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
        problems_with(&two, &Settings::new()),
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
    let none = problems(
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
    let xml = problems(
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
fn sigv4_needs_a_signing_name() {
    let found = problems(
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

#[test]
fn resources_and_operations_must_be_what_they_are_listed_as() {
    let found = problems(
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

/// A service with `ex#Op` and `ex#Watch`, whose output streams events.
fn event_stream_model() -> Value {
    model(
        json!({}),
        json!({
            "ex#Svc": {"type": "service", "version": "1",
                       "operations": [{"target": "ex#Op"}, {"target": "ex#Watch"}],
                       "traits": {"aws.protocols#restJson1": {}}},
            "ex#Watch": {"type": "operation", "output": {"target": "ex#WatchOutput"},
                         "traits": {"smithy.api#http": {"method": "GET", "uri": "/w"}}},
            "ex#WatchOutput": {"type": "structure",
                               "members": {"Events": {"target": "ex#Events"}}},
            "ex#Events": {"type": "union", "members": {"A": {"target": "smithy.api#String"}},
                          "traits": {"smithy.api#streaming": {}}}
        }),
    )
}

#[test]
fn event_stream_operations_are_left_out_with_a_warning_or_refused_when_named() {
    let document = event_stream_model();
    assert_eq!(
        problems_with(&document, &Settings::new()),
        [
            "warning: m.json: shapes.\"ex#WatchOutput\".members.Events.target: operation `Watch` \
             is not generated: its output member `Events` targets the event stream `ex#Events`, \
             and shapegen does not support event streams yet"
        ]
    );
    assert_eq!(
        problems_with(&document, &Settings::new().operations(["Watch"])),
        [
            "error: m.json: argument `operations`: operation `Watch` cannot be generated: its \
             output member `Events` targets the event stream `ex#Events`, and shapegen does not \
             support event streams yet"
        ]
    );
}

#[test]
fn a_named_operation_must_exist_and_a_close_name_is_suggested() {
    let document = model(json!({}), json!({}));
    assert_eq!(
        problems_with(&document, &Settings::new().operations(["Opp"])),
        [
            "error: m.json: argument `operations`: no operation `Opp` in service `ex#Svc` (1 \
             operation); did you mean `Op`?"
        ]
    );
}

#[test]
fn an_event_stream_reached_as_a_value_is_an_error() {
    let found = problems(
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
fn inputs_outputs_and_errors_must_be_structures() {
    let found = problems(
        json!({}),
        json!({
            "ex#Op": {"type": "operation", "input": {"target": "ex#Text"},
                      "output": {"target": "ex#Missing"},
                      "errors": [{"target": "ex#OpInput"}, {"target": "ex#NoError"}],
                      "traits": {"smithy.api#http": {"method": "POST", "uri": "/"}}},
            "ex#Text": {"type": "string"}
        }),
    );
    assert_eq!(
        found,
        [
            "error: m.json: shapes.\"ex#Op\".input.target: operation input/output must be a structure, \
             `ex#Text` is a string",
            "error: m.json: shapes.\"ex#Op\".output.target: unknown shape `ex#Missing`: no shape with \
             this id in the model",
            "error: m.json: shapes.\"ex#Op\".errors[0].target: `ex#OpInput` is listed as an error but is \
             not a structure with the `smithy.api#error` trait",
            "error: m.json: shapes.\"ex#Op\".errors[1].target: unknown shape `ex#NoError`: no shape with \
             this id in the model",
        ]
    );
}

#[test]
fn rest_json_operations_need_a_well_formed_http_trait() {
    let missing = problems(
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
    let malformed = problems(
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

/// `ex#Op` with this URI.
fn with_uri(uri: &str, members: Value) -> Vec<String> {
    problems(
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
        let found = problems(member("ex#Things", json!({trait_id: value})), list.clone());
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
        problems(
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
fn members_must_target_known_value_shapes() {
    assert_eq!(
        problems(member("ex#Nowhere", json!({})), json!({})),
        [
            "error: m.json: shapes.\"ex#OpInput\".members.M.target: unknown shape `ex#Nowhere`: \
             no shape with this id in the model"
        ]
    );
    assert_eq!(
        problems(member("ex#Op", json!({})), json!({})),
        [
            "error: m.json: shapes.\"ex#OpInput\".members.M.target: a member cannot target \
             `ex#Op`, which is a operation"
        ]
    );
}

#[test]
fn a_collection_that_contains_itself_is_an_error() {
    let found = problems(
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
    let found = problems(
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
    let found = problems(
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
fn a_pattern_with_no_ecma_equivalent_is_a_warning() {
    let found = problems(
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
    problems(
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
