//! AWS SDK customizations: behaviour AWS SDKs give particular services that their models do
//! not express with traits (the official protocol tests check them), applied to the resolved
//! IR by service and operation shape id.
//!
//! | service | operation | customization |
//! |---|---|---|
//! | Amazon Machine Learning | `Predict` | sent to the URL in its `PredictEndpoint` member |

use super::{Ir, TypeKind};

/// `(service id, operation id, input member)`: when the member is set, the operation is sent to
/// the URL it holds rather than to the resolved endpoint.
const ENDPOINT_URL_MEMBERS: &[(&str, &str, &str)] = &[(
    // Amazon ML serves predictions from a per-model real-time endpoint, which
    // `CreateRealtimeEndpoint` returns and callers pass to `Predict`.
    "com.amazonaws.machinelearning#AmazonML_20141212",
    "com.amazonaws.machinelearning#Predict",
    "PredictEndpoint",
)];

/// Applies the customizations of `ir`'s service.
pub(super) fn apply(ir: &mut Ir) {
    for (service, operation, member) in ENDPOINT_URL_MEMBERS {
        if ir.service.id != *service {
            continue;
        }
        for op in ir.operations.iter_mut().filter(|op| op.id == *operation) {
            op.endpoint_url_member = op
                .input
                .members
                .iter()
                .position(|m| m.name == *member && matches!(m.ty.kind, TypeKind::String));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::diagnostics::Diagnostics;
    use crate::settings::Settings;

    /// A one-operation awsJson1_1 service `{namespace}#Svc` whose `Predict` input has a string
    /// member `PredictEndpoint`.
    fn ir(service: &str) -> crate::ir::Ir {
        let (namespace, _) = service.split_once('#').unwrap();
        let id = |name: &str| format!("{namespace}#{name}");
        let model = json!({"smithy": "2.0", "shapes": {
            service: {
                "type": "service", "version": "1",
                "operations": [{"target": id("Predict")}],
                "traits": {"aws.protocols#awsJson1_1": {}}
            },
            id("Predict"): {"type": "operation", "input": {"target": id("PredictInput")}},
            id("PredictInput"): {"type": "structure", "members": {
                "MLModelId": {"target": "smithy.api#String"},
                "PredictEndpoint": {"target": "smithy.api#String"}
            }}
        }});
        let source = serde_json::to_vec(&model).unwrap();
        let mut diagnostics = Diagnostics::new("m.json");
        let model = crate::model::load(&source, &mut diagnostics).unwrap();
        let resolution = crate::ir::resolve(&model, &Settings::new(), &mut diagnostics).unwrap();
        crate::ir::check(&model, &resolution, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics}");
        resolution.ir
    }

    #[test]
    fn machine_learning_predict_is_sent_to_its_predict_endpoint() {
        let ir = ir("com.amazonaws.machinelearning#AmazonML_20141212");
        let predict = &ir.operations[0];
        let member = predict
            .endpoint_url_member
            .map(|i| &predict.input.members[i]);
        assert_eq!(member.map(|m| m.name.as_str()), Some("PredictEndpoint"));
    }

    #[test]
    fn other_services_are_not_customized() {
        let ir = ir("example.ml#Svc");
        assert_eq!(ir.operations[0].endpoint_url_member, None);
    }
}
