//! The `smithy.rules#endpointTests` cases of the AWS models, run against shapegen's endpoint
//! rules engine ([`shapegen::endpoint`]).
//!
//! [`load_models`] reads every model of a directory (its service's rule set and test cases),
//! [`run`] evaluates every case with a partition table and compares the outcome with the
//! expected endpoint (URL, headers, properties, structurally) or error message.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value as Json;
use shapegen::Document;
use shapegen::endpoint::{
    Endpoint, ParamValue, Params, Partitions, ResolveError, Resolver, RuleSet,
};

/// One model's rule set and endpoint test cases.
#[derive(Debug)]
pub struct Model {
    /// The model's file name, e.g. `s3.json`.
    pub file: String,
    /// The service's rule set, parsed by the engine.
    pub rule_set: RuleSet,
    /// The rule set's JSON, minified (as generated code would embed it).
    pub rule_set_json: String,
    /// The test cases, in the model's order.
    pub cases: Vec<Case>,
}

/// One endpoint test case.
#[derive(Debug)]
pub struct Case {
    /// The case's `documentation`.
    pub documentation: String,
    /// The case's `params`.
    pub params: Params,
    /// What the case expects.
    pub expect: Expect,
}

/// The outcome a test case expects.
#[derive(Debug)]
pub enum Expect {
    /// An endpoint.
    Endpoint {
        /// The URL.
        url: String,
        /// The headers (empty when the case lists none).
        headers: BTreeMap<String, Vec<String>>,
        /// The properties (empty when the case lists none).
        properties: serde_json::Map<String, Json>,
    },
    /// An error with this message.
    Error(String),
}

/// The `*.json` models of `dir`, sorted by name, read on two threads.
pub fn load_models(dir: &Path) -> Result<Vec<Model>, String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let (even, odd): (Vec<_>, Vec<_>) = files.iter().enumerate().partition(|(i, _)| i % 2 == 0);
    let load = |files: Vec<(usize, &PathBuf)>| {
        files
            .into_iter()
            .map(|(i, path)| load_model(path).map(|model| (i, model)))
            .collect::<Result<Vec<_>, String>>()
    };
    let (a, b) = std::thread::scope(|scope| {
        let other = scope.spawn(|| load(odd));
        let mine = load(even);
        (mine, other.join())
    });
    let mut models = a?;
    models.extend(b.map_err(|_| "a loader thread panicked".to_owned())??);
    models.sort_by_key(|(i, _)| *i);
    Ok(models.into_iter().map(|(_, model)| model).collect())
}

/// Reads one model: its service shape's rule set and test cases.
pub fn load_model(path: &Path) -> Result<Model, String> {
    let file = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let fail = |message: String| format!("{file}: {message}");
    let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
    let (rule_set, tests) = match (
        trait_value(&text, RULE_SET_TRAIT),
        trait_value(&text, TESTS_TRAIT),
    ) {
        (Some(rule_set), Some(tests)) => (rule_set, tests),
        _ => {
            let model: Json = serde_json::from_str(&text).map_err(|e| fail(e.to_string()))?;
            let service = model["shapes"]
                .as_object()
                .and_then(|shapes| shapes.values().find(|shape| shape["type"] == "service"))
                .ok_or_else(|| fail("no service shape".into()))?;
            let traits = &service["traits"];
            (traits[RULE_SET_TRAIT].clone(), traits[TESTS_TRAIT].clone())
        }
    };
    let rule_set_json = serde_json::to_string(&rule_set).map_err(|e| fail(e.to_string()))?;
    let rule_set = RuleSet::parse(&rule_set_json).map_err(|e| fail(e.to_string()))?;
    let cases = tests["testCases"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, case)| read_case(case).map_err(|e| fail(format!("test case {i}: {e}"))))
        .collect::<Result<_, _>>()?;
    Ok(Model {
        file,
        rule_set,
        rule_set_json,
        cases,
    })
}

const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
const TESTS_TRAIT: &str = "smithy.rules#endpointTests";

