//! The graph passes over resolved structures: data flow (what is written, read, validated),
//! boxing of containment cycles, and the final ordering of the IR.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use super::{Flow, Resolver};
use crate::ir::check::Findings;
use crate::ir::{EnumIr, Ir, OperationIr, ServiceIr, StructureIr, TypeIr, TypeKind};

impl<'m> Resolver<'m, '_> {
    /// Marks flows, boxes containment cycles and sorts everything into the final IR (returned
    /// with the findings recorded on the way).
    pub(super) fn finish(
        self,
        service: ServiceIr,
        mut operations: Vec<OperationIr>,
    ) -> (Ir, Findings) {
        let Resolver {
            structures,
            errors,
            enums,
            patterns,
            skipped_operations,
            edges,
            input_roots,
            output_roots,
            findings,
            ..
        } = self;
        let mut by_name: BTreeMap<String, StructureIr> = structures
            .into_values()
            .map(|s| (s.rust_name.clone(), s))
            .collect();
        let targets = |name: &str, direct_only: bool| -> Vec<String> {
            edges
                .get(name)
                .map(|set| {
                    set.iter()
                        .filter(|(_, direct)| *direct || !direct_only)
                        .map(|(to, _)| to.clone())
                        .collect()
                })
                .unwrap_or_default()
        };
        // Everything reachable from an input is written and validated; from an output or an
        // error, read.
        for (roots, flow) in [(input_roots, Flow::Input), (output_roots, Flow::Output)] {
            let mut queue: VecDeque<String> = roots.into_iter().collect();
            let mut seen = BTreeSet::new();
            while let Some(name) = queue.pop_front() {
                if !seen.insert(name.clone()) {
                    continue;
                }
                if let Some(s) = by_name.get_mut(&name) {
                    match flow {
                        Flow::Input => {
                            s.serialize = true;
                            s.validate = true;
                        }
                        Flow::Output => s.deserialize = true,
                    }
                }
                queue.extend(targets(&name, false));
            }
        }
        // Box a directly held structure member when its target can reach back to the owner
        // through directly held members (a containment cycle).
        let reaches = |from: &str, to: &str| -> bool {
            let mut stack = vec![from.to_owned()];
            let mut seen = BTreeSet::new();
            while let Some(name) = stack.pop() {
                if name == to {
                    return true;
                }
                if seen.insert(name.clone()) {
                    stack.extend(targets(&name, true));
                }
            }
            false
        };
        for (owner, structure) in &mut by_name {
            for member in &mut structure.members {
                if let TypeKind::Structure { name, boxed, .. } = &mut member.ty.kind {
                    *boxed = reaches(name, owner);
                }
            }
        }
        // Validation is generated only for input structures with something to check, here or
        // in what they contain (a fixpoint, since structures can be recursive).
        let mut checked: BTreeSet<String> = BTreeSet::new();
        loop {
            let mut changed = false;
            for (name, structure) in &by_name {
                // A union is always checked: an `Unknown` variant cannot be sent.
                if structure.validate
                    && !checked.contains(name)
                    && (structure.is_union
                        || structure
                            .members
                            .iter()
                            .any(|m| needs_checks(&m.ty, &checked)))
                {
                    checked.insert(name.clone());
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut errors: Vec<StructureIr> = errors.into_values().flatten().collect();
        let mark = |structure: &mut StructureIr| {
            for member in &mut structure.members {
                member.ty.visit_mut(&mut |ty| {
                    if let TypeKind::Structure { name, validate, .. } = &mut ty.kind {
                        *validate = checked.contains(name.as_str());
                    }
                });
            }
        };
        for structure in by_name.values_mut() {
            structure.validate = checked.contains(&structure.rust_name);
            mark(structure);
        }
        for op in &mut operations {
            mark(&mut op.input);
            mark(&mut op.output);
        }
        errors.iter_mut().for_each(mark);
        let structures: Vec<StructureIr> = by_name.into_values().collect();
        errors.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
        let mut enums: Vec<EnumIr> = enums.into_values().collect();
        enums.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
        let ir = Ir {
            service,
            operations,
            structures,
            errors,
            enums,
            patterns,
            skipped_operations,
        };
        (ir, findings)
    }
}

/// Whether values of `ty` have anything to check, given the structures known to need checks.
pub(super) fn needs_checks(ty: &TypeIr, checked: &BTreeSet<String>) -> bool {
    !ty.constraints.is_empty()
        || match &ty.kind {
            TypeKind::Enum { .. } | TypeKind::IntEnum { .. } => true,
            TypeKind::Structure { name, .. } => checked.contains(name),
            TypeKind::List { element, .. } => needs_checks(element, checked),
            TypeKind::Map { key, value, .. } => {
                needs_checks(key, checked) || needs_checks(value, checked)
            }
            _ => false,
        }
}

/// The structures a structure's members refer to, by Rust name, with whether each is held
/// directly (not inside a list or map).
pub(super) fn structure_refs(structure: &StructureIr) -> BTreeSet<(String, bool)> {
    let mut out = BTreeSet::new();
    for member in &structure.members {
        collect_structure_refs(&member.ty, true, &mut out);
    }
    out
}

pub(super) fn collect_structure_refs(
    ty: &TypeIr,
    direct: bool,
    out: &mut BTreeSet<(String, bool)>,
) {
    match &ty.kind {
        TypeKind::Structure { name, .. } => {
            out.insert((name.clone(), direct));
        }
        TypeKind::List { element, .. } => collect_structure_refs(element, false, out),
        TypeKind::Map { key, value, .. } => {
            collect_structure_refs(key, false, out);
            collect_structure_refs(value, false, out);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::super::testing::resolve;
    use crate::ir::{Ir, StructureIr, TypeKind};

    fn structure<'a>(ir: &'a Ir, name: &str) -> &'a StructureIr {
        let found = ir.structures.iter().find(|s| s.rust_name == name);
        found.unwrap_or_else(|| panic!("no structure {name}"))
    }

    /// Whether `owner`'s member `member` holds its structure boxed.
    fn boxed(ir: &Ir, owner: &str, member: &str) -> bool {
        let member = structure(ir, owner)
            .members
            .iter()
            .find(|m| m.name == member);
        match member.map(|m| &m.ty.kind) {
            Some(TypeKind::Structure { boxed, .. }) => *boxed,
            other => panic!("{owner}.{member:?} is {other:?}"),
        }
    }

    #[test]
    fn direct_containment_cycles_are_boxed_and_collections_break_them() {
        let ir = resolve(json!({
            "ex#In": {"type": "structure", "members": {"A": {"target": "ex#A"}}},
            "ex#Out": {"type": "structure", "members": {"Leaf": {"target": "ex#Leaf"}}},
            "ex#A": {"type": "structure", "members": {"B": {"target": "ex#B"},
                                                     "Leaf": {"target": "ex#Leaf"}}},
            "ex#B": {"type": "structure", "members": {"A": {"target": "ex#A"},
                                                     "Many": {"target": "ex#Bs"}}},
            "ex#Bs": {"type": "list", "member": {"target": "ex#B"}},
            "ex#Leaf": {"type": "structure", "members": {}}
        }));
        assert!(boxed(&ir, "A", "B"));
        assert!(boxed(&ir, "B", "A"));
        assert!(!boxed(&ir, "A", "Leaf"));
    }

    #[test]
    fn flows_mark_what_is_written_read_and_validated() {
        let ir = resolve(json!({
            "ex#In": {"type": "structure", "members": {"Both": {"target": "ex#Both"},
                                                      "Plain": {"target": "ex#Plain"}}},
            "ex#Out": {"type": "structure", "members": {"Both": {"target": "ex#Both"},
                                                       "Read": {"target": "ex#Read"}}},
            "ex#Both": {"type": "structure", "members": {"N": {"target": "ex#Name"}}},
            "ex#Plain": {"type": "structure", "members": {"S": {"target": "smithy.api#String"}}},
            "ex#Read": {"type": "structure", "members": {"N": {"target": "ex#Name"}}},
            "ex#Name": {"type": "string", "traits": {"smithy.api#length": {"min": 1}}}
        }));
        let flags = |name: &str| {
            let s = structure(&ir, name);
            (s.serialize, s.deserialize, s.validate)
        };
        assert_eq!(flags("Both"), (true, true, true));
        // Written but with nothing to check.
        assert_eq!(flags("Plain"), (true, false, false));
        // Read only: never validated, whatever its constraints.
        assert_eq!(flags("Read"), (false, true, false));
    }
}
