//! `smithy.api#paginated` → [`PaginationIr`], once nested structures are resolved.

use serde_json::Value;

use super::Resolver;
use crate::ir::{FieldStep, MemberIr, PaginationIr, StructureIr, TypeIr, TypeKind};
use crate::model::{Shape, traits};

impl<'m> Resolver<'m, '_> {
    /// `smithy.api#paginated` (merged over the service's), when its members can be found.
    ///
    /// `inputToken` and `pageSize` are input members; `outputToken` and `items` are paths of
    /// output members (`NextToken`, or `EngineDefaults.Marker` through nested structures). The
    /// token may be a string, a map or a list (DynamoDB pages with a map of attribute values),
    /// and the input and output tokens must have the same Rust type. Anything else leaves the
    /// operation without a paginator (a missing `items` only without `into_items()`).
    pub(super) fn pagination(
        &self,
        shape: &Shape,
        service_paginated: Option<&Value>,
        input: &StructureIr,
        output: &StructureIr,
    ) -> Option<PaginationIr> {
        let own = shape.traits.get(traits::PAGINATED)?;
        let get = |key: &str| {
            own.get(key)
                .or_else(|| service_paginated.and_then(|s| s.get(key)))
                .and_then(Value::as_str)
        };
        let input_token_name = get("inputToken")?;
        let input_token = input.members.iter().find(|m| m.name == input_token_name)?;
        let (output_token, token) = self.member_path(output, get("outputToken")?)?;
        let token_kind = matches!(
            token.kind,
            TypeKind::String | TypeKind::Map { .. } | TypeKind::List { .. }
        );
        if !token_kind || !same_rust_type(&input_token.ty, &token) {
            return None;
        }
        let items = get("items")
            .and_then(|path| self.member_path(output, path))
            .filter(|(_, ty)| matches!(ty.kind, TypeKind::List { .. } | TypeKind::Map { .. }));
        let page_size = get("pageSize")
            .and_then(|name| input.members.iter().find(|m| m.name == name))
            .map(|m| m.field.clone());
        Some(PaginationIr {
            input_token: input_token.field.clone(),
            output_token,
            token,
            items,
            page_size,
        })
    }

    /// Follows a dotted path of member names (`A.B.C`) from `root` through nested structures
    /// (not unions): the Rust field of each step, and the type at the end.
    pub(super) fn member_path(
        &self,
        root: &StructureIr,
        path: &str,
    ) -> Option<(Vec<FieldStep>, TypeIr)> {
        let mut steps = Vec::new();
        let mut members: &[MemberIr] = &root.members;
        let mut current: Option<&TypeIr> = None;
        for name in path.split('.') {
            if let Some(ty) = current {
                let TypeKind::Structure { .. } = ty.kind else {
                    return None;
                };
                let nested = self.structures.get(&ty.shape).filter(|s| !s.is_union)?;
                members = &nested.members;
            }
            let member = members.iter().find(|m| m.name == name)?;
            steps.push(FieldStep {
                name: member.name.clone(),
                field: member.field.clone(),
                optional: member.optional,
            });
            current = Some(&member.ty);
        }
        Some((steps, current?.clone()))
    }
}

/// Whether two value types have the same Rust type (constraints, sensitivity, timestamp formats
/// and shape names aside).
pub(super) fn same_rust_type(a: &TypeIr, b: &TypeIr) -> bool {
    use TypeKind as K;
    match (&a.kind, &b.kind) {
        (K::Enum { name: x }, K::Enum { name: y })
        | (K::IntEnum { name: x }, K::IntEnum { name: y })
        | (K::Structure { name: x, .. }, K::Structure { name: y, .. }) => x == y,
        (
            K::List {
                element: x,
                sparse: sx,
            },
            K::List {
                element: y,
                sparse: sy,
            },
        ) => sx == sy && same_rust_type(x, y),
        (
            K::Map {
                key: kx,
                value: vx,
                sparse: sx,
            },
            K::Map {
                key: ky,
                value: vy,
                sparse: sy,
            },
        ) => sx == sy && same_rust_type(kx, ky) && same_rust_type(vx, vy),
        (x, y) => {
            std::mem::discriminant(x) == std::mem::discriminant(y)
                && !matches!(
                    x,
                    K::Enum { .. }
                        | K::IntEnum { .. }
                        | K::Structure { .. }
                        | K::List { .. }
                        | K::Map { .. }
                )
        }
    }
}
