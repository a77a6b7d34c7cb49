//! [`UnknownValue`]: what a generated enum or union holds for a value its model does not know.

use std::fmt;

/// A value this client's model does not know: an enum value or union member the service added
/// after the model was generated. Only the client creates one (from a reply, or from text
/// converted into an enum), so it is never mistaken for a known value: matching on
/// `Unknown(_)` catches exactly the values the model lacks.
///
/// `T` is `String` for string enums and union members (the member's name), `i32` for int enums.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue<T = String>(T);

impl<T> UnknownValue<T> {
    /// Wraps a value the generated code found unknown. Not for callers: an enum's `From`
    /// conversions decide which values are unknown.
    #[doc(hidden)]
    pub fn __new(value: T) -> Self {
        Self(value)
    }

    /// The value as it arrived.
    pub fn get(&self) -> &T {
        &self.0
    }

    /// The value as it arrived, by value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl UnknownValue<String> {
    /// The value as it arrived.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<T: fmt::Debug> fmt::Debug for UnknownValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: fmt::Display> fmt::Display for UnknownValue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl<T: Copy> Copy for UnknownValue<T> {}
