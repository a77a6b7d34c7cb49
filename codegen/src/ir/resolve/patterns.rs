//! The pattern table: of the patterns met while resolving, only those generated code checks
//! (enforced patterns of string values that are validated, in operation inputs and in the
//! structures and unions they reach) are kept, in the order they were first met. Patterns of
//! values that are only read are never checked: they keep their `ecma` (for docs) but no index.

use std::collections::BTreeSet;

use crate::ir::{Ir, TypeIr, TypeKind};

/// Renumbers `ir.patterns` to the patterns that validation code references.
pub(super) fn keep_checked(ir: &mut Ir) {
    let mut checked = BTreeSet::new();
    let validated = ir
        .operations
        .iter()
        .map(|op| &op.input)
        .chain(ir.structures.iter().filter(|s| s.validate));
    for structure in validated {
        for member in &structure.members {
            collect_checked(&member.ty, &mut checked);
        }
    }
    let mut renumbered = Vec::with_capacity(ir.patterns.len());
    let mut kept = Vec::new();
    for (index, ecma) in std::mem::take(&mut ir.patterns).into_iter().enumerate() {
        if checked.contains(&index) {
            renumbered.push(Some(kept.len()));
            kept.push(ecma);
        } else {
            renumbered.push(None);
        }
    }
    ir.patterns = kept;
    let structures = ir
        .operations
        .iter_mut()
        .flat_map(|op| [&mut op.input, &mut op.output])
        .chain(&mut ir.structures)
        .chain(&mut ir.errors);
    for structure in structures {
        for member in &mut structure.members {
            member.ty.visit_mut(&mut |ty| {
                if let Some(pattern) = ty.constraints.pattern.as_mut() {
                    pattern.index = pattern
                        .index
                        .and_then(|old| renumbered.get(old).copied().flatten());
                }
            });
        }
    }
}

/// The pattern indexes validation of a value of `ty` checks: strings' own, and those of list
/// elements and map keys and values (mirroring what `emit::validate` generates).
fn collect_checked(ty: &TypeIr, out: &mut BTreeSet<usize>) {
    match &ty.kind {
        TypeKind::String => out.extend(ty.constraints.checked_pattern()),
        TypeKind::List { element, .. } => collect_checked(element, out),
        TypeKind::Map { key, value, .. } => {
            collect_checked(key, out);
            collect_checked(value, out);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::resolve;
    use crate::ir::TypeIr;

    /// The index of the pattern on `ty` (`None` when it is never checked).
    fn index(ty: &TypeIr) -> Option<usize> {
        match &ty.constraints.pattern {
            Some(pattern) => pattern.index,
            None => panic!("no pattern on {ty:?}"),
        }
    }

    #[test]
    fn only_patterns_of_validated_values_are_numbered() {
        let ir = resolve(json!({
            "ex#In": {"type": "structure", "members": {
                "Shared": {"target": "ex#Shared"},
                "Keys": {"target": "ex#ByCode"}
            }},
            "ex#Out": {"type": "structure", "members": {
                "ReadOnly": {"target": "ex#ReadOnly"},
                "Shared": {"target": "ex#Shared"}
            }},
            "ex#ReadOnly": {"type": "string", "traits": {"smithy.api#pattern": "^r+$"}},
            "ex#Shared": {"type": "string", "traits": {"smithy.api#pattern": "^s+$"}},
            "ex#ByCode": {"type": "map", "key": {"target": "ex#Code"},
                          "value": {"target": "smithy.api#String"}},
            "ex#Code": {"type": "string", "traits": {"smithy.api#pattern": "^[A-Z]{2}$"}}
        }));
        // The output's read-only pattern is not in the table; input ones keep their order.
        assert_eq!(ir.patterns, ["^s+$", "^[A-Z]{2}$"]);
        let op = &ir.operations[0];
        let member = |members: &[crate::ir::MemberIr], name: &str| {
            let found = members
                .iter()
                .find(|m| m.name == name)
                .map(|m| m.ty.clone());
            found.unwrap_or_else(|| panic!("no member {name}"))
        };
        assert_eq!(index(&member(&op.input.members, "Shared")), Some(0));
        assert_eq!(index(&member(&op.output.members, "Shared")), Some(0));
        assert_eq!(index(&member(&op.output.members, "ReadOnly")), None);
        let crate::ir::TypeKind::Map { key, .. } = member(&op.input.members, "Keys").kind else {
            panic!("Keys is not a map");
        };
        assert_eq!(index(&key), Some(1));
    }

    #[test]
    fn a_read_only_pattern_met_first_does_not_shift_the_numbering() {
        let ir = resolve(json!({
            "ex#In": {"type": "structure", "members": {"N": {"target": "ex#Nested"}}},
            "ex#Out": {"type": "structure", "members": {"R": {"target": "ex#ReadOnly"}}},
            "ex#Nested": {"type": "structure", "members": {"S": {"target": "ex#Checked"}}},
            "ex#ReadOnly": {"type": "string", "traits": {"smithy.api#pattern": "^r+$"}},
            "ex#Checked": {"type": "string", "traits": {"smithy.api#pattern": "^c+$"}}
        }));
        // `ex#Out` is resolved before the nested `ex#Nested`, so `^r+$` is met first.
        assert_eq!(ir.patterns, ["^c+$"]);
        let nested = ir.structures.iter().find(|s| s.rust_name == "Nested");
        let checked = nested.map(|s| s.members[0].ty.clone());
        assert_eq!(checked.as_ref().and_then(index), Some(0));
    }
}
