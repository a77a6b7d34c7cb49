//! Value types for Smithy's simple shapes that have no Rust primitive.

mod blob;
mod datetime;
mod document;

pub use blob::Blob;
pub use datetime::{DateTime, DateTimeError, TimestampFormat};
pub use document::{BigDecimal, BigInteger, Document, Number};
