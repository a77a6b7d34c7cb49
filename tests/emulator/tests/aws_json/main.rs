//! Realistic awsJson1_0/1_1 scenarios against moto: DynamoDB, SQS, KMS, Secrets Manager, SSM
//! Parameter Store and CloudWatch Logs.
//!
//! Compiled only with the `aws-json` feature (`cargo test -p shapegen-emulator-tests
//! --features aws-json --test aws_json`): until shapegen generates the awsJson protocols the
//! clients are a compile error. They are written against the generated API as it is for
//! restJson1 (the protocol changes the wire, not the API), and their expectations of moto were
//! checked with boto3 against moto 5.2.5; where moto deviates from the model, the test says so.

#![cfg(all(aws_models, feature = "aws-json"))]

#[path = "../rest_json/common.rs"]
mod common;
mod dynamodb;
mod kms;
mod logs;
mod secrets_manager;
mod sqs;
mod ssm;
