//! Realistic awsJson1_0/1_1 scenarios against moto: DynamoDB, SQS, KMS, Secrets Manager, SSM
//! Parameter Store and CloudWatch Logs.
//!
//! The clients use the same generated API as restJson1 ones (the protocol changes the wire,
//! not the API); the expectations of moto were checked with boto3 against moto 5.2.5, and
//! where moto deviates from the model, the test says so.

#![cfg(aws_models)]

#[path = "../rest_json/common.rs"]
mod common;
mod dynamodb;
mod kms;
mod logs;
mod secrets_manager;
mod sqs;
mod ssm;
