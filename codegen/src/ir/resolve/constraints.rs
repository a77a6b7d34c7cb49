//! `length`, `range` and `pattern` traits → [`Constraints`]. Patterns are numbered in the
//! order they are met; [`super::patterns`] keeps those generated code checks. A malformed
//! bound or pattern is dropped, and recorded for the check pass, as is (with the
//! `check-patterns` feature) a pattern the runtime will not be able to enforce.

use serde_json::Value;

use super::Resolver;
use crate::diagnostics::JsonPath;
use crate::ir::check::ConstraintFinding;
use crate::ir::{Bounds, Constraints, PatternRef, TypeKind};
use crate::model::{Traits, traits};
use crate::pattern;

impl<'m> Resolver<'m, '_> {
    pub(super) fn constraints(&mut self, traits: &Traits, owner: &JsonPath) -> Constraints {
        let mut constraints = Constraints::default();
        if let Some(value) = traits.get(traits::LENGTH) {
            constraints.length = self.bounds(value, &owner.trait_(traits::LENGTH));
        }
        if let Some(value) = traits.get(traits::RANGE) {
            constraints.range = self.bounds(value, &owner.trait_(traits::RANGE));
        }
        if let Some(value) = traits.get(traits::PATTERN) {
            let path = owner.trait_(traits::PATTERN);
            match value.as_str() {
                Some(source) => {
                    #[cfg(feature = "check-patterns")]
                    if let Some(reason) = pattern::unenforceable(source) {
                        self.found(ConstraintFinding::PatternNotEnforced {
                            path,
                            source: source.to_owned(),
                            reason,
                        });
                    }
                    let ecma = pattern::runtime_source(source);
                    let index = match self.patterns.iter().position(|p| *p == ecma) {
                        Some(index) => index,
                        None => {
                            self.patterns.push(ecma.clone());
                            self.patterns.len() - 1
                        }
                    };
                    constraints.pattern = Some(PatternRef {
                        source: source.to_owned(),
                        ecma,
                        index: Some(index),
                    });
                }
                None => self.found(ConstraintFinding::PatternNotString { path }),
            }
        }
        constraints
    }

    pub(super) fn bounds(&mut self, value: &Value, path: &JsonPath) -> Option<Bounds> {
        let number = |key: &str| match value.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(Some(n.clone())),
            Some(_) => Err(key.to_owned()),
        };
        match (number("min"), number("max")) {
            (Ok(min), Ok(max)) => Some(Bounds { min, max }),
            (Err(key), _) | (_, Err(key)) => {
                self.found(ConstraintFinding::BoundNotNumber {
                    path: path.key(&key),
                    key,
                });
                None
            }
        }
    }
}

pub(super) fn supports_length(kind: &TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::String | TypeKind::Blob | TypeKind::List { .. } | TypeKind::Map { .. }
    )
}
