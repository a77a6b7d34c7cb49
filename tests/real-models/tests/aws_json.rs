//! The awsJson1_0/1_1 clients generated in full from the real models, on the wire against
//! scripted loopback replies: each request exactly (`POST /`, `X-Amz-Target`, content type,
//! body), a reply read into the output, and an error reply mapped to its typed variant with
//! its message.

#![cfg(real_models)]

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{Value as Json, json};
use shapegen::{Blob, Config, DateTime};
use shapegen_real_models::{cloudwatch_logs, dynamodb, ecs, kms, sqs, ssm};
use shapegen_tests::{RecordedRequest, Reply, ScriptedServer};

fn config(server: &ScriptedServer) -> Config {
    Config::builder()
        .endpoint_url(server.url())
        .region("us-east-1")
        .credentials(shapegen::Credentials::new("AKID", "SECRET", None))
        .initial_backoff(Duration::from_millis(1))
        .build()
        .unwrap()
}

/// An awsJson error reply: `__type` names the error (some services send the shape id).
fn error_reply(status: u16, code: &str, body: Json) -> Reply {
    let mut body = body;
    body["__type"] = json!(code);
    Reply::json(status, &body)
}

/// Asserts an awsJson request: `POST /`, its target and content type, and its JSON body.
#[track_caller]
fn assert_aws_json(request: &RecordedRequest, version: &str, target: &str, body: Json) {
    assert_eq!(request.method, "POST");
    assert_eq!(request.path_and_query(), "/");
    assert_eq!(request.header("x-amz-target"), Some(target));
    assert_eq!(
        request.header("content-type"),
        Some(format!("application/x-amz-json-{version}").as_str())
    );
    assert!(
        request
            .header("authorization")
            .is_some_and(|value| value.starts_with("AWS4-HMAC-SHA256 ")),
        "requests are signed"
    );
    assert_eq!(request.json(), body);
}

/// DynamoDB (awsJson1_0): `Query` pages with a map of `AttributeValue`s as its token
/// (`LastEvaluatedKey` sent back as `ExclusiveStartKey`), and `ResourceNotFoundException`.
#[tokio::test]
async fn dynamodb_queries_page_by_a_map_token_and_errors_are_typed() {
    use dynamodb::types::AttributeValue;
    let key = |order: u32| json!({"customer": {"S": "ada"}, "order": {"N": order.to_string()}});
    let order = |number: u32| {
        json!({"customer": {"S": "ada"}, "order": {"N": number.to_string()},
               "lines": {"L": [{"M": {"sku": {"S": format!("sku-{number}")}, "qty": {"N": "1"}}}]}})
    };
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"Items": [order(1), order(2)], "Count": 2, "ScannedCount": 2,
                    "LastEvaluatedKey": key(2)}),
        ),
        Reply::json(
            200,
            &json!({"Items": [order(3)], "Count": 1, "ScannedCount": 1}),
        ),
        error_reply(
            400,
            "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
            json!({"message": "Requested resource not found"}),
        ),
    ])
    .await;
    let client = dynamodb::Client::new(config(&server));
    let mut items = client
        .query()
        .table_name("orders")
        .key_condition_expression("customer = :c")
        .expression_attribute_values(":c", AttributeValue::S("ada".into()))
        .limit(2)
        .into_items();
    let mut skus = Vec::new();
    while let Some(item) = items.next().await {
        let item = item.unwrap();
        let sku = item["lines"].as_l().and_then(|lines| lines.first());
        let sku = sku
            .and_then(AttributeValue::as_m)
            .and_then(|line| line.get("sku"));
        skus.push(sku.and_then(AttributeValue::as_s).unwrap().clone());
    }
    assert_eq!(skus, ["sku-1", "sku-2", "sku-3"]);
    let requests = server.requests();
    let query = |start: Option<Json>| {
        let mut body = json!({"TableName": "orders", "Limit": 2,
                              "KeyConditionExpression": "customer = :c",
                              "ExpressionAttributeValues": {":c": {"S": "ada"}}});
        if let Some(start) = start {
            body["ExclusiveStartKey"] = start;
        }
        body
    };
    assert_aws_json(&requests[0], "1.0", "DynamoDB_20120810.Query", query(None));
    assert_aws_json(
        &requests[1],
        "1.0",
        "DynamoDB_20120810.Query",
        query(Some(key(2))),
    );

    let error = client
        .describe_table()
        .table_name("missing")
        .send()
        .await
        .unwrap_err();
    assert_aws_json(
        &server.requests()[2],
        "1.0",
        "DynamoDB_20120810.DescribeTable",
        json!({"TableName": "missing"}),
    );
    let Some(dynamodb::operation::describe_table::DescribeTableError::ResourceNotFoundException(
        not_found,
    )) = error.as_service_error()
    else {
        panic!("expected ResourceNotFoundException, got {error:?}");
    };
    assert_eq!(not_found.message(), Some("Requested resource not found"));
    assert_eq!(error.as_service_error().unwrap().meta().status(), 400);
}