/// The value of the trait `name`, read without parsing the rest of the model: only service
/// shapes carry the endpoint traits and a model has one service, so when the quoted name
/// occurs exactly once (as a member name) it is the service's trait. `None` otherwise, and the
/// caller parses the whole model.
fn trait_value(text: &str, name: &str) -> Option<Json> {
    let quoted = format!("\"{name}\"");
    let mut found = text.match_indices(&quoted);
    let (at, _) = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let rest = text[at + quoted.len()..].trim_start().strip_prefix(':')?;
    // The first value of a stream: reading stops after it.
    serde_json::Deserializer::from_str(rest)
        .into_iter::<Json>()
        .next()?
        .ok()
}

fn read_case(case: &Json) -> Result<Case, String> {
    let mut params = Params::new();
    if let Some(values) = case["params"].as_object() {
        for (name, value) in values {
            params.set(name.clone(), param_value(value)?);
        }
    }
    let expect = &case["expect"];
    let expect = if let Some(message) = expect["error"].as_str() {
        Expect::Error(message.to_owned())
    } else if let Some(endpoint) = expect["endpoint"].as_object() {
        let mut headers = BTreeMap::new();
        for (name, values) in endpoint
            .get("headers")
            .and_then(Json::as_object)
            .into_iter()
            .flatten()
        {
            let values = values
                .as_array()
                .ok_or("headers must be arrays")?
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_owned)
                        .ok_or("header values must be strings")
                })
                .collect::<Result<_, _>>()?;
            headers.insert(name.clone(), values);
        }
        Expect::Endpoint {
            url: endpoint["url"].as_str().ok_or("no url")?.to_owned(),
            headers,
            properties: endpoint
                .get("properties")
                .and_then(Json::as_object)
                .cloned()
                .unwrap_or_default(),
        }
    } else {
        return Err(format!("no error or endpoint in `expect`: {expect}"));
    };
    Ok(Case {
        documentation: case["documentation"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        params,
        expect,
    })
}

fn param_value(value: &Json) -> Result<ParamValue, String> {
    match value {
        Json::String(s) => Ok(ParamValue::String(s.clone())),
        Json::Bool(b) => Ok(ParamValue::Bool(*b)),
        Json::Array(items) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .map(ParamValue::StringArray)
            .ok_or_else(|| format!("not a string array: {value}")),
        other => Err(format!("unsupported parameter value {other}")),
    }
}

/// Compares an outcome with what the case expects; `Err` describes the difference.
pub fn check(expect: &Expect, outcome: &Result<Endpoint, ResolveError>) -> Result<(), String> {
    match (expect, outcome) {
        (Expect::Error(expected), Err(error)) if *expected == error.to_string() => Ok(()),
        (
            Expect::Endpoint {
                url,
                headers,
                properties,
            },
            Ok(endpoint),
        ) => {
            let mut diff = String::new();
            if endpoint.url() != url {
                let _ = write!(diff, "url: expected {url}, got {}; ", endpoint.url());
            }
            if endpoint.headers() != headers {
                let _ = write!(
                    diff,
                    "headers: expected {headers:?}, got {:?}; ",
                    endpoint.headers()
                );
            }
            let same_properties = endpoint.properties().len() == properties.len()
                && properties.iter().all(|(name, expected)| {
                    endpoint
                        .property(name)
                        .is_some_and(|got| same_document(got, expected))
                });
            if !same_properties {
                let _ = write!(
                    diff,
                    "properties: expected {}, got {:?}",
                    Json::Object(properties.clone()),
                    endpoint.properties()
                );
            }
            if diff.is_empty() { Ok(()) } else { Err(diff) }
        }
        (Expect::Error(expected), Ok(endpoint)) => Err(format!(
            "expected error {expected:?}, got endpoint {}",
            endpoint.url()
        )),
        (Expect::Error(expected), Err(error)) => Err(format!(
            "expected error {expected:?}, got error {:?}",
            error.to_string()
        )),
        (Expect::Endpoint { url, .. }, Err(error)) => Err(format!(
            "expected endpoint {url}, got error {:?}",
            error.to_string()
        )),
    }
}

