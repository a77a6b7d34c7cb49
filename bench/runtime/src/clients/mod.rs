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
