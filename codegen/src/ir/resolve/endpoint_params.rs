//! Endpoint rule-set parameters an operation sets: static ones, `contextParam` members and
//! `operationContextParams` paths into the input.

use serde_json::Value;

use super::Resolver;
use crate::diagnostics::JsonPath;
use crate::ir::{
    EndpointParamIr, EndpointParamValue, InputPath, MemberIr, PathResult, PathStep, StructureIr,
    TypeIr, TypeKind,
};
use crate::model::{Shape, traits};

impl<'m> Resolver<'m, '_> {
    /// The endpoint parameters an operation sets: `staticContextParams`, `contextParam`
    /// members of its input, and `operationContextParams` paths into it.
    pub(super) fn endpoint_params(
        &mut self,
        shape: &Shape,
        input: &StructureIr,
    ) -> Vec<EndpointParamIr> {
        let mut params = Vec::new();
        if let Some(Value::Object(entries)) = shape.traits.get(traits::STATIC_CONTEXT_PARAMS) {
            for (name, entry) in entries {
                match entry.get("value") {
                    Some(value @ (Value::Bool(_) | Value::String(_) | Value::Array(_))) => {
                        params.push(EndpointParamIr {
                            name: name.clone(),
                            value: EndpointParamValue::Static(value.clone()),
                        });
                    }
                    _ => self.report_once(
                        shape.path.trait_(traits::STATIC_CONTEXT_PARAMS).key(name),
                        "a static context parameter needs a boolean, string or list `value`"
                            .to_owned(),
                    ),
                }
            }
        }
        for member in &input.members {
            let Some(name) = member.context_param.as_ref() else {
                continue;
            };
            match path_result(&member.ty) {
                Some(result) => params.push(EndpointParamIr {
                    name: name.clone(),
                    value: EndpointParamValue::Input(InputPath {
                        steps: vec![PathStep::Field {
                            member: member.name.clone(),
                            field: member.field.clone(),
                            optional: member.optional,
                        }],
                        result,
                    }),
                }),
                None => self.report_once(
                    JsonPath::shape(&input.id).key("members").key(&member.name),
                    format!(
                        "the context parameter `{name}` needs a string, boolean or list of \
                         strings member"
                    ),
                ),
            }
        }
        if let Some(Value::Object(entries)) = shape.traits.get(traits::OPERATION_CONTEXT_PARAMS) {
            for (name, entry) in entries {
                let path = shape
                    .path
                    .trait_(traits::OPERATION_CONTEXT_PARAMS)
                    .key(name);
                let Some(expression) = entry.get("path").and_then(Value::as_str) else {
                    self.report_once(path, "an operation context parameter needs a `path`".into());
                    continue;
                };
                match self.input_path(input, expression) {
                    Ok(input_path) => params.push(EndpointParamIr {
                        name: name.clone(),
                        value: EndpointParamValue::Input(input_path),
                    }),
                    Err(problem) => self
                        .report_once(path.key("path"), format!("path `{expression}`: {problem}")),
                }
            }
        }
        params
    }

    /// Resolves an `operationContextParams` path (`A.B`, `A[*].B`, `keys(A)`) against the input.
    pub(super) fn input_path(
        &self,
        input: &StructureIr,
        expression: &str,
    ) -> Result<InputPath, String> {
        let (keys, inner) = match expression
            .strip_prefix("keys(")
            .and_then(|rest| rest.strip_suffix(')'))
        {
            Some(inner) => (true, inner),
            None => (false, expression),
        };
        let mut steps = Vec::new();
        let mut members: &[MemberIr] = &input.members;
        let mut current: Option<TypeIr> = None;
        for part in inner.split('.') {
            let (name, each) = match part.strip_suffix("[*]") {
                Some(name) => (name, true),
                None => (part, false),
            };
            if let Some(ty) = &current {
                let TypeKind::Structure {
                    name: structure, ..
                } = &ty.kind
                else {
                    return Err(format!("`{name}` is not a member of a structure"));
                };
                members = self
                    .structures
                    .values()
                    .find(|s| s.rust_name == *structure)
                    .map(|s| s.members.as_slice())
                    .ok_or_else(|| format!("`{structure}` is not resolved yet"))?;
            }
            let member = members
                .iter()
                .find(|m| m.name == name)
                .ok_or_else(|| format!("no member `{name}`"))?;
            steps.push(PathStep::Field {
                member: member.name.clone(),
                field: member.field.clone(),
                optional: member.optional,
            });
            let mut ty = member.ty.clone();
            if each {
                let TypeKind::List { element, .. } = ty.kind else {
                    return Err(format!("`{name}[*]` needs a list"));
                };
                steps.push(PathStep::Each);
                ty = *element;
            }
            current = Some(ty);
        }
        let ty = current.ok_or("an empty path")?;
        let projected = steps.contains(&PathStep::Each);
        let result = if keys {
            if !matches!(ty.kind, TypeKind::Map { .. }) {
                return Err("`keys()` needs a map".to_owned());
            }
            steps.push(PathStep::Keys);
            PathResult::StringArray
        } else {
            match (path_result(&ty), projected) {
                (Some(PathResult::String), true) => PathResult::StringArray,
                (Some(result), false) => result,
                _ => return Err("the path must end at a string, boolean or list of strings".into()),
            }
        };
        Ok(InputPath { steps, result })
    }
}

/// What an endpoint parameter bound to a value of `ty` yields, if it can be bound.
pub(super) fn path_result(ty: &TypeIr) -> Option<PathResult> {
    match &ty.kind {
        TypeKind::String | TypeKind::Enum { .. } => Some(PathResult::String),
        TypeKind::Boolean => Some(PathResult::Bool),
        TypeKind::List { element, .. }
            if matches!(element.kind, TypeKind::String | TypeKind::Enum { .. }) =>
        {
            Some(PathResult::StringArray)
        }
        _ => None,
    }
}
