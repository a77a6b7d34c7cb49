//! Test support: resolving small models.

use serde_json::{Value, json};

use crate::diagnostics::Diagnostics;
use crate::ir::Ir;
use crate::settings::Settings;

/// Resolves a restJson1 service whose one operation `ex#Op` takes `ex#In` and returns
/// `ex#Out`, with `shapes`; fails the test on any diagnostic of resolution or the check pass.
pub(super) fn resolve(shapes: Value) -> Ir {
    let mut all = json!({
        "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Op"}],
                   "traits": {"aws.protocols#restJson1": {}}},
        "ex#Op": {"type": "operation", "input": {"target": "ex#In"},
                  "output": {"target": "ex#Out"},
                  "traits": {"smithy.api#http": {"method": "POST", "uri": "/"}}}
    });
    if let (Some(all), Some(shapes)) = (all.as_object_mut(), shapes.as_object()) {
        all.extend(shapes.clone());
    }
    let source = serde_json::to_vec(&json!({"smithy": "2.0", "shapes": all})).unwrap_or_default();
    let mut diagnostics = Diagnostics::new("m.json");
    let model = crate::model::load(&source, &mut diagnostics);
    let Some(model) = model else {
        panic!("the model did not load: {diagnostics}");
    };
    let resolution = super::resolve(&model, &Settings::new(), &mut diagnostics);
    let Some(resolution) = resolution else {
        panic!("no IR: {diagnostics}");
    };
    crate::ir::check(&model, &resolution, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics}");
    resolution.ir
}