/// Whether a property value equals the expected JSON.
pub fn same_document(got: &Document, expected: &Json) -> bool {
    match (got, expected) {
        (Document::Null, Json::Null) => true,
        (Document::Bool(a), Json::Bool(b)) => a == b,
        (Document::String(a), Json::String(b)) => a == b,
        (Document::Number(a), Json::Number(b)) => match a {
            shapegen::Number::PosInt(n) => b.as_u64() == Some(*n),
            shapegen::Number::NegInt(n) => b.as_i64() == Some(*n),
            shapegen::Number::Float(n) => b.as_f64() == Some(*n),
        },
        (Document::Array(a), Json::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_document(a, b))
        }
        (Document::Object(a), Json::Object(b)) => {
            a.len() == b.len()
                && b.iter()
                    .all(|(key, b)| a.get(key).is_some_and(|a| same_document(a, b)))
        }
        _ => false,
    }
}

/// A case whose outcome differs from its expectation.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The model's file name.
    pub file: String,
    /// The case's index in the model.
    pub index: usize,
    /// The case's documentation.
    pub documentation: String,
    /// The difference.
    pub detail: String,
}

/// The outcome of running many models' cases.
#[derive(Debug, Default)]
pub struct Report {
    /// Models run.
    pub models: usize,
    /// Cases run.
    pub cases: usize,
    /// Cases that passed.
    pub passed: usize,
    /// Cases that did not.
    pub failures: Vec<Failure>,
}

impl Report {
    /// The summary line, e.g. `endpoint cases: 15320/15320 passed (402 models)`.
    pub fn total_line(&self) -> String {
        format!(
            "endpoint cases: {}/{} passed ({} models)",
            self.passed, self.cases, self.models
        )
    }

    /// Per model with failures: a count line and each failure.
    pub fn failure_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let mut current = None;
        for failure in &self.failures {
            if current != Some(&failure.file) {
                let count = self
                    .failures
                    .iter()
                    .filter(|f| f.file == failure.file)
                    .count();
                lines.push(format!("{}: {count} case(s) failed", failure.file));
                current = Some(&failure.file);
            }
            lines.push(format!(
                "  [{}] {}: {}",
                failure.index, failure.documentation, failure.detail
            ));
        }
        lines
    }
}

