//! Endpoint rule-set parameters an operation sets: static ones, `contextParam` members and
//! `operationContextParams` paths into the input. A parameter that cannot be bound is left
//! out and recorded (with why, for a path) for the check pass.

use serde_json::Value;

use super::Resolver;
use crate::diagnostics::JsonPath;
use crate::ir::check::{EndpointParamFinding, PathProblem};
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
                    _ => self.found(EndpointParamFinding::StaticValue {
                        path: shape.path.trait_(traits::STATIC_CONTEXT_PARAMS).key(name),
                    }),
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
                None => self.found(EndpointParamFinding::ContextParamMember {
                    path: JsonPath::shape(&input.id).key("members").key(&member.name),
                    name: name.clone(),
                }),
            }
        }
        if let Some(Value::Object(entries)) = shape.traits.get(traits::OPERATION_CONTEXT_PARAMS) {
            for (name, entry) in entries {
                let path = shape
                    .path
                    .trait_(traits::OPERATION_CONTEXT_PARAMS)
                    .key(name);
                let Some(expression) = entry.get("path").and_then(Value::as_str) else {
                    self.found(EndpointParamFinding::MissingPath { path });
                    continue;
                };
                match self.input_path(input, expression) {
                    Ok(input_path) => params.push(EndpointParamIr {
                        name: name.clone(),
                        value: EndpointParamValue::Input(input_path),
                    }),
                    Err(problem) => self.found(EndpointParamFinding::UnresolvedPath {
                        path: path.key("path"),
                        expression: expression.to_owned(),
                        problem,
                    }),
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
    ) -> Result<InputPath, PathProblem> {
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
                    return Err(PathProblem::NotInStructure {
                        name: name.to_owned(),
                    });
                };
                members = self
                    .structures
                    .values()
                    .find(|s| s.rust_name == *structure)
                    .map(|s| s.members.as_slice())
                    .ok_or_else(|| PathProblem::Unresolved {
                        structure: structure.clone(),
                    })?;
            }
            let Some(member) = members.iter().find(|m| m.name == name) else {
                return Err(PathProblem::NoMember {
                    name: name.to_owned(),
                });
            };
            steps.push(PathStep::Field {
                member: member.name.clone(),
                field: member.field.clone(),
                optional: member.optional,
            });
            let mut ty = member.ty.clone();
            if each {
                let TypeKind::List { element, .. } = ty.kind else {
                    return Err(PathProblem::NotAList {
                        name: name.to_owned(),
                    });
                };
                steps.push(PathStep::Each);
                ty = *element;
            }
            current = Some(ty);
        }
        let ty = current.ok_or(PathProblem::Empty)?;
        let projected = steps.contains(&PathStep::Each);
        let result = if keys {
            if !matches!(ty.kind, TypeKind::Map { .. }) {
                return Err(PathProblem::KeysOfNonMap);
            }
            steps.push(PathStep::Keys);
            PathResult::StringArray
        } else {
            match (path_result(&ty), projected) {
                (Some(PathResult::String), true) => PathResult::StringArray,
                (Some(result), false) => result,
                _ => return Err(PathProblem::WrongEnd),
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
