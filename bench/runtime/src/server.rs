//! The `server` subcommand: the loopback endpoint in its own process.

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
    shapegen_bench_harness::server::run(runtime, shapegen_bench_loopback::serve)
}
