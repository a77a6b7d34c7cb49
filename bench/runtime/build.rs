//! Records facts the report prints: the compiler and the official SDK version in Cargo.lock.

#[path = "../harness/src/build_facts.rs"]
mod build_facts;

fn main() {
    build_facts::record("aws-sdk-chimesdkmeetings");
}