/// SQS (awsJson1_0, `awsQueryCompatible`): `SendMessage`, and an error known by its legacy
/// query code (`x-amzn-query-error`).
#[tokio::test]
async fn sqs_sends_messages_and_maps_query_compatible_errors() {
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"MD5OfMessageBody": "5d41402abc4b2a76b9719d911017c592", "MessageId": "m-1"}),
        ),
        error_reply(
            400,
            "com.amazonaws.sqs#QueueDoesNotExist",
            json!({"message": "The specified queue does not exist."}),
        )
        .header(
            "x-amzn-query-error",
            "AWS.SimpleQueueService.NonExistentQueue;Sender",
        ),
    ])
    .await;
    let client = sqs::Client::new(config(&server));
    let queue = "http://127.0.0.1/123456789012/jobs";
    let sent = client
        .send_message()
        .queue_url(queue)
        .message_body("hello")
        .delay_seconds(5)
        .send()
        .await
        .unwrap();
    assert_eq!(sent.message_id.as_deref(), Some("m-1"));
    assert_eq!(
        sent.md5_of_message_body.as_deref(),
        Some("5d41402abc4b2a76b9719d911017c592")
    );
    assert_aws_json(
        &server.requests()[0],
        "1.0",
        "AmazonSQS.SendMessage",
        json!({"QueueUrl": queue, "MessageBody": "hello", "DelaySeconds": 5}),
    );

    let error = client
        .delete_queue()
        .queue_url(queue)
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().unwrap();
    assert!(service.is_queue_does_not_exist(), "{error}");
    assert_eq!(
        service.code(),
        Some("QueueDoesNotExist"),
        "the modeled code"
    );
    assert_eq!(
        service.message(),
        Some("The specified queue does not exist.")
    );
    assert_aws_json(
        &server.requests()[1],
        "1.0",
        "AmazonSQS.DeleteQueue",
        json!({"QueueUrl": queue}),
    );
}

/// KMS (awsJson1_1): blobs travel base64-encoded both ways; `NotFoundException`.
#[tokio::test]
async fn kms_encrypts_blobs_and_maps_not_found() {
    use kms::types::EncryptionAlgorithmSpec;
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"CiphertextBlob": "AAEC/w==", "KeyId": "arn:aws:kms:us-east-1:1:key/k",
                    "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"}),
        ),
        error_reply(
            400,
            "NotFoundException",
            json!({"message": "Key 'alias/missing' does not exist"}),
        ),
    ])
    .await;
    let client = kms::Client::new(config(&server));
    let encrypted = client
        .encrypt()
        .key_id("alias/app")
        .plaintext(Blob::new(b"secret".to_vec()))
        .encryption_context("purpose", "test")
        .send()
        .await
        .unwrap();
    assert_eq!(
        encrypted.ciphertext_blob.as_ref().map(Blob::as_ref),
        Some(&[0u8, 1, 2, 255][..])
    );
    assert_eq!(
        encrypted.encryption_algorithm,
        Some(EncryptionAlgorithmSpec::SymmetricDefault)
    );
    assert_aws_json(
        &server.requests()[0],
        "1.1",
        "TrentService.Encrypt",
        json!({"KeyId": "alias/app", "Plaintext": "c2VjcmV0",
               "EncryptionContext": {"purpose": "test"}}),
    );

    let error = client
        .describe_key()
        .key_id("alias/missing")
        .send()
        .await
        .unwrap_err();
    let Some(kms::operation::describe_key::DescribeKeyError::NotFoundException(not_found)) =
        error.as_service_error()
    else {
        panic!("expected NotFoundException, got {error:?}");
    };
    assert_eq!(
        not_found.message(),
        Some("Key 'alias/missing' does not exist")
    );
}

