//! The endpoint process: serves on an ephemeral 127.0.0.1 port, announced on stdout as
//! `PORT <port>`, until the orchestrator closes its stdin.

use std::future::Future;
use std::io::{Read, Write};

use tokio::net::TcpListener;
use tokio::runtime::Runtime;

/// Binds 127.0.0.1:0, announces the port, and runs `serve` on `runtime` with the listener.
/// The process exits when stdin closes (the orchestrator is done, or died).
pub fn run<F, Fut>(runtime: Runtime, serve: F) -> Result<(), String>
where
    F: FnOnce(TcpListener) -> Fut,
    Fut: Future<Output = ()>,
{
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.set_nonblocking(true).map(|()| listener))
        .map_err(|error| format!("cannot listen on 127.0.0.1: {error}"))?;
    let port = listener
        .local_addr()
        .map_err(|error| error.to_string())?
        .port();
    std::thread::spawn(|| {
        let mut sink = [0u8; 64];
        let mut stdin = std::io::stdin();
        while matches!(stdin.read(&mut sink), Ok(n) if n > 0) {}
        std::process::exit(0);
    });
    runtime.block_on(async move {
        let listener = TcpListener::from_std(listener)
            .map_err(|error| format!("cannot register the listener: {error}"))?;
        let mut stdout = std::io::stdout();
        writeln!(stdout, "PORT {port}")
            .and_then(|()| stdout.flush())
            .map_err(|error| format!("cannot announce the port: {error}"))?;
        serve(listener).await;
        Ok(())
    })
}
