//! What shapegen's fuzz targets share: the checks each target makes on one input, so that a
//! target file is only the `fuzz_target!` glue and a finding can be replayed from a test.
//!
//! Input formats (the seed corpora in `corpus/<target>/` are written in them by `seed.sh`):
//! * `model_pipeline`: the bytes of a model file.
//! * `model_mutate`: bytes that choose a built-in model and the edits made to its JSON
//!   ([`model::mutate`]).
//! * `json_reader`: a response body.
//! * `error_code`, `headers_timestamps`, `reply_handling`: a reply as text ([`reply::Reply`]):
//!   a first line with the status (and, for `reply_handling`, the operation), header lines
//!   `name: value`, an empty line, then the body.

pub mod dates;
pub mod errors;
pub mod json;
pub mod model;
pub mod replies;
pub mod reply;
