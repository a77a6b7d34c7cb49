//! The endpoint test cases that give operation inputs (`operationInputs`) instead of resolved
//! parameters: each input is bound to rule-set parameters the way generated clients bind it
//! (built-ins from the config, client parameters, the operation's `staticContextParams`, and
//! its `contextParam` / `operationContextParams` read from the input, as the codegen IR says)
//! and the endpoint must be the one the case expects.
//!
//! Only models shapegen generates clients for are bound (their protocol is supported); the
//! others' cases still pass through their resolved `params` in `conformance.rs`.

use std::sync::Arc;

use serde_json::Value as Json;
use shapegen::endpoint::{ParamValue, Params, Partitions, Resolver};
use shapegen_codegen::ir::{EndpointParamValue, InputPath, Ir, PathResult, PathStep};
use shapegen_codegen::{Settings, resolve};
use shapegen_endpoint_tests::{check, load_model};

/// Values of `path` in a JSON operation input (member names are the model's).
fn bound(path: &InputPath, input: &Json) -> Option<ParamValue> {
    let mut current = vec![input];
    for step in &path.steps {
        current = match step {
            PathStep::Field { member, .. } => current
                .iter()
                .filter_map(|value| value.get(member))
                .collect(),
            PathStep::Each => current
                .iter()
                .filter_map(|value| value.as_array())
                .flatten()
                .collect(),
            PathStep::Keys => {
                let keys: Vec<String> = current
                    .iter()
                    .filter_map(|value| value.as_object())
                    .flat_map(|map| map.keys().cloned())
                    .collect();
                return (!keys.is_empty()).then_some(ParamValue::StringArray(keys));
            }
        };
    }
    let projected = path.steps.iter().any(|s| matches!(s, PathStep::Each));
    match (path.result, projected) {
        (PathResult::StringArray, true) => {
            let values: Vec<String> = current
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect();
            (!values.is_empty()).then_some(ParamValue::StringArray(values))
        }
        (PathResult::String, _) => current.first()?.as_str().map(ParamValue::from),
        (PathResult::Bool, _) => current.first()?.as_bool().map(ParamValue::Bool),
        (PathResult::StringArray, false) => current.first()?.as_array().map(|items| {
            ParamValue::StringArray(
                items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect(),
            )
        }),
    }
}

fn json_param(value: &Json) -> Option<ParamValue> {
    match value {
        Json::Bool(b) => Some(ParamValue::Bool(*b)),
        Json::String(s) => Some(ParamValue::from(s.as_str())),
        Json::Array(items) => Some(ParamValue::StringArray(
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        )),
        _ => None,
    }
}

/// The parameters a generated client would pass for one operation input of a test case.
fn params_for(ir: &Ir, resolver: &Resolver, operation_input: &Json) -> Result<Params, String> {
    let mut params = Params::new();
    let built_ins = operation_input
        .get("builtInParams")
        .and_then(Json::as_object);
    for parameter in resolver.rule_set().parameters() {
        let Some(built_in) = parameter.built_in() else {
            continue;
        };
        if let Some(value) = built_ins.and_then(|b| b.get(built_in)).and_then(json_param) {
            params.set(parameter.name().to_owned(), value);
        }
    }
    if let Some(client) = operation_input
        .get("clientParams")
        .and_then(Json::as_object)
    {
        for (name, value) in client {
            if let Some(value) = json_param(value) {
                params.set(name.clone(), value);
            }
        }
    }
    let name = operation_input["operationName"]
        .as_str()
        .ok_or("no operationName")?;
    let operation = ir
        .operations
        .iter()
        .find(|op| op.name == name)
        .ok_or_else(|| format!("no operation {name}"))?;
    let input = operation_input
        .get("operationParams")
        .cloned()
        .unwrap_or(Json::Object(Default::default()));
    for param in &operation.endpoint_params {
        let value = match &param.value {
            EndpointParamValue::Static(value) => json_param(value),
            EndpointParamValue::Input(path) => bound(path, &input),
        };
        if let Some(value) = value {
            params.set(param.name.clone(), value);
        }
    }
    Ok(params)
}

#[test]
fn operation_inputs_bind_to_the_expected_endpoints() {
    let Some(shared) = shapegen_tests::shared_dir() else {
        return;
    };
    let partitions = Arc::new(
        Partitions::parse(
            &std::fs::read_to_string(shared.join("endpoints/partitions.json")).unwrap(),
        )
        .unwrap(),
    );
    let dir = shared.join("models/aws");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let (mut bound_inputs, mut failures, mut models) = (0, Vec::new(), Vec::new());
    for path in files {
        let source = std::fs::read(&path).unwrap();
        if !source.windows(15).any(|w| w == b"operationInputs") {
            continue;
        }
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        // Models of protocols shapegen does not generate yet are left to `conformance.rs`.
        let Ok(resolved) = resolve(&source, &file, &Settings::new()) else {
            continue;
        };
        let ir = resolved.ir;
        models.push(file.clone());
        let model = load_model(&path).unwrap();
        let resolver = Resolver::with_partitions(model.rule_set, Arc::clone(&partitions));
        let document: Json = serde_json::from_slice(&source).unwrap();
        let service = document["shapes"]
            .as_object()
            .unwrap()
            .values()
            .find(|s| s["type"] == "service")
            .unwrap();
        let cases = service["traits"]["smithy.rules#endpointTests"]["testCases"]
            .as_array()
            .unwrap();
        for (case, expected) in cases.iter().zip(&model.cases) {
            for input in case["operationInputs"].as_array().into_iter().flatten() {
                bound_inputs += 1;
                let outcome = params_for(&ir, &resolver, input)
                    .map(|params| resolver.resolve(&params).map(|e| (*e).clone()));
                let result = match outcome {
                    Ok(outcome) => check(&expected.expect, &outcome),
                    Err(problem) => Err(problem),
                };
                if let Err(problem) = result {
                    failures.push(format!("{file}: {}: {problem}", case["documentation"]));
                }
            }
        }
    }
    println!(
        "operation inputs bound: {}/{bound_inputs} ({})",
        bound_inputs - failures.len(),
        models.join(", ")
    );
    assert!(bound_inputs > 100, "only {bound_inputs} operation inputs");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
