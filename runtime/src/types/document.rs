//! [`Document`]: an untyped JSON-like value (Smithy `document`), plus arbitrary-precision
//! numbers.

use std::collections::HashMap;
use std::fmt;

/// A protocol-agnostic open value: null, boolean, number, string, array or object.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Document {
    /// No value.
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// A list of documents.
    Array(Vec<Document>),
    /// A map from strings to documents.
    Object(HashMap<String, Document>),
}

/// A document number, kept as precisely as it was written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// Anything else.
    Float(f64),
}

impl From<bool> for Document {
    fn from(value: bool) -> Self {
        Self::Bool(value)
    }
}

impl From<&str> for Document {
    fn from(value: &str) -> Self {
        Self::String(value.to_owned())
    }
}

impl From<String> for Document {
    fn from(value: String) -> Self {
        Self::String(value)
    }
}

impl From<i64> for Document {
    fn from(value: i64) -> Self {
        Self::Number(if value < 0 {
            Number::NegInt(value)
        } else {
            Number::PosInt(value.unsigned_abs())
        })
    }
}

impl From<f64> for Document {
    fn from(value: f64) -> Self {
        Self::Number(Number::Float(value))
    }
}

impl From<Vec<Document>> for Document {
    fn from(value: Vec<Document>) -> Self {
        Self::Array(value)
    }
}

impl From<HashMap<String, Document>> for Document {
    fn from(value: HashMap<String, Document>) -> Self {
        Self::Object(value)
    }
}

macro_rules! big_number {
    ($(#[$doc:meta])* $name:ident, $integer:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Parses decimal text; `None` if it is not a valid number of this kind.
            pub fn new(text: impl Into<String>) -> Option<Self> {
                let text = text.into();
                is_number(&text, $integer).then_some(Self(text))
            }

            /// The number as decimal text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self("0".to_owned())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

big_number!(
    /// An arbitrarily large integer (Smithy `bigInteger`), kept as decimal text.
    BigInteger,
    true
);
big_number!(
    /// An arbitrary-precision decimal (Smithy `bigDecimal`), kept as decimal text.
    BigDecimal,
    false
);

/// Whether `text` is a JSON number (an integer only, when `integer`).
fn is_number(text: &str, integer: bool) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match digits.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (digits, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole)
        && (whole == "0" || !whole.starts_with('0'))
        && fraction.is_none_or(all_digits)
        && exponent.is_none_or(all_digits)
        && !(integer && (fraction.is_some() || exponent.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_numbers_check_their_text() {
        assert!(BigInteger::new("123456789012345678901234567890").is_some());
        assert!(BigInteger::new("1.5").is_none());
        assert!(BigDecimal::new("-1.5e300").is_some());
        assert!(BigDecimal::new("01").is_none());
        assert!(BigDecimal::new("abc").is_none());
    }
}
