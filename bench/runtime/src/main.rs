//! shapegen, the official AWS SDK and a bare hyper client calling `BatchCreateAttendee` on one
//! loopback endpoint, interleaved, each repetition of each client in a fresh process.
//!
//! ```text
//! cargo run --release -p shapegen-bench-runtime -- [--repetitions 5] [--help]
//! ```
//!
//! The same binary is the endpoint (`server`) and each measured client (`client`): the
//! orchestrator re-executes itself, so client CPU and peak RSS are the client process's own.

mod cli;
mod clients;
mod orchestrate;
mod report;
mod server;
mod worker;

use cli::Command;

fn main() {
    let result = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{}", cli::USAGE);
            Ok(())
        }
        Ok(Command::Run(options)) => orchestrate::run(&options),
        Ok(Command::Server { threads }) => server::run(threads),
        Ok(Command::Client(job)) => worker::run(&job),
        Err(message) => Err(format!("{message}\n\n{}", cli::USAGE)),
    };
    if let Err(message) = result {
        eprintln!("error: {message}");
        std::process::exit(1);
    }
}
