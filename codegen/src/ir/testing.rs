//! Test support: minimal models, and what resolution and the check pass report for them.

use serde_json::{Value, json};

use crate::diagnostics::{Diagnostics, Severity};
use crate::settings::Settings;

/// A restJson1 service `ex#Svc` with one operation `ex#Op` (`POST /`, input `ex#OpInput`
/// with `members`), plus `shapes` (added, or replacing the base ones).
pub(crate) fn model(members: Value, shapes: Value) -> Value {
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

/// An input member `M` targeting `target`, with `traits`.
pub(crate) fn member(target: &str, traits: Value) -> Value {
    json!({"M": {"target": target, "traits": traits}})
}

/// What each pass reported, each line prefixed with its severity.
#[derive(Debug, Default)]
pub(crate) struct Reported {
    /// Resolution failures.
    pub resolution: Vec<String>,
    /// Broken rules, from the check pass.
    pub check: Vec<String>,
}

/// Resolves `document` with `settings`, then checks it when it resolved.
pub(crate) fn report_with(document: &Value, settings: &Settings) -> Reported {
    let source = serde_json::to_vec(document).unwrap_or_default();
    let mut diagnostics = Diagnostics::new("m.json");
    let loaded = crate::model::load(&source, &mut diagnostics);
    assert!(!diagnostics.has_errors(), "{diagnostics}");
    let Some(model) = loaded else {
        panic!("the model did not load");
    };
    let resolution = super::resolve(&model, settings, &mut diagnostics);
    let resolution_lines = lines(&diagnostics);
    let mut checked = Diagnostics::new("m.json");
    if let Some(resolution) = &resolution {
        super::check(&model, resolution, &mut checked);
    }
    Reported {
        resolution: resolution_lines,
        check: lines(&checked),
    }
}

fn lines(diagnostics: &Diagnostics) -> Vec<String> {
    diagnostics
        .lines_with_severity()
        .map(|(severity, line)| match severity {
            Severity::Error => format!("error: {line}"),
            Severity::Warning => format!("warning: {line}"),
        })
        .collect()
}

/// [`model`] with a second operation `ex#Watch`, whose output streams events.
pub(crate) fn event_stream_model() -> Value {
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
