//! The generator on models that once made it panic or crash rustc (issue 9, items 5 to 7):
//! every input is either generated code or diagnostics with JSON paths.

use serde_json::{Value, json};
use shapegen_codegen::{Settings, generate};

/// A one-operation restJson1 service whose input has the given extra shapes and members.
fn model(members: Value, shapes: Value, rename: Value) -> Vec<u8> {
    let mut all = json!({
        "ex#Svc": {
            "type": "service", "version": "1", "rename": rename,
            "operations": [{"target": "ex#DoThing"}],
            "traits": {"aws.protocols#restJson1": {}}
        },
        "ex#DoThing": {
            "type": "operation",
            "input": {"target": "ex#DoThingInput"},
            "traits": {"smithy.api#http": {"method": "POST", "uri": "/", "code": 200}}
        },
        "ex#DoThingInput": {"type": "structure", "members": members}
    });
    for (id, shape) in shapes.as_object().unwrap() {
        all[id] = shape.clone();
    }
    serde_json::to_vec(&json!({"smithy": "2.0", "shapes": all})).unwrap()
}

fn diagnostics(source: &[u8]) -> Vec<String> {
    match generate(source, "m.json", &Settings::new()) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics.lines().collect(),
    }
}

#[test]
fn recursive_collections_are_diagnostics_not_crashes() {
    for (name, shapes) in [
        (
            "a list of itself",
            json!({"ex#Loop": {"type": "list", "member": {"target": "ex#Loop"}}}),
        ),
        (
            "a list of a list of the first",
            json!({
                "ex#Loop": {"type": "list", "member": {"target": "ex#Inner"}},
                "ex#Inner": {"type": "list", "member": {"target": "ex#Loop"}}
            }),
        ),
        (
            "a map of itself",
            json!({"ex#Loop": {"type": "map", "key": {"target": "smithy.api#String"},
                               "value": {"target": "ex#Loop"}}}),
        ),
    ] {
        let source = model(json!({"Value": {"target": "ex#Loop"}}), shapes, json!({}));
        let found = diagnostics(&source);
        assert!(
            found
                .iter()
                .any(|d| d.contains("contains itself with no structure or union")),
            "{name}: {found:?}"
        );
        assert!(
            found.iter().all(|d| d.starts_with("m.json: shapes.")),
            "{name}: {found:?}"
        );
    }
}

#[test]
fn recursion_through_a_structure_is_fine() {
    let source = model(
        json!({"Value": {"target": "ex#Loop"}}),
        json!({
            "ex#Loop": {"type": "list", "member": {"target": "ex#Node"}},
            "ex#Node": {"type": "structure", "members": {"Children": {"target": "ex#Loop"}}}
        }),
        json!({}),
    );
    assert_eq!(diagnostics(&source), Vec::<String>::new());
}

#[test]
fn names_that_are_not_identifiers_generate() {
    let source = model(
        json!({"Unit": {"target": "ex#Unit"}, "Widget": {"target": "ex#Widget"}}),
        json!({
            "ex#Unit": {"type": "enum", "members": {
                "SQUARE": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "m²"}},
                "HALF": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "½"}}
            }},
            "ex#Legacy": {"type": "string", "traits": {"smithy.api#enum": [
                {"value": "m²", "name": "m²"}, {"value": "½"}, {"value": "٣"}
            ]}},
            "ex#Widget": {"type": "structure", "members": {"Legacy": {"target": "ex#Legacy"}}}
        }),
        // Rename values that are not identifiers (Smithy requires them to be; fuzzing found
        // these made the macro panic): each still gives a valid name.
        json!({"ex#Widget": "Do-It", "ex#DoThing": "ns#Missing", "ex#Unit": "smithy.api#Unit"}),
    );
    let tokens = generate(&source, "m.json", &Settings::new()).unwrap();
    let text = tokens.tokens.to_string();
    assert!(text.contains("pub struct DoIt"), "renamed structure");
    assert!(text.contains("NsMissingFluentBuilder"), "renamed operation");
    assert!(text.contains("SmithyApiUnit"), "renamed enum");
    for variant in ["MU00b2", "U00bd", "U0663"] {
        assert!(text.contains(variant), "{variant}");
    }
}

#[test]
fn paginated_operations_without_items_say_so() {
    let source = serde_json::to_vec(&json!({"smithy": "2.0", "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#List"}],
                   "traits": {"aws.protocols#restJson1": {}}},
        "ex#List": {"type": "operation", "input": {"target": "ex#ListInput"},
                    "output": {"target": "ex#ListOutput"},
                    "traits": {"smithy.api#http": {"method": "GET", "uri": "/", "code": 200},
                               "smithy.api#paginated": {"inputToken": "Next", "outputToken": "Next"}}},
        "ex#ListInput": {"type": "structure", "members": {
            "Next": {"target": "smithy.api#String", "traits": {"smithy.api#httpQuery": "next"}}}},
        "ex#ListOutput": {"type": "structure", "members": {"Next": {"target": "smithy.api#String"}}}
    }}))
    .unwrap();
    let text = generate(&source, "m.json", &Settings::new())
        .unwrap()
        .tokens
        .to_string();
    assert!(text.contains("into_paginator"));
    assert!(!text.contains("fn into_items"));
    assert!(
        text.contains("so there is no `into_items()`"),
        "the missing method is explained in the docs"
    );
}
