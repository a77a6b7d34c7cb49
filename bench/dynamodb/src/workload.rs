//! What the benchmark asks for and what the endpoint answers: one table, one partition of
//! items with every kind of attribute (strings, numbers, binary, sets, nested maps and lists,
//! booleans and nulls), generated deterministically.

use serde_json::{Value, json};

/// The table every request names.
pub const TABLE_NAME: &str = "bench-orders";

/// The partition key every request names.
pub const PARTITION: &str = "customer-0001";

/// The most items one Query page may hold here.
pub const MAX_PAGE: usize = 100;

/// Top-level attributes of every item (see [`item`]).
pub const ATTRIBUTES_PER_ITEM: usize = 11;

/// Entries of every item's `history` list.
pub const HISTORY_LENGTH: usize = 3;

/// The sort key of item `index` (a DynamoDB number, as text).
pub fn sort_key(index: usize) -> String {
    (index + 1).to_string()
}

/// The `address.geo.lat` number of item `index`: the value the clients check after parsing.
pub fn latitude(index: usize) -> String {
    format!("51.{:04}", 5000 + index)
}

/// Item `index` of the partition, in DynamoDB's JSON (every value tagged with its type).
pub fn item(index: usize) -> Value {
    const EVENTS: [&str; 3] = ["created", "paid", "shipped"];
    let history: Vec<Value> = (0..HISTORY_LENGTH)
        .map(|step| {
            let event = EVENTS[step % EVENTS.len()];
            json!({"M": {
                "at": {"S": format!("2026-11-{:02}T10:{:02}:00Z", step + 1, index % 60)},
                "event": {"S": event},
                "quantity": {"N": (step + index % 7 + 1).to_string()},
            }})
        })
        .collect();
    json!({
        "pk": {"S": PARTITION},
        "sk": {"N": sort_key(index)},
        "title": {"S": format!("Order {index} \u{2014} tea, cake and a \"gift\" box")},
        "price": {"N": format!("{}.{:02}", 10 + index * 3, index % 100)},
        "active": {"BOOL": index.is_multiple_of(2)},
        "payload": {"B": "c2hhcGVnZW4gYmVuY2ggcGF5bG9hZA=="},
        "tags": {"SS": ["gift", "express", format!("batch-{}", index % 5)]},
        "scores": {"NS": ["1", "2.5", (index * 7).to_string()]},
        "address": {"M": {
            "street": {"S": format!("{} Baker Street", 200 + index)},
            "city": {"S": "London"},
            "zip": {"N": (10_000 + index).to_string()},
            "geo": {"M": {"lat": {"N": latitude(index)}, "lon": {"N": "-0.1585"}}},
        }},
        "history": {"L": history},
        "discontinued": {"NULL": true},
    })
}

/// The key of item `index`.
pub fn key(index: usize) -> Value {
    json!({"pk": {"S": PARTITION}, "sk": {"N": sort_key(index)}})
}

/// The `GetItem` reply body: item 0.
pub fn get_item_reply() -> Value {
    json!({ "Item": item(0) })
}

/// The `Query` reply body: the first `page` items, with the key to continue from.
pub fn query_reply(page: usize) -> Value {
    let items: Vec<Value> = (0..page).map(item).collect();
    json!({
        "Items": items,
        "Count": page,
        "ScannedCount": page,
        "LastEvaluatedKey": key(page.saturating_sub(1)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_have_every_attribute_type_and_nesting() {
        let item = item(24);
        let attributes = item.as_object().unwrap();
        assert_eq!(attributes.len(), ATTRIBUTES_PER_ITEM);
        let types: std::collections::BTreeSet<&str> = attributes
            .values()
            .flat_map(|value| value.as_object().unwrap().keys().map(String::as_str))
            .collect();
        assert_eq!(
            types.into_iter().collect::<Vec<_>>(),
            ["B", "BOOL", "L", "M", "N", "NS", "NULL", "S", "SS"]
        );
        assert_eq!(item["address"]["M"]["geo"]["M"]["lat"]["N"], latitude(24));
        assert_eq!(
            item["history"]["L"].as_array().unwrap().len(),
            HISTORY_LENGTH
        );
    }

    #[test]
    fn a_query_page_holds_distinct_items_and_its_last_key() {
        let reply = query_reply(25);
        let items = reply["Items"].as_array().unwrap();
        assert_eq!(items.len(), 25);
        assert_eq!(reply["Count"], 25);
        assert_ne!(items[0]["sk"], items[1]["sk"]);
        assert_eq!(reply["LastEvaluatedKey"]["sk"]["N"], "25");
        assert!(
            reply.to_string().len() > 10_000,
            "a page is a sizeable reply"
        );
    }
}
