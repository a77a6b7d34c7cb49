//! shapegen test support (work in progress).
