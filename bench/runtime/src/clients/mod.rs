//! The three clients measured, behind one trait.

mod floor;
mod official;
mod shapegen;

use std::fmt;
use std::future::Future;
use std::str::FromStr;

use serde::Serialize;

pub use self::floor::Floor;
pub use self::official::Official;
pub use self::shapegen::Shapegen;

/// A client that sends one `BatchCreateAttendee` request per call, for a fixed list of
/// attendees, and checks the reply.
pub trait BenchClient: Send + Sync + 'static {
    /// Sends one request and reads the whole reply; `Err` describes what went wrong.
    fn call(&self) -> impl Future<Output = Result<(), String>> + Send;
}

/// Which client to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ClientKind {
    /// The client `shapegen::generate!` makes from the Chime SDK Meetings model.
    Shapegen,
    /// `aws-sdk-chimesdkmeetings`.
    Official,
    /// A bare hyper client resending one pre-signed request.
    Floor,
}

impl ClientKind {
    /// Every client, in the order they are interleaved.
    pub const ALL: [ClientKind; 3] = [Self::Shapegen, Self::Official, Self::Floor];

    /// The name used on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::Shapegen => "shapegen",
            Self::Official => "official",
            Self::Floor => "floor",
        }
    }
}

impl fmt::Display for ClientKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ClientKind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.name() == text)
            .ok_or_else(|| format!("unknown client `{text}` (shapegen, official or floor)"))
    }
}

/// Fails unless a reply echoed all `expected` attendees.
fn check_attendees(received: usize, expected: usize) -> Result<(), String> {
    if received == expected {
        Ok(())
    } else {
        Err(format!(
            "the reply has {received} attendees, {expected} expected"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shapegen_bench_loopback::workload::external_user_ids;

    /// Every client gets every attendee of a 1- and a 100-attendee request back from the
    /// loopback endpoint, on a fresh connection and on a pooled one.
    #[test]
    fn every_client_round_trips_through_the_endpoint() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let url = format!("http://{}", listener.local_addr().unwrap());
            tokio::spawn(shapegen_bench_loopback::serve(listener));
            for count in [1, 100] {
                let ids = || external_user_ids(count);
                let shapegen = Shapegen::new(&url, ids()).unwrap();
                let official = Official::new(&url, ids()).unwrap();
                let floor = Floor::new(&url, ids()).unwrap();
                for _ in 0..2 {
                    shapegen.call().await.unwrap();
                    official.call().await.unwrap();
                    floor.call().await.unwrap();
                }
            }
        });
    }
}
