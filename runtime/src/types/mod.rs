//! Value types for Smithy's simple shapes that have no Rust primitive.

mod blob;
mod datetime;
mod document;
mod unknown;

pub use blob::Blob;
pub use datetime::{DateTime, DateTimeError, TimestampFormat};
pub use document::{BigDecimal, BigInteger, Document, Number};
pub use unknown::UnknownValue;
