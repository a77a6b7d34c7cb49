//! Smithy's prelude: the `smithy.api#…` shapes every model may target without defining them.

use serde_json::{Map, Value};

use super::{Shape, ShapeKind, Simple, Traits, traits};
use crate::diagnostics::JsonPath;

/// The unit type: "no value" (operation input/output, enum and union members).
pub const UNIT: &str = "smithy.api#Unit";

/// The prelude's shapes.
pub fn shapes() -> Vec<Shape> {
    let simple = [
        ("String", Simple::String, None),
        ("Blob", Simple::Blob, None),
        ("BigInteger", Simple::BigInteger, None),
        ("BigDecimal", Simple::BigDecimal, None),
        ("Timestamp", Simple::Timestamp, None),
        ("Document", Simple::Document, None),
        ("Boolean", Simple::Boolean, None),
        (
            "PrimitiveBoolean",
            Simple::Boolean,
            Some(Value::Bool(false)),
        ),
        ("Byte", Simple::Byte, None),
        ("PrimitiveByte", Simple::Byte, Some(Value::from(0))),
        ("Short", Simple::Short, None),
        ("PrimitiveShort", Simple::Short, Some(Value::from(0))),
        ("Integer", Simple::Integer, None),
        ("PrimitiveInteger", Simple::Integer, Some(Value::from(0))),
        ("Long", Simple::Long, None),
        ("PrimitiveLong", Simple::Long, Some(Value::from(0))),
        ("Float", Simple::Float, None),
        ("PrimitiveFloat", Simple::Float, Some(Value::from(0))),
        ("Double", Simple::Double, None),
        ("PrimitiveDouble", Simple::Double, Some(Value::from(0))),
    ];
    let mut shapes: Vec<Shape> = simple
        .into_iter()
        .map(|(name, simple, default)| {
            let mut traits = Traits::default();
            if let Some(default) = default {
                traits.insert(traits::DEFAULT.to_owned(), default);
            }
            prelude_shape(name, ShapeKind::Simple(simple), traits)
        })
        .collect();
    let mut unit_traits = Traits::default();
    unit_traits.insert("smithy.api#unitType".to_owned(), Value::Object(Map::new()));
    shapes.push(prelude_shape(
        "Unit",
        ShapeKind::Structure {
            members: Vec::new(),
        },
        unit_traits,
    ));
    shapes
}

fn prelude_shape(name: &str, kind: ShapeKind, traits: Traits) -> Shape {
    let id = format!("smithy.api#{name}");
    Shape {
        path: JsonPath::shape(&id),
        id,
        kind,
        traits,
    }
}
