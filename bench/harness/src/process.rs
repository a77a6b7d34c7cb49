//! The child processes of a bench binary: the endpoint, started once, and each measured
//! client run, a fresh process that prints its [`Measurement`] as the last line of stdout.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};

use crate::measure::Measurement;

/// Runs this program (`exe`) with `args` as a client and reads its measurement; `what` names
/// the run in errors.
pub fn run_client(exe: &Path, args: Vec<String>, what: &str) -> Result<Measurement, String> {
    let output = Command::new(exe)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot start {what}: {error}"))?;
    if !output.status.success() {
        return Err(format!("{what} failed ({})", output.status));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(line).map_err(|error| format!("{what} printed `{line}`: {error}"))
}

/// The endpoint's process. Dropping it closes its stdin, which stops it.
pub struct ServerProcess {
    child: Child,
    stdin: Option<ChildStdin>,
    port: u16,
}

impl ServerProcess {
    /// Starts this program (`exe`) with `args` as the endpoint and waits for the line
    /// `PORT <port>` it prints once it listens on 127.0.0.1.
    pub fn start(exe: &Path, args: &[String]) -> Result<Self, String> {
        let mut child = Command::new(exe)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|error| format!("cannot start the server: {error}"))?;
        let stdin = child.stdin.take();
        let mut line = String::new();
        if let Some(stdout) = child.stdout.take() {
            // Reading stops at the first line; the server prints nothing else.
            let _ = BufReader::new(stdout).read_line(&mut line);
        }
        match line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
        {
            Some(port) => Ok(Self { child, stdin, port }),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                Err(format!(
                    "the server did not announce its port (`{}`)",
                    line.trim()
                ))
            }
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.wait();
    }
}
