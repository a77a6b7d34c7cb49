//! [`ItemTable`]: an in-memory DynamoDB table answering `PutItem` and `GetItem` (awsJson1_0)
//! on loopback, so that items can be written and read back without DynamoDB or moto.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use http::{HeaderValue, Request, Response, StatusCode, header};
use http_body_util::Full;
use serde_json::{Map, Value, json};

use crate::server::{FullResponse, Handler, LoopbackServer};

/// One DynamoDB table in memory, served on an ephemeral `127.0.0.1` port.
///
/// It understands the two calls a round trip needs, as DynamoDB answers them: `PutItem`
/// stores (or replaces) the item under its key attributes, `GetItem` returns the item with the
/// given key (`{}` when there is none). Items are kept as sent, in DynamoDB's JSON form
/// (`{"S": "…"}`, `{"M": {…}}`, …), so what comes back is exactly what was stored. Other
/// targets, another table name, a missing key attribute or an unreadable body are answered
/// with DynamoDB's error shapes (`__type` and `message`). Dropping it shuts the server down.
#[derive(Debug)]
pub struct ItemTable {
    server: LoopbackServer,
    state: Arc<TableState>,
}

#[derive(Debug)]
struct TableState {
    name: String,
    key_attributes: Vec<String>,
    /// Items by their key (the key attributes' values, as compact JSON).
    items: Mutex<HashMap<String, Map<String, Value>>>,
}

impl ItemTable {
    /// Starts a table called `name` whose primary key is made of `key_attributes` (the
    /// partition key, and the sort key if any).
    pub async fn start(name: &str, key_attributes: &[&str]) -> ItemTable {
        let state = Arc::new(TableState {
            name: name.to_owned(),
            key_attributes: key_attributes.iter().map(|k| (*k).to_owned()).collect(),
            items: Mutex::new(HashMap::new()),
        });
        let server = LoopbackServer::start(Arc::clone(&state)).await;
        ItemTable { server, state }
    }

    /// The endpoint URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// How many items the table holds.
    pub fn len(&self) -> usize {
        self.state.lock().len()
    }

    /// Whether the table holds no item.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A DynamoDB error reply.
struct TableError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl TableError {
    fn validation(message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            code: "com.amazon.coral.validate#ValidationException",
            message: message.into(),
        }
    }
}

impl TableState {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Map<String, Value>>> {
        // Every update is a single insert, so a poisoned lock still holds consistent items.
        self.items.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn answer(&self, request: &Request<Bytes>) -> Result<Value, TableError> {
        let target = request
            .headers()
            .get("x-amz-target")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        let body: Value = serde_json::from_slice(request.body()).map_err(|error| TableError {
            status: StatusCode::BAD_REQUEST,
            code: "com.amazon.coral.service#SerializationException",
            message: format!("the body is not JSON: {error}"),
        })?;
        match target {
            "DynamoDB_20120810.PutItem" => {
                self.check_table(&body)?;
                let item = object(&body, "Item")?;
                let key = self.key_of(item)?;
                self.lock().insert(key, item.clone());
                Ok(json!({}))
            }
            "DynamoDB_20120810.GetItem" => {
                self.check_table(&body)?;
                let key = object(&body, "Key")?;
                if key.len() != self.key_attributes.len() {
                    return Err(TableError::validation(
                        "The provided key element does not match the schema",
                    ));
                }
                let found = self.lock().get(&self.key_of(key)?).cloned();
                Ok(match found {
                    Some(item) => json!({ "Item": item }),
                    None => json!({}),
                })
            }
            other => Err(TableError {
                status: StatusCode::BAD_REQUEST,
                code: "com.amazon.coral.service#UnknownOperationException",
                message: format!("ItemTable answers PutItem and GetItem, not `{other}`"),
            }),
        }
    }

    fn check_table(&self, body: &Value) -> Result<(), TableError> {
        match body.get("TableName").and_then(Value::as_str) {
            Some(name) if name == self.name => Ok(()),
            _ => Err(TableError {
                status: StatusCode::BAD_REQUEST,
                code: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                message: "Requested resource not found".to_owned(),
            }),
        }
    }

    /// The key of an item (or of a `Key`): its key attributes' values, in schema order.
    fn key_of(&self, item: &Map<String, Value>) -> Result<String, TableError> {
        let values = self
            .key_attributes
            .iter()
            .map(|name| {
                item.get(name).ok_or_else(|| {
                    TableError::validation(format!(
                        "One of the required keys was not given a value: {name}"
                    ))
                })
            })
            .collect::<Result<Vec<&Value>, TableError>>()?;
        Ok(Value::from(values.into_iter().cloned().collect::<Vec<_>>()).to_string())
    }
}

/// The object member `name` of a request body, or a validation error.
fn object<'a>(body: &'a Value, name: &str) -> Result<&'a Map<String, Value>, TableError> {
    body.get(name)
        .and_then(Value::as_object)
        .ok_or_else(|| TableError::validation(format!("`{name}` must be a map")))
}

impl Handler for TableState {
    async fn handle(&self, request: Request<Bytes>) -> FullResponse {
        let (status, body) = match self.answer(&request) {
            Ok(body) => (StatusCode::OK, body),
            Err(error) => (
                error.status,
                json!({"__type": error.code, "message": error.message}),
            ),
        };
        let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
        *response.status_mut() = status;
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/x-amz-json-1.0"),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_http;

    async fn call(table: &ItemTable, target: &str, body: Value) -> (u16, Value) {
        let response = test_http::send(
            &table.url(),
            "POST",
            "/",
            &[("x-amz-target", target)],
            body.to_string().as_bytes(),
        )
        .await;
        (response.status, response.json())
    }

    #[tokio::test]
    async fn items_are_stored_by_key_and_read_back_as_sent() {
        let table = ItemTable::start("things", &["pk", "sk"]).await;
        let item = json!({"pk": {"S": "a"}, "sk": {"N": "1"},
                          "nested": {"L": [{"M": {"x": {"BOOL": true}}}]}});
        let put = json!({"TableName": "things", "Item": item});
        assert_eq!(
            call(&table, "DynamoDB_20120810.PutItem", put).await,
            (200, json!({}))
        );
        assert_eq!(table.len(), 1);
        let get =
            |sk: &str| json!({"TableName": "things", "Key": {"sk": {"N": sk}, "pk": {"S": "a"}}});
        assert_eq!(
            call(&table, "DynamoDB_20120810.GetItem", get("1")).await,
            (200, json!({ "Item": item }))
        );
        assert_eq!(
            call(&table, "DynamoDB_20120810.GetItem", get("2")).await,
            (200, json!({}))
        );
    }

    #[tokio::test]
    async fn bad_requests_get_dynamodb_errors() {
        let table = ItemTable::start("things", &["pk"]).await;
        let (status, body) = call(
            &table,
            "DynamoDB_20120810.PutItem",
            json!({"TableName": "other", "Item": {"pk": {"S": "a"}}}),
        )
        .await;
        assert_eq!(status, 400);
        assert_eq!(
            body["__type"],
            "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"
        );
        let (status, body) = call(
            &table,
            "DynamoDB_20120810.PutItem",
            json!({"TableName": "things", "Item": {"other": {"S": "a"}}}),
        )
        .await;
        assert_eq!(status, 400);
        assert!(body["message"].as_str().unwrap().contains("pk"), "{body}");
        let (status, body) = call(&table, "DynamoDB_20120810.Scan", json!({})).await;
        assert_eq!(status, 400);
        assert!(
            body["__type"]
                .as_str()
                .unwrap()
                .ends_with("UnknownOperationException")
        );
        assert!(table.is_empty());
    }
}