/// ECS (awsJson1_1, lowerCamelCase members): `ListClusters` pages by `nextToken`;
/// `ClientException`.
#[tokio::test]
async fn ecs_pages_through_clusters_and_maps_client_exceptions() {
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"clusterArns": ["arn:c1", "arn:c2"], "nextToken": "t2"}),
        ),
        Reply::json(200, &json!({"clusterArns": ["arn:c3"]})),
        error_reply(
            400,
            "ClientException",
            json!({"message": "Cluster not found."}),
        ),
    ])
    .await;
    let client = ecs::Client::new(config(&server));
    let mut arns = Vec::new();
    let mut clusters = client.list_clusters().max_results(2).into_items();
    while let Some(arn) = clusters.next().await {
        arns.push(arn.unwrap());
    }
    assert_eq!(arns, ["arn:c1", "arn:c2", "arn:c3"]);
    let target = "AmazonEC2ContainerServiceV20141113.ListClusters";
    let requests = server.requests();
    assert_aws_json(&requests[0], "1.1", target, json!({"maxResults": 2}));
    assert_aws_json(
        &requests[1],
        "1.1",
        target,
        json!({"maxResults": 2, "nextToken": "t2"}),
    );

    let error = client
        .delete_cluster()
        .cluster("gone")
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().unwrap();
    assert!(service.is_client_exception(), "{error}");
    assert_eq!(service.message(), Some("Cluster not found."));
}

/// SSM (awsJson1_1): `GetParametersByPath` pages (no items member: pages are read), timestamps
/// are epoch seconds; `ParameterNotFound`.
#[tokio::test]
async fn ssm_pages_parameters_and_maps_parameter_not_found() {
    use ssm::types::ParameterType;
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"Parameters": [{"Name": "/app/db", "Type": "SecureString", "Value": "s3cr3t",
                                    "Version": 3, "LastModifiedDate": 1_700_000_000.5}],
                    "NextToken": "next"}),
        ),
        Reply::json(200, &json!({"Parameters": []})),
        error_reply(400, "ParameterNotFound", json!({"message": "/app/none"})),
    ])
    .await;
    let client = ssm::Client::new(config(&server));
    let mut pages = client
        .get_parameters_by_path()
        .path("/app")
        .recursive(true)
        .with_decryption(true)
        .into_paginator();
    let first = pages.next().await.unwrap().unwrap();
    let parameter = &first.parameters.unwrap()[0];
    assert_eq!(parameter.name.as_deref(), Some("/app/db"));
    assert_eq!(parameter.r#type, Some(ParameterType::SecureString));
    assert_eq!(parameter.version, 3);
    assert_eq!(
        parameter.last_modified_date,
        Some(DateTime::from_secs_and_nanos(1_700_000_000, 500_000_000))
    );
    assert!(
        !format!("{parameter:?}").contains("s3cr3t"),
        "a sensitive value is redacted"
    );
    assert!(pages.next().await.unwrap().is_ok());
    assert!(pages.next().await.is_none());
    let target = "AmazonSSM.GetParametersByPath";
    let body = json!({"Path": "/app", "Recursive": true, "WithDecryption": true});
    let requests = server.requests();
    assert_aws_json(&requests[0], "1.1", target, body.clone());
    let mut second = body;
    second["NextToken"] = json!("next");
    assert_aws_json(&requests[1], "1.1", target, second);

    let error = client
        .get_parameter()
        .name("/app/none")
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().unwrap();
    assert!(service.is_parameter_not_found(), "{error}");
    assert_eq!(service.message(), Some("/app/none"));
}

