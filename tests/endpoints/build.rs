//! Enables the generated clients when the real AWS models are present in `../shared`.
//!
//! A user's fresh clone has no `../shared`: the clients and their scenarios are then left out
//! (with a warning). With `SHAPEGEN_REQUIRE_SHARED=1` (CI) a missing directory fails the build.

fn main() {
    shapegen_shared_dir::build_cfg("aws_models", &["models/aws"], "the endpoint client tests");
}
