//! shapegen runtime (work in progress).
pub mod json;