/// CloudWatch Logs (awsJson1_1): `PutLogEvents` with epoch-millisecond longs, and an error
/// with a member besides its message (`expectedSequenceToken`).
#[tokio::test]
async fn logs_puts_events_and_reads_error_members() {
    use cloudwatch_logs::types::InputLogEvent;
    let server = ScriptedServer::start(vec![
        Reply::json(
            200,
            &json!({"nextSequenceToken": "seq-2",
                    "rejectedLogEventsInfo": {"tooOldLogEventEndIndex": 0}}),
        ),
        error_reply(
            400,
            "InvalidSequenceTokenException",
            json!({"message": "The given sequenceToken is invalid.",
                   "expectedSequenceToken": "seq-9"}),
        ),
    ])
    .await;
    let client = cloudwatch_logs::Client::new(config(&server));
    let event = |timestamp: i64, message: &str| {
        InputLogEvent::builder()
            .timestamp(timestamp)
            .message(message)
            .build()
            .unwrap()
    };
    let put = |token: &str| {
        client
            .put_log_events()
            .log_group_name("/app/web")
            .log_stream_name("i-1")
            .log_events(event(1_700_000_000_000, "started"))
            .log_events(event(1_700_000_000_500, "ready"))
            .sequence_token(token)
    };
    let output = put("seq-1").send().await.unwrap();
    assert_eq!(output.next_sequence_token.as_deref(), Some("seq-2"));
    assert_eq!(
        output
            .rejected_log_events_info
            .and_then(|info| info.too_old_log_event_end_index),
        Some(0)
    );
    assert_aws_json(
        &server.requests()[0],
        "1.1",
        "Logs_20140328.PutLogEvents",
        json!({"logGroupName": "/app/web", "logStreamName": "i-1", "sequenceToken": "seq-1",
               "logEvents": [{"timestamp": 1_700_000_000_000_i64, "message": "started"},
                             {"timestamp": 1_700_000_000_500_i64, "message": "ready"}]}),
    );

    let error = put("seq-0").send().await.unwrap_err();
    use cloudwatch_logs::operation::put_log_events::PutLogEventsError;
    let Some(PutLogEventsError::InvalidSequenceTokenException(invalid)) = error.as_service_error()
    else {
        panic!("expected InvalidSequenceTokenException, got {error:?}");
    };
    assert_eq!(invalid.expected_sequence_token.as_deref(), Some("seq-9"));
    assert_eq!(
        invalid.message(),
        Some("The given sequenceToken is invalid.")
    );
    assert_eq!(server.request_count(), 2, "a 400 is not retried");
}

/// Validation applies before anything is sent, as for restJson1 (DynamoDB's table name
/// length, Logs' log group name pattern).
#[tokio::test]
async fn inputs_are_validated_before_sending() {
    let server = ScriptedServer::start(vec![Reply::json(200, &json!({}))]).await;
    let error = dynamodb::Client::new(config(&server))
        .get_item()
        .table_name("")
        .set_key(Some(HashMap::new()))
        .send()
        .await
        .unwrap_err();
    let violations = error.as_validation_error().unwrap().violations();
    assert_eq!(violations[0].path(), "TableName");
    let error = cloudwatch_logs::Client::new(config(&server))
        .create_log_group()
        .log_group_name("no spaces allowed")
        .send()
        .await
        .unwrap_err();
    let violations = error.as_validation_error().unwrap().violations();
    assert_eq!(violations[0].path(), "logGroupName");
    assert_eq!(server.request_count(), 0);
}

/// DynamoDB: a nested item (a map of lists of maps, built with the union's `From`
/// conversions) survives a round trip through an in-memory table unchanged.
#[tokio::test]
async fn dynamodb_round_trips_a_nested_item() {
    use dynamodb::types::AttributeValue;
    let table = shapegen_tests::ItemTable::start("orders", &["customer"]).await;
    let client = dynamodb::Client::new(
        Config::builder()
            .endpoint_url(table.url())
            .region("us-east-1")
            .credentials(shapegen::Credentials::new("AKID", "SECRET", None))
            .build()
            .unwrap(),
    );
    let line = |sku: &str| {
        AttributeValue::from(HashMap::from([
            ("sku".to_owned(), AttributeValue::S(sku.to_owned())),
            ("digest".to_owned(), Blob::new(vec![0, 255]).into()),
            (
                "sizes".to_owned(),
                AttributeValue::Ns(vec!["1".into(), "2.5".into()]),
            ),
        ]))
    };
    let item: HashMap<String, AttributeValue> = HashMap::from([
        ("customer".to_owned(), AttributeValue::S("ada".to_owned())),
        ("lines".to_owned(), vec![line("tea"), line("cake")].into()),
        ("note".to_owned(), AttributeValue::Null(true)),
        (
            "history".to_owned(),
            vec![AttributeValue::from(vec![AttributeValue::Bool(false)])].into(),
        ),
    ]);
    client
        .put_item()
        .table_name("orders")
        .set_item(Some(item.clone()))
        .send()
        .await
        .unwrap();
    let read = client
        .get_item()
        .table_name("orders")
        .key("customer", AttributeValue::S("ada".to_owned()))
        .send()
        .await
        .unwrap()
        .item
        .unwrap();
    assert!(read == item, "the item came back changed: {read:?}");
    let first_sku = read["lines"]
        .as_l()
        .and_then(|lines| lines.first())
        .and_then(AttributeValue::as_m)
        .and_then(|line| line.get("sku"))
        .and_then(AttributeValue::as_s);
    assert_eq!(first_sku.map(String::as_str), Some("tea"));
    assert_eq!(table.len(), 1);
}
