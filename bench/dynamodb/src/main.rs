//! shapegen vs the official `aws-sdk-dynamodb` on DynamoDB's awsJson1_0 protocol: `GetItem`
//! and a 25-item `Query` page against one endpoint serving canned replies (on loopback, or
//! inside each client process with `--transport memory`), interleaved, each repetition of
//! each client in a fresh process.
//!
//! ```text
//! cargo run --release -p shapegen-bench-dynamodb -- [--repetitions 7] [--transport memory] [--help]
//! ```
//!
//! The same binary is the endpoint (`server`) and each measured client (`client`). Without
//! `../shared/models/aws/dynamodb.json` it prints a notice and exits.

#[cfg(dynamodb_model)]
mod cli;
#[cfg(dynamodb_model)]
mod clients;
#[cfg(dynamodb_model)]
mod endpoint;
#[cfg(dynamodb_model)]
mod orchestrate;
#[cfg(dynamodb_model)]
mod report;
#[cfg(dynamodb_model)]
mod server;
#[cfg(dynamodb_model)]
mod worker;
#[cfg(dynamodb_model)]
mod workload;

#[cfg(dynamodb_model)]
fn main() {
    use cli::Command;

    let result = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{}", cli::USAGE);
            Ok(())
        }
        Ok(Command::Run(options)) => orchestrate::run(&options),
        Ok(Command::Server { page }) => server::run(page),
        Ok(Command::Client(job)) => worker::run(&job),
        Err(message) => Err(format!("{message}\n\n{}", cli::USAGE)),
    };
    if let Err(message) = result {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}

#[cfg(not(dynamodb_model))]
fn main() {
    eprintln!("notice: skipped: the DynamoDB benchmark needs ../shared/models/aws/dynamodb.json");
}
