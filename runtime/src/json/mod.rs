//! A small, zero-dependency JSON pull reader and writer.
//!
//! Generated restJson1 clients serialize request bodies with [`Writer`] and
//! read response bodies with [`Reader`], straight into their own structs and
//! without an intermediate value tree.
//!
//! * [`Reader`] is a strict (RFC 8259) pull parser over a UTF-8 buffer. The
//!   caller drives it by shape: [`Reader::begin_object`] then
//!   [`Reader::next_key`] until it returns `None`, [`Reader::begin_array`] then
//!   [`Reader::next_element`] until it returns `false`, and the `read_*`
//!   methods for scalars. Unknown members are passed over with
//!   [`Reader::skip_value`]. Strings without escapes are borrowed from the
//!   input.
//! * [`Writer`] appends compact JSON to a byte buffer and places commas
//!   itself.
//! * [`ToJson`] and [`FromJson`] write and read whole values, and are
//!   implemented for the scalar types, lists and maps that Smithy shapes map
//!   to.
//!
//! Following restJson1, non-finite floats travel as the strings `"NaN"`,
//! `"Infinity"` and `"-Infinity"`.
//!
//! ```
//! use shapegen::__private::json::{Reader, Writer};
//!
//! let mut w = Writer::new();
//! w.begin_object();
//! w.key("name");
//! w.string("bucket");
//! w.key("sizes");
//! w.begin_array();
//! w.i64(1);
//! w.i64(2);
//! w.end_array();
//! w.end_object();
//! let body = w.into_bytes();
//! assert_eq!(body, br#"{"name":"bucket","sizes":[1,2]}"#);
//!
//! let mut r = Reader::new(&body)?;
//! let mut sizes = Vec::new();
//! r.begin_object()?;
//! while let Some(key) = r.next_key()? {
//!     match &*key {
//!         "sizes" => {
//!             r.begin_array()?;
//!             while r.next_element()? {
//!                 sizes.push(r.read_i32()?);
//!             }
//!         }
//!         _ => r.skip_value()?,
//!     }
//! }
//! r.finish()?;
//! assert_eq!(sizes, [1, 2]);
//! # Ok::<(), shapegen::__private::json::JsonError>(())
//! ```

mod convert;
mod path;
mod reader;
mod scan;
mod values;
mod writer;

pub use convert::{FromJson, ToJson, from_body, from_body_or_default, from_payload};
pub use path::path_at;
pub use reader::{JsonError, Kind, Reader};
pub use values::{
    read_list, read_map, read_sparse_list, read_sparse_map, read_timestamp, write_timestamp,
};
pub use writer::Writer;

#[cfg(test)]
mod differential_tests;
