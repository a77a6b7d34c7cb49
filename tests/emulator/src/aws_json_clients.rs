//! Clients of awsJson1_0/1_1 services, for the scenarios in `tests/aws_json`.

/// Amazon DynamoDB (awsJson1_0): tables and items (`AttributeValue` is a union: a Rust enum).
pub mod dynamodb {
    shapegen::generate! {
        spec: "../../../shared/models/aws/dynamodb.json",
        operations: [
            CreateTable, DescribeTable, DeleteTable,
            PutItem, GetItem, Query, Scan, BatchWriteItem,
        ],
    }
}

/// Amazon SQS (awsJson1_0, `awsQueryCompatible` error codes): queues and messages.
pub mod sqs {
    shapegen::generate! {
        spec: "../../../shared/models/aws/sqs.json",
        operations: [
            CreateQueue, GetQueueUrl, GetQueueAttributes, DeleteQueue,
            SendMessage, ReceiveMessage, DeleteMessage,
        ],
    }
}

/// AWS KMS (awsJson1_1): keys, encryption and decryption (blobs).
pub mod kms {
    shapegen::generate! {
        spec: "../../../shared/models/aws/kms.json",
        operations: [CreateKey, DescribeKey, Encrypt, Decrypt],
    }
}

/// AWS Secrets Manager (awsJson1_1): secrets and their versions.
pub mod secrets_manager {
    shapegen::generate! {
        spec: "../../../shared/models/aws/secrets-manager.json",
        operations: [CreateSecret, GetSecretValue, PutSecretValue, ListSecrets, DeleteSecret],
    }
}

/// AWS Systems Manager (awsJson1_1): Parameter Store.
pub mod ssm {
    shapegen::generate! {
        spec: "../../../shared/models/aws/ssm.json",
        operations: [PutParameter, GetParameter, GetParametersByPath, DeleteParameter],
    }
}

/// Amazon CloudWatch Logs (awsJson1_1): log groups, streams and events.
pub mod logs {
    shapegen::generate! {
        spec: "../../../shared/models/aws/cloudwatch-logs.json",
        operations: [
            CreateLogGroup, DescribeLogGroups, DeleteLogGroup,
            CreateLogStream, PutLogEvents, GetLogEvents,
        ],
    }
}
