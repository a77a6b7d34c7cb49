//! DynamoDB's recursive `AttributeValue` union with a client generated from the real DynamoDB
//! model (awsJson1_0): build a nested item (a map holding lists of maps), put it, get it back,
//! and read it with accessors and patterns.
//!
//! ```sh
//! cargo run --example dynamodb_attribute_values
//! ```
//!
//! It talks to an in-memory DynamoDB table on `127.0.0.1` (`shapegen_tests::ItemTable`), so it
//! needs neither AWS nor an emulator; the model is read from `../shared/models/aws` (without
//! it, the example says so and exits).

#[cfg(aws_models)]
mod dynamodb {
    shapegen::generate! {
        spec: "../../shared/models/aws/dynamodb.json",
        operations: [PutItem, GetItem],
    }
}

#[cfg(aws_models)]
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    use std::collections::HashMap;

    use dynamodb::types::AttributeValue;

    let table = shapegen_tests::ItemTable::start("orders", &["customer", "order"]).await;
    let config = shapegen::Config::builder()
        .endpoint_url(table.url())
        .region("us-east-1")
        .credentials(shapegen::Credentials::new("AKID", "SECRET", None))
        .build()?;
    let client = dynamodb::Client::new(config);

    // Building: strings and numbers name their variant (`S`, `N`); a `Vec<AttributeValue>`
    // converts into the list variant `L` and a `HashMap<String, AttributeValue>` into the map
    // variant `M`, the only variants holding those types.
    let line = |sku: &str, quantity: u32| {
        AttributeValue::from(HashMap::from([
            ("sku".to_owned(), AttributeValue::S(sku.to_owned())),
            (
                "quantity".to_owned(),
                AttributeValue::N(quantity.to_string()),
            ),
        ]))
    };
    client
        .put_item()
        .table_name("orders")
        .item("customer", AttributeValue::S("ada".to_owned()))
        .item("order", AttributeValue::N("1".to_owned()))
        .item("lines", vec![line("tea", 2), line("cake", 1)])
        .item(
            "shipping",
            HashMap::from([
                ("city".to_owned(), AttributeValue::S("London".to_owned())),
                ("express".to_owned(), AttributeValue::Bool(true)),
            ]),
        )
        .item("tags", AttributeValue::Ss(vec!["gift".to_owned()]))
        .send()
        .await?;

    let key = |customer: &str, order: u32| {
        HashMap::from([
            (
                "customer".to_owned(),
                AttributeValue::S(customer.to_owned()),
            ),
            ("order".to_owned(), AttributeValue::N(order.to_string())),
        ])
    };
    let mut item = client
        .get_item()
        .table_name("orders")
        .set_key(Some(key("ada", 1)))
        .send()
        .await?
        .item
        .ok_or("the item was not found")?;

    // Reading: `as_x()` is `Some` for the variant `x`, so paths chain with `and_then`
    // (`as_bool()` and other scalars come by value).
    let city = item
        .get("shipping")
        .and_then(AttributeValue::as_m)
        .and_then(|shipping| shipping.get("city"))
        .and_then(AttributeValue::as_s);
    let express = item
        .get("shipping")
        .and_then(AttributeValue::as_m)
        .and_then(|shipping| shipping.get("express"))
        .and_then(AttributeValue::as_bool);
    println!("ship to {city:?}, express: {express:?}");

    // Patterns reach any depth (the union is `#[non_exhaustive]`: keep a catch-all arm).
    let Some(AttributeValue::L(lines)) = item.get("lines") else {
        return Err("`lines` is not a list".into());
    };
    for line in lines {
        match line {
            AttributeValue::M(fields) => match (fields.get("sku"), fields.get("quantity")) {
                (Some(AttributeValue::S(sku)), Some(AttributeValue::N(quantity))) => {
                    println!("{quantity} × {sku}");
                }
                _ => return Err(format!("a line without sku or quantity: {fields:?}").into()),
            },
            other => return Err(format!("a line is not a map: {other:?}").into()),
        }
    }

    // `into_x()` takes a value out without cloning (or gives the union back as `Err`).
    let tags = item.remove("tags").ok_or("no tags")?.into_ss();
    println!(
        "tags: {:?}",
        tags.map_err(|other| format!("not a string set: {other:?}"))?
    );

    // A key with no item is `None`; an unknown table is a typed error.
    let missing = client
        .get_item()
        .table_name("orders")
        .set_key(Some(key("ada", 2)))
        .send()
        .await?;
    println!("order 2: {:?}", missing.item);
    let error = client
        .get_item()
        .table_name("invoices")
        .set_key(Some(key("ada", 1)))
        .send()
        .await
        .expect_err("the table does not exist");
    match error.as_service_error() {
        Some(service) if service.is_resource_not_found_exception() => {
            println!("invoices: {}", service.message().unwrap_or("not found"));
        }
        _ => return Err(error.into()),
    }
    Ok(())
}

#[cfg(not(aws_models))]
fn main() {
    println!("notice: this example needs the DynamoDB model in ../shared/models/aws; skipped");
}
