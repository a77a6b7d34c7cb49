//! `length`, `range` and `pattern` traits → [`Constraints`]. Enforceable patterns are numbered
//! in the order they are met; [`super::patterns`] keeps those generated code checks.

use serde_json::Value;

use super::Resolver;
use crate::diagnostics::JsonPath;
use crate::ir::{Bounds, Constraints, PatternCheck, PatternRef, TypeKind};
use crate::model::{Traits, traits};
use crate::pattern::{self, Prepared};

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
                    let check = match pattern::prepare(source) {
                        Prepared::Enforce(ecma) => {
                            let index = match self.patterns.iter().position(|p| *p == ecma) {
                                Some(index) => index,
                                None => {
                                    self.patterns.push(ecma.clone());
                                    self.patterns.len() - 1
                                }
                            };
                            PatternCheck::Enforced {
                                index: Some(index),
                                ecma,
                            }
                        }
                        Prepared::NotEnforced(reason) => {
                            self.warn_once(
                                path,
                                format!(
                                    "pattern `{source}` is not ECMA-262 ({reason}) and has no \
                                     exact ECMA-262 equivalent: it is not enforced (generated \
                                     code accepts any value here)"
                                ),
                            );
                            PatternCheck::NotEnforced { reason }
                        }
                    };
                    constraints.pattern = Some(PatternRef {
                        source: source.to_owned(),
                        check,
                    });
                }
                None => self.report_once(path, "a pattern must be a string".to_owned()),
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
                self.report_once(path.key(&key), format!("`{key}` must be a number"));
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
