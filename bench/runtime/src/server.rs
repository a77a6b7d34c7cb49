//! The `server` subcommand: the loopback endpoint in its own process.

use std::io::{Read, Write};

use tokio::net::TcpListener;

/// Serves on an ephemeral 127.0.0.1 port, printed as `PORT <port>`, until stdin closes.
///
/// One thread runs a current_thread runtime; more run a multi-thread runtime.
pub fn run(threads: usize) -> Result<(), String> {
    let runtime = if threads == 1 {
        tokio::runtime::Builder::new_current_thread()
    } else {
        let mut builder = tokio::runtime::Builder::new_multi_thread();
        builder.worker_threads(threads);
        builder
    }
    .enable_all()
    .build()
    .map_err(|error| format!("cannot start the server's runtime: {error}"))?;
    let listener = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.set_nonblocking(true).map(|()| listener))
        .map_err(|error| format!("cannot listen on 127.0.0.1: {error}"))?;
    let port = listener
        .local_addr()
        .map_err(|error| error.to_string())?
        .port();
    // The orchestrator holds our stdin: when it closes (it is done, or died), stop.
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
        shapegen_bench_loopback::serve(listener).await;
        Ok(())
    })
}
