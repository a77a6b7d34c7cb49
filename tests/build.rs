//! Sets `cfg(aws_models)` when the real AWS models are present in `../shared/models/aws`, for
//! the examples generated from them (`examples/dynamodb_attribute_values.rs`).
//!
//! A user's fresh clone has no `../shared`: those examples then only print a notice. With
//! `SHAPEGEN_REQUIRE_SHARED=1` (CI) a missing directory fails the build.

fn main() {
    shapegen_shared_dir::build_cfg(
        "aws_models",
        &["models/aws"],
        "the examples of real AWS models",
    );
}
