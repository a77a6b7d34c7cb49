//! A client of each JSON protocol for the `Ping` operation of `tests/models/faults.json`, and
//! one call of it.

use shapegen::Config;

mod rest {
    shapegen::generate! {
        spec: "../../tests/models/faults.json",
        service: "example.faults#RestFaults",
    }
}

mod json10 {
    shapegen::generate! {
        spec: "../../tests/models/faults.json",
        service: "example.faults#Json10Faults",
    }
}

mod json11 {
    shapegen::generate! {
        spec: "../../tests/models/faults.json",
        service: "example.faults#Json11Faults",
    }
}

/// Which protocol the callers speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    RestJson1,
    AwsJson10,
    AwsJson11,
}

impl Protocol {
    /// The protocol named `name` (`restJson1`, `awsJson1_0`, `awsJson1_1`).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "restJson1" => Some(Self::RestJson1),
            "awsJson1_0" => Some(Self::AwsJson10),
            "awsJson1_1" => Some(Self::AwsJson11),
            _ => None,
        }
    }
}

/// A client of one protocol's service.
#[derive(Clone)]
pub enum PingClient {
    Rest(rest::Client),
    Json10(json10::Client),
    Json11(json11::Client),
}

impl PingClient {
    /// A client of `protocol` with `config`.
    pub fn new(protocol: Protocol, config: Config) -> Self {
        match protocol {
            Protocol::RestJson1 => Self::Rest(rest::Client::new(config)),
            Protocol::AwsJson10 => Self::Json10(json10::Client::new(config)),
            Protocol::AwsJson11 => Self::Json11(json11::Client::new(config)),
        }
    }

    /// Sends `Ping` with `id`; returns the reply's `Echo`, or the error's text.
    pub async fn ping(&self, id: &str) -> Result<Option<String>, String> {
        let text =
            |error: &(dyn std::error::Error + 'static)| shapegen::DisplayChain(error).to_string();
        match self {
            Self::Rest(client) => match client.ping().id(id).send().await {
                Ok(output) => Ok(output.echo),
                Err(error) => Err(text(&error)),
            },
            Self::Json10(client) => match client.ping().id(id).send().await {
                Ok(output) => Ok(output.echo),
                Err(error) => Err(text(&error)),
            },
            Self::Json11(client) => match client.ping().id(id).send().await {
                Ok(output) => Ok(output.echo),
                Err(error) => Err(text(&error)),
            },
        }
    }
}
