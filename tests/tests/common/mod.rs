//! What the fault matrix and the secrets test share: a client of each JSON protocol for the
//! one `Ping` operation of `tests/models/faults.json`, and a summary of how a call ended.

// Each test binary uses its own part of this module.
#![allow(dead_code)]

use shapegen::{Config, DisplayChain, Error, OperationError, TimeoutKind, TransportErrorKind};

pub mod rest {
    shapegen::generate! {
        spec: "models/faults.json",
        service: "example.faults#RestFaults",
    }
}

pub mod json10 {
    shapegen::generate! {
        spec: "models/faults.json",
        service: "example.faults#Json10Faults",
    }
}

pub mod json11 {
    shapegen::generate! {
        spec: "models/faults.json",
        service: "example.faults#Json11Faults",
    }
}

/// The protocols every row runs against.
#[derive(Clone, Copy, Debug)]
pub enum Protocol {
    RestJson1,
    AwsJson10,
    AwsJson11,
}

pub const PROTOCOLS: [Protocol; 3] = [
    Protocol::RestJson1,
    Protocol::AwsJson10,
    Protocol::AwsJson11,
];

/// A client of one protocol's service, all calling `Ping`.
#[derive(Clone, Debug)]
pub enum AnyClient {
    Rest(rest::Client),
    Json10(json10::Client),
    Json11(json11::Client),
}

impl AnyClient {
    /// A client of `protocol`'s service.
    pub fn new(protocol: Protocol, config: Config) -> Self {
        match protocol {
            Protocol::RestJson1 => Self::Rest(rest::Client::new(config)),
            Protocol::AwsJson10 => Self::Json10(json10::Client::new(config)),
            Protocol::AwsJson11 => Self::Json11(json11::Client::new(config)),
        }
    }

    /// Calls `Ping` with this `Id` and sums up how it ended.
    pub async fn ping(&self, id: &str) -> Outcome {
        self.ping_with(id, None).await
    }

    /// Calls `Ping` with this `Id` and, if given, the sensitive `Passcode`.
    pub async fn ping_with(&self, id: &str, passcode: Option<&str>) -> Outcome {
        let passcode = passcode.map(str::to_owned);
        match self {
            Self::Rest(client) => Outcome::of(
                client.ping().id(id).set_passcode(passcode).send().await,
                |o| o.echo.as_deref(),
            ),
            Self::Json10(client) => Outcome::of(
                client.ping().id(id).set_passcode(passcode).send().await,
                |o| o.echo.as_deref(),
            ),
            Self::Json11(client) => Outcome::of(
                client.ping().id(id).set_passcode(passcode).send().await,
                |o| o.echo.as_deref(),
            ),
        }
    }
}

/// How a call ended, in the terms rows state their expectations in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Success, with the reply's `Echo`.
    Ok(String),
    /// `Error::Transport` of kind `Connect`.
    Connect,
    /// `Error::Transport` of kind `Io`.
    Io,
    /// `Error::Transport` of kind `ResponseTooLarge`.
    TooLarge,
    /// `Error::Transport` of kind `MalformedResponse`.
    Malformed,
    /// `Error::Transport` of another kind.
    OtherTransport(String),
    /// `Error::Timeout` of this kind.
    Timeout(TimeoutKind),
    /// `Error::Service` with this status and code.
    Service { status: u16, code: Option<String> },
    /// `Error::Response` with this status.
    Response(u16),
    /// Any other error variant (never expected here).
    Other(String),
}

/// Success with this `Echo`.
pub fn ok(echo: &str) -> Kind {
    Kind::Ok(echo.to_owned())
}

/// A service error with this status and code.
pub fn service(status: u16, code: Option<&str>) -> Kind {
    Kind::Service {
        status,
        code: code.map(str::to_owned),
    }
}

/// A call's [`Kind`] and its text: the error's `Display` chain and `Debug`, or the output's
/// `Debug`.
pub struct Outcome {
    /// How the call ended.
    pub kind: Kind,
    /// What the call's result prints.
    pub text: String,
}

impl Outcome {
    /// Sums up a call's result; `echo` reads the output's `Echo`.
    pub fn of<O: std::fmt::Debug, E: OperationError + 'static>(
        result: Result<O, Error<E>>,
        echo: impl FnOnce(&O) -> Option<&str>,
    ) -> Self {
        let error = match result {
            Ok(output) => {
                return Self {
                    kind: Kind::Ok(echo(&output).unwrap_or_default().to_owned()),
                    text: format!("{output:?}"),
                };
            }
            Err(error) => error,
        };
        let kind = match &error {
            Error::Transport(transport) => match transport.kind() {
                TransportErrorKind::Connect => Kind::Connect,
                TransportErrorKind::Io => Kind::Io,
                TransportErrorKind::ResponseTooLarge => Kind::TooLarge,
                TransportErrorKind::MalformedResponse => Kind::Malformed,
                other => Kind::OtherTransport(format!("{other:?}")),
            },
            Error::Timeout(timeout) => Kind::Timeout(timeout.kind()),
            Error::Service(service) => Kind::Service {
                status: service.status(),
                code: service.err().code().map(str::to_owned),
            },
            Error::Response(response) => Kind::Response(response.status()),
            other => Kind::Other(format!("{other:?}")),
        };
        let text = format!("{} / {error:?}", DisplayChain(&error));
        Self { kind, text }
    }
}
