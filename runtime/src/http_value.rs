//! Scalars as text in URI labels, query strings and headers.

use std::borrow::Cow;

/// A value that travels as text in an HTTP label, query parameter or header.
pub trait HttpValue: Sized {
    /// The value as text (not yet percent-encoded).
    fn http_value(&self) -> Cow<'_, str>;
    /// Parses the text form; `None` when it is not a valid value.
    fn parse_http_value(text: &str) -> Option<Self>;
}

impl HttpValue for String {
    fn http_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
    fn parse_http_value(text: &str) -> Option<Self> {
        Some(text.to_owned())
    }
}

impl HttpValue for bool {
    fn http_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
    fn parse_http_value(text: &str) -> Option<Self> {
        match text.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

macro_rules! integer_http_value {
    ($($ty:ty),*) => {$(
        impl HttpValue for $ty {
            fn http_value(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
            fn parse_http_value(text: &str) -> Option<Self> {
                text.trim().parse().ok()
            }
        }
    )*};
}

integer_http_value!(i8, i16, i32, i64);

macro_rules! float_http_value {
    ($($ty:ty),*) => {$(
        impl HttpValue for $ty {
            fn http_value(&self) -> Cow<'_, str> {
                if self.is_nan() {
                    Cow::Borrowed("NaN")
                } else if self.is_infinite() {
                    Cow::Borrowed(if *self > 0.0 { "Infinity" } else { "-Infinity" })
                } else {
                    Cow::Owned(format!("{self:?}"))
                }
            }
            fn parse_http_value(text: &str) -> Option<Self> {
                match text.trim() {
                    "NaN" => Some(<$ty>::NAN),
                    "Infinity" => Some(<$ty>::INFINITY),
                    "-Infinity" => Some(<$ty>::NEG_INFINITY),
                    other => other.parse().ok().filter(|v: &$ty| v.is_finite()),
                }
            }
        }
    )*};
}

float_http_value!(f32, f64);

impl HttpValue for crate::types::Blob {
    fn http_value(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_base64())
    }
    fn parse_http_value(text: &str) -> Option<Self> {
        Self::from_base64(text)
    }
}

impl HttpValue for crate::types::BigInteger {
    fn http_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
    fn parse_http_value(text: &str) -> Option<Self> {
        Self::new(text.trim())
    }
}

impl HttpValue for crate::types::BigDecimal {
    fn http_value(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
    fn parse_http_value(text: &str) -> Option<Self> {
        Self::new(text.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_round_trip_through_text() {
        assert_eq!(true.http_value(), "true");
        assert_eq!(i32::parse_http_value(" 42 "), Some(42));
        assert_eq!(1.5f64.http_value(), "1.5");
        assert_eq!(f64::NEG_INFINITY.http_value(), "-Infinity");
        assert!(f32::parse_http_value("NaN").unwrap().is_nan());
        assert_eq!(bool::parse_http_value("yes"), None);
    }
}