/// Evaluates every case of `models` with `partitions`, through a [`Resolver`] per model: each
/// case is resolved twice, and the second (cached) outcome must be the first.
pub fn run(models: &[Model], partitions: &Arc<Partitions>) -> Report {
    let mut report = Report {
        models: models.len(),
        ..Report::default()
    };
    for model in models {
        let resolver = Resolver::with_partitions(model.rule_set.clone(), Arc::clone(partitions));
        for (index, case) in model.cases.iter().enumerate() {
            report.cases += 1;
            let outcome = resolver.resolve(&case.params);
            let again = resolver.resolve(&case.params);
            let outcome = outcome.map(|endpoint| Endpoint::clone(&endpoint));
            let checked = if again.map(|endpoint| Endpoint::clone(&endpoint)) == outcome {
                check(&case.expect, &outcome)
            } else {
                Err("the cached outcome differs from the first".into())
            };
            match checked {
                Ok(()) => report.passed += 1,
                Err(detail) => report.failures.push(Failure {
                    file: model.file.clone(),
                    index,
                    documentation: case.documentation.clone(),
                    detail,
                }),
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn endpoint_of(rules: &str) -> Result<Endpoint, ResolveError> {
        let rules = RuleSet::parse(rules).unwrap();
        rules.evaluate(&Params::new(), &Partitions::empty())
    }

    const RULES: &str = r#"{"version": "1.0", "parameters": {}, "rules": [{"type": "endpoint", "conditions": [],
        "endpoint": {"url": "https://a", "headers": {"h": ["1"]},
                     "properties": {"authSchemes": [{"name": "sigv4", "double": false}]}}}]}"#;

    fn expect_endpoint(url: &str, headers: &[(&str, &[&str])], properties: Json) -> Expect {
        Expect::Endpoint {
            url: url.into(),
            headers: headers
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.iter().map(|s| (*s).to_owned()).collect()))
                .collect(),
            properties: properties.as_object().cloned().unwrap_or_default(),
        }
    }

    #[test]
    fn check_accepts_only_the_same_endpoint() {
        let got = endpoint_of(RULES);
        let properties = json!({"authSchemes": [{"name": "sigv4", "double": false}]});
        let h: &[(&str, &[&str])] = &[("h", &["1"])];
        assert_eq!(
            check(&expect_endpoint("https://a", h, properties.clone()), &got),
            Ok(())
        );
        assert!(check(&expect_endpoint("https://b", h, properties.clone()), &got).is_err());
        assert!(check(&expect_endpoint("https://a", &[], properties.clone()), &got).is_err());
        assert!(
            check(
                &expect_endpoint("https://a", &[("h", &["2"])], properties),
                &got
            )
            .is_err()
        );
        for properties in [
            json!({}),
            json!({"authSchemes": [{"name": "sigv4", "double": true}]}),
            json!({"authSchemes": [{"name": "sigv4"}]}),
            json!({"authSchemes": [{"name": "sigv4", "double": false}], "extra": 1}),
            json!({"authSchemes": []}),
        ] {
            assert!(
                check(&expect_endpoint("https://a", h, properties.clone()), &got).is_err(),
                "{properties}"
            );
        }
        assert!(check(&Expect::Error("x".into()), &got).is_err());
    }

    #[test]
    fn check_compares_error_messages() {
        let got = endpoint_of(
            r#"{"version": "1.0", "parameters": {}, "rules": [{"type": "error", "conditions": [], "error": "no"}]}"#,
        );
        assert_eq!(check(&Expect::Error("no".into()), &got), Ok(()));
        assert!(check(&Expect::Error("No".into()), &got).is_err());
        assert!(check(&expect_endpoint("https://a", &[], json!({})), &got).is_err());
    }

    #[test]
    fn trait_values_are_read_only_when_unambiguous() {
        let text = r#"{"shapes": {"a#S": {"type": "service", "traits": {"x#t": {"k": [1, {"a": "}"}]}, "y": 2}}}}"#;
        assert_eq!(
            trait_value(text, "x#t"),
            Some(json!({"k": [1, {"a": "}"}]}))
        );
        assert_eq!(trait_value(text, "x#u"), None);
        let twice = r#"{"x#t": 1, "d": {"x#t": 2}}"#;
        assert_eq!(trait_value(twice, "x#t"), None);
    }

    #[test]
    fn models_are_read_whole_when_the_trait_name_is_ambiguous() {
        let rules = r#"{"version": "1.0", "parameters": {}, "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://a"}}]}"#;
        let model = format!(
            r#"{{"shapes": {{
                "a#Decoy": {{"type": "string", "traits": {{"x#meta": {{"smithy.rules#endpointRuleSet": "decoy"}}}}}},
                "a#S": {{"type": "service", "traits": {{
                    "smithy.rules#endpointRuleSet": {rules},
                    "smithy.rules#endpointTests": {{"testCases": [{{"params": {{"A": ["x"], "B": true}}, "expect": {{"endpoint": {{"url": "https://a"}}}}}}]}}
                }}}}
            }}}}"#
        );
        let dir =
            std::env::temp_dir().join(format!("shapegen-endpoint-tests-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("m.json");
        std::fs::write(&path, model).unwrap();
        let loaded = load_model(&path);
        let _ = std::fs::remove_dir_all(&dir);
        let model = loaded.unwrap();
        assert_eq!(model.file, "m.json");
        assert_eq!(model.cases.len(), 1);
        assert_eq!(
            model.cases[0].params.get("A"),
            Some(&ParamValue::StringArray(vec!["x".into()]))
        );
        let report = run(&[model], &Arc::new(Partitions::empty()));
        assert_eq!(report.total_line(), "endpoint cases: 1/1 passed (1 models)");
    }
}
