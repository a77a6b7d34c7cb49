//! The two clients measured, behind one trait: each sends `GetItem` or `Query` and checks
//! the parsed reply.

mod memory;
mod official;
mod shapegen;

use std::fmt;
use std::future::Future;
use std::str::FromStr;

use serde::Serialize;

pub use self::memory::InMemory;
pub use self::official::Official;
pub use self::shapegen::Shapegen;

use crate::workload::{ATTRIBUTES_PER_ITEM, HISTORY_LENGTH, latitude};

/// A DynamoDB client that sends one request per call and checks the reply.
pub trait BenchClient: Send + Sync + 'static {
    /// Sends one `operation` request, reads and checks the whole reply.
    fn call(&self, operation: Operation) -> impl Future<Output = Result<(), String>> + Send;
}

/// Where a client sends its requests.
#[derive(Debug, Clone, Copy)]
pub enum Route<'a> {
    /// Over HTTP to the endpoint at this URL.
    Url(&'a str),
    /// To the endpoint inside this process.
    Memory(&'a InMemory),
}

/// Which client to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClientKind {
    /// The client `shapegen::generate!` makes from the DynamoDB model.
    Shapegen,
    /// `aws-sdk-dynamodb`.
    Official,
}

impl ClientKind {
    /// Every client, in the order they are interleaved.
    pub const ALL: [ClientKind; 2] = [Self::Shapegen, Self::Official];

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::Shapegen => "shapegen",
            Self::Official => "official",
        }
    }
}

/// Which DynamoDB operation to call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Operation {
    /// `GetItem` of one item by its key.
    GetItem,
    /// `Query` of one partition, one page.
    Query,
}

impl Operation {
    /// Every operation, in run order.
    pub const ALL: [Operation; 2] = [Self::GetItem, Self::Query];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Self::GetItem => "get-item",
            Self::Query => "query",
        }
    }
}

macro_rules! named {
    ($type:ty, $what:literal) => {
        impl fmt::Display for $type {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }

        impl FromStr for $type {
            type Err = String;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .into_iter()
                    .find(|value| value.name() == text)
                    .ok_or_else(|| {
                        let names: Vec<_> = Self::ALL.iter().map(|v| v.name()).collect();
                        format!("unknown {} `{text}` ({})", $what, names.join(", "))
                    })
            }
        }
    };
}

named!(ClientKind, "client");
named!(Operation, "operation");

/// What a client read from one item: its attribute count, `address.geo.lat`, and the length
/// of `history`.
#[derive(Debug, PartialEq, Eq)]
pub struct ItemFacts<'a> {
    pub attributes: usize,
    pub latitude: Option<&'a str>,
    pub history: Option<usize>,
}

/// Fails unless item `index` was read whole.
fn check_item(facts: ItemFacts<'_>, index: usize) -> Result<(), String> {
    let expected_latitude = latitude(index);
    let expected = ItemFacts {
        attributes: ATTRIBUTES_PER_ITEM,
        latitude: Some(&expected_latitude),
        history: Some(HISTORY_LENGTH),
    };
    if facts == expected {
        Ok(())
    } else {
        Err(format!(
            "item {index} read as {facts:?}, {expected:?} expected"
        ))
    }
}

/// Fails unless a Query page held `expected` items (and said so) with the last one whole.
fn check_page(
    items: usize,
    count: i32,
    last: Option<ItemFacts<'_>>,
    expected: usize,
) -> Result<(), String> {
    if items != expected || usize::try_from(count).ok() != Some(expected) {
        return Err(format!(
            "the page has {items} items (Count {count}), {expected} expected"
        ));
    }
    let last = last.ok_or("the page has no items")?;
    check_item(last, expected - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both clients get and query through the loopback endpoint, twice (a fresh and a
    /// pooled connection), and through the in-memory one, and fail when the reply is not what
    /// they asked for.
    #[test]
    fn every_client_round_trips_through_the_endpoint() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let url = format!("http://{}", listener.local_addr().unwrap());
            tokio::spawn(crate::server::serve(listener, 25));
            let memory = InMemory::new(25);
            for route in [Route::Url(&url), Route::Memory(&memory)] {
                let shapegen = Shapegen::new(route, 25).unwrap();
                let official = Official::new(route, 25).unwrap();
                for operation in Operation::ALL {
                    for _ in 0..2 {
                        shapegen.call(operation).await.unwrap();
                        official.call(operation).await.unwrap();
                    }
                }
                // Asking for a different page size than served is caught by the check.
                let shapegen = Shapegen::new(route, 24).unwrap();
                let official = Official::new(route, 24).unwrap();
                assert!(shapegen.call(Operation::Query).await.is_err());
                assert!(official.call(Operation::Query).await.is_err());
            }
        });
    }

    #[test]
    fn names_round_trip() {
        for operation in Operation::ALL {
            assert_eq!(operation.name().parse::<Operation>(), Ok(operation));
        }
        assert_eq!("official".parse::<ClientKind>(), Ok(ClientKind::Official));
        assert!("floor".parse::<ClientKind>().is_err());
        assert!("put-item".parse::<Operation>().is_err());
    }
}
