//! Amazon SQS: a queue's life cycle, messages sent, received and deleted, message
//! attributes, and a missing queue's typed error through the query-compatible error mapping
//! (moto sends `x-amzn-query-error: AWS.SimpleQueueService.NonExistentQueue;Sender`).

use shapegen_emulator_tests::aws_json_clients::sqs::{
    Client,
    types::{MessageAttributeValue, QueueAttributeName},
};
use shapegen_emulator_tests::moto;

#[tokio::test]
async fn messages_are_sent_received_and_deleted() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let queue_url = client
        .create_queue()
        .queue_name("sqs-orders")
        .attributes("VisibilityTimeout", "30")
        .send()
        .await
        .unwrap()
        .queue_url
        .unwrap();
    assert!(queue_url.ends_with("/sqs-orders"), "{queue_url}");
    let found = client
        .get_queue_url()
        .queue_name("sqs-orders")
        .send()
        .await
        .unwrap()
        .queue_url;
    assert_eq!(found.as_deref(), Some(queue_url.as_str()));

    let mut sent = Vec::new();
    for n in 0..3 {
        let output = client
            .send_message()
            .queue_url(&queue_url)
            .message_body(format!("{{\"order\": {n}}}"))
            .message_attributes(
                "kind",
                MessageAttributeValue::builder()
                    .data_type("String")
                    .string_value("order")
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .unwrap();
        sent.push(output.message_id.unwrap());
    }

    let attributes = client
        .get_queue_attributes()
        .queue_url(&queue_url)
        .attribute_names(QueueAttributeName::All)
        .send()
        .await
        .unwrap()
        .attributes
        .unwrap_or_default();
    assert_eq!(
        attributes.get("VisibilityTimeout").map(String::as_str),
        Some("30")
    );
    assert_eq!(
        attributes
            .get("ApproximateNumberOfMessages")
            .map(String::as_str),
        Some("3")
    );

    let mut received = Vec::new();
    for _ in 0..10 {
        if received.len() == sent.len() {
            break;
        }
        let messages = client
            .receive_message()
            .queue_url(&queue_url)
            .max_number_of_messages(10)
            .message_attribute_names("All")
            .send()
            .await
            .unwrap()
            .messages
            .unwrap_or_default();
        for message in messages {
            let kind = message
                .message_attributes
                .as_ref()
                .and_then(|a| a.get("kind"))
                .and_then(|v| v.string_value.clone());
            assert_eq!(kind.as_deref(), Some("order"));
            assert!(
                message
                    .body
                    .as_deref()
                    .is_some_and(|b| b.starts_with("{\"order\": "))
            );
            client
                .delete_message()
                .queue_url(&queue_url)
                .receipt_handle(message.receipt_handle.unwrap())
                .send()
                .await
                .unwrap();
            received.push(message.message_id.unwrap());
        }
    }
    received.sort();
    sent.sort();
    assert_eq!(received, sent);

    client
        .delete_queue()
        .queue_url(&queue_url)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_missing_queue_is_a_typed_error() {
    let Some(moto) = moto() else { return };
    let client = Client::new(moto.config());
    let error = client
        .get_queue_url()
        .queue_name("sqs-never-created")
        .send()
        .await
        .unwrap_err();
    let service = error.as_service_error().unwrap_or_else(|| {
        panic!("expected a service error, got {error:?}");
    });
    assert!(service.is_queue_does_not_exist(), "{error}");
    assert_eq!(
        service.message(),
        Some("The specified queue does not exist.")
    );
    assert_eq!(
        error.as_service_error().map(|e| e.meta().status()),
        Some(400)
    );
}
