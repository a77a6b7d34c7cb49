//! Records facts the report prints (the compiler, the official SDK version in Cargo.lock) and
//! sets `cfg(dynamodb_model)` when `../shared/models/aws/dynamodb.json` exists.

#[path = "../harness/src/build_facts.rs"]
mod build_facts;

fn main() {
    shapegen_shared_dir::build_cfg(
        "dynamodb_model",
        &["models/aws/dynamodb.json"],
        "the DynamoDB benchmark",
    );
    build_facts::record("aws-sdk-dynamodb");
}
