//! Clients generated from real published AWS models: the restJson1 models of
//! `../shared/models/smithy` and the awsJson1_0/1_1 models of `../shared/models/aws`, in full
//! (no `operations:` filter). They must
//! compile under `#![deny(warnings)]`; the tests in `tests/` exercise features each model is
//! known for, on the wire.

#![deny(warnings)]

/// Amazon Chime, legacy (191 operations, 836 shapes).
#[cfg(real_models)]
pub mod chime {
    shapegen::generate! { spec: "../../../shared/models/smithy/chime.json" }
}

/// Amazon Chime SDK Meetings (16 operations).
#[cfg(real_models)]
pub mod chime_sdk_meetings {
    shapegen::generate! { spec: "../../../shared/models/smithy/chime-sdk-meetings.json" }
}

/// Amazon Connect (282 operations, 1,792 shapes, unions and recursive shapes).
#[cfg(real_models)]
pub mod connect {
    shapegen::generate! { spec: "../../../shared/models/smithy/connect.json" }
}

/// Amazon QuickSight (209 operations, 2,348 shapes, `httpResponseCode`, `default: null`).
#[cfg(real_models)]
pub mod quicksight {
    shapegen::generate! { spec: "../../../shared/models/smithy/quicksight.json" }
}

/// AWS Elemental MediaConvert (camelCase `jsonName` everywhere).
#[cfg(real_models)]
pub mod mediaconvert {
    shapegen::generate! { spec: "../../../shared/models/smithy/mediaconvert.json" }
}

/// Amazon DynamoDB (awsJson1_0; 57 operations, 533 shapes; the recursive `AttributeValue`
/// union, `Query` and `Scan` paged by a map of attribute values).
#[cfg(real_models)]
pub mod dynamodb {
    shapegen::generate! { spec: "../../../shared/models/aws/dynamodb.json" }
}

/// Amazon SQS (awsJson1_0 with `awsQueryCompatible` error codes; 23 operations).
#[cfg(real_models)]
pub mod sqs {
    shapegen::generate! { spec: "../../../shared/models/aws/sqs.json" }
}

/// AWS KMS (awsJson1_1; 53 operations, blobs).
#[cfg(real_models)]
pub mod kms {
    shapegen::generate! { spec: "../../../shared/models/aws/kms.json" }
}

/// Amazon ECS (awsJson1_1; 59 operations, 489 shapes).
#[cfg(real_models)]
pub mod ecs {
    shapegen::generate! { spec: "../../../shared/models/aws/ecs.json" }
}

/// AWS Systems Manager (awsJson1_1; 144 operations, 1,417 shapes; `AccountId`'s pattern
/// `^(?i)all|[0-9]{12}$` has no ECMAScript form and is not enforced, with a warning).
#[cfg(real_models)]
pub mod ssm {
    shapegen::generate! { spec: "../../../shared/models/aws/ssm.json" }
}

/// Amazon CloudWatch Logs (awsJson1_1; 89 operations, of which `StartLiveTail`, an event
/// stream, is left out with a warning).
#[cfg(real_models)]
pub mod cloudwatch_logs {
    shapegen::generate! { spec: "../../../shared/models/aws/cloudwatch-logs.json" }
}
