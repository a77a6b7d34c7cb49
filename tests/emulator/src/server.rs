//! One moto server process on `127.0.0.1`.
//!
//! The server is `moto_launcher.py` (moto's own `ThreadedMotoServer`) run by the environment's
//! interpreter. It binds an ephemeral port itself and announces it on standard output, so no
//! port is guessed and none can be taken by another process in between. It serves until its
//! standard input closes: this process holds the only write end of that pipe, so the server
//! stops when the [`MotoServer`] is dropped and also when this process ends without dropping
//! it (a `static`, a panic, an abort, a kill).

use std::fmt;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::install::Installation;

/// The script that runs moto's server (beside this crate's `Cargo.toml`).
const LAUNCHER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/moto_launcher.py");

/// How long moto may take to import and bind (several seconds on a busy machine).
const ANNOUNCE_TIMEOUT: Duration = Duration::from_secs(90);

/// How long the announced server may take to answer HTTP.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(30);

/// A running moto server; dropping it stops the process.
#[derive(Debug)]
pub struct MotoServer {
    child: Child,
    /// The write end of the server's standard input: closing it stops the server.
    stdin: Option<ChildStdin>,
    address: SocketAddr,
}

impl MotoServer {
    /// Starts a server from `installation` and waits until it answers HTTP.
    pub fn start(installation: &Installation) -> Result<Self, StartError> {
        let mut child = Command::new(installation.python())
            .arg(LAUNCHER)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // moto's tracebacks (an error 500) show in the test output.
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(StartError::Spawn)?;
        let stdin = child.stdin.take();
        let announced = match child.stdout.take() {
            Some(stdout) => read_announcement(stdout, ANNOUNCE_TIMEOUT),
            None => Err(StartError::Announcement("no standard output".to_owned())),
        };
        let address = match announced {
            Ok(address) => address,
            Err(error) => {
                drop(stdin);
                let status = wait_for_exit(&mut child, Duration::from_secs(5));
                return Err(match (error, status) {
                    // The launcher failed: its status says more than its silence.
                    (StartError::Announcement(_), Some(status)) if !status.success() => {
                        StartError::Exited(status)
                    }
                    (error, _) => error,
                });
            }
        };
        let server = Self {
            child,
            stdin,
            address,
        };
        wait_until_answering(address, ANSWER_TIMEOUT)?;
        Ok(server)
    }

    /// The server's base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The server's address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The server process's id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A client configuration for this server in region `us-east-1` (see [`config_in`]).
    ///
    /// [`config_in`]: Self::config_in
    pub fn config(&self) -> shapegen::Config {
        self.config_in("us-east-1")
    }

    /// A client configuration for this server: the region (moto keeps each region's resources
    /// apart, so a test that lists everything can have a region to itself), moto's documented
    /// fake credentials (moto routes a request by its SigV4 scope, so requests must be
    /// signed), no endpoint host prefixes (the endpoint is an IP address), and few quick
    /// retries.
    pub fn config_in(&self, region: &str) -> shapegen::Config {
        shapegen::Config::builder()
            .endpoint_url(self.url())
            .region(region)
            .credentials(shapegen::Credentials::new("testing", "testing", None))
            .disable_host_prefix(true)
            .max_attempts(2)
            .initial_backoff(Duration::from_millis(10))
            .operation_timeout(Duration::from_secs(60))
            .build()
            .unwrap_or_else(|error| panic!("the emulator config is valid: {error}"))
    }

    /// Stops the server the way it stops when this process ends: closes its standard input
    /// and waits up to `grace` for it to exit by itself. Returns its exit status, or `None`
    /// when it had to be killed after `grace`.
    pub fn shutdown(mut self, grace: Duration) -> Option<ExitStatus> {
        self.stop(grace)
    }

    /// Closes the server's standard input (its signal to stop), waits up to `grace` for it to
    /// exit, then kills it; reaps it either way. Returns the status of a voluntary exit.
    fn stop(&mut self, grace: Duration) -> Option<ExitStatus> {
        drop(self.stdin.take());
        wait_for_exit(&mut self.child, grace)
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        self.stop(Duration::from_secs(2));
    }
}

/// Waits up to `grace` for a launcher process to exit, then kills it; reaps it either way.
/// Returns the status of a voluntary exit, `None` when it had to be killed.
fn wait_for_exit(child: &mut Child, grace: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + grace;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// Reads the launcher's `listening 127.0.0.1:PORT` line, waiting at most `timeout`.
///
/// A thread reads standard output (a pipe read cannot time out); it keeps draining the pipe
/// until the launcher exits, so the launcher never blocks on a full pipe.
fn read_announcement(
    stdout: impl Read + Send + 'static,
    timeout: Duration,
) -> Result<SocketAddr, StartError> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next();
        let _ = sender.send(first);
        lines.for_each(drop);
    });
    match receiver.recv_timeout(timeout) {
        Ok(Some(Ok(line))) => parse_announcement(&line),
        Ok(Some(Err(error))) => Err(StartError::Announcement(format!(
            "reading the launcher's output: {error}"
        ))),
        Ok(None) | Err(mpsc::RecvTimeoutError::Disconnected) => Err(StartError::Announcement(
            "the launcher closed its output without announcing a port".to_owned(),
        )),
        Err(mpsc::RecvTimeoutError::Timeout) => Err(StartError::Timeout {
            waiting_for: "the launcher to announce its port",
            after: timeout,
        }),
    }
}

/// Parses `listening 127.0.0.1:PORT` into a loopback address.
fn parse_announcement(line: &str) -> Result<SocketAddr, StartError> {
    let address = line
        .trim()
        .strip_prefix("listening ")
        .and_then(|address| address.parse::<SocketAddr>().ok())
        .filter(|address| address.ip().is_loopback() && address.port() != 0);
    address.ok_or_else(|| {
        StartError::Announcement(format!(
            "expected `listening 127.0.0.1:PORT`, got {:?}",
            line.chars().take(120).collect::<String>()
        ))
    })
}

/// Polls `GET /moto-api/` until the server answers with any HTTP status line.
fn wait_until_answering(address: SocketAddr, timeout: Duration) -> Result<(), StartError> {
    let deadline = Instant::now() + timeout;
    loop {
        if answers_http(address) {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(StartError::Timeout {
                waiting_for: "the server to answer HTTP",
                after: timeout,
            });
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Whether one `GET /moto-api/` on a fresh connection is answered with an HTTP status line.
fn answers_http(address: SocketAddr) -> bool {
    let attempt = || -> std::io::Result<bool> {
        let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2))?;
        stream.set_read_timeout(Some(Duration::from_secs(5)))?;
        stream.set_write_timeout(Some(Duration::from_secs(5)))?;
        write!(
            stream,
            "GET /moto-api/ HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )?;
        let mut head = [0u8; 8];
        stream.read_exact(&mut head)?;
        Ok(head.starts_with(b"HTTP/1."))
    };
    attempt().unwrap_or(false)
}

/// Why a moto server could not be started.
#[derive(Debug)]
pub enum StartError {
    /// The interpreter could not be run.
    Spawn(std::io::Error),
    /// The launcher exited before announcing a port (its error is on standard error).
    Exited(ExitStatus),
    /// The launcher's announcement was missing or malformed.
    Announcement(String),
    /// Something did not happen in time.
    Timeout {
        /// What was awaited.
        waiting_for: &'static str,
        /// How long it was awaited.
        after: Duration,
    },
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Spawn(error) => write!(f, "cannot run the environment's Python: {error}"),
            Self::Exited(status) => write!(
                f,
                "moto's launcher exited ({status}) before announcing a port; its error is above"
            ),
            Self::Announcement(problem) => write!(f, "moto's launcher: {problem}"),
            Self::Timeout { waiting_for, after } => {
                write!(f, "timed out after {after:?} waiting for {waiting_for}")
            }
        }
    }
}

impl std::error::Error for StartError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announcements_name_a_loopback_port() {
        let address = parse_announcement("listening 127.0.0.1:41234\n").unwrap();
        assert_eq!(address, "127.0.0.1:41234".parse().unwrap());
        for bad in [
            "",
            "listening",
            "listening 127.0.0.1",
            "listening 127.0.0.1:0",
            "listening 10.0.0.1:5000",
            "Running on http://127.0.0.1:5000",
        ] {
            assert!(
                matches!(parse_announcement(bad), Err(StartError::Announcement(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_silent_launcher_times_out_and_a_closed_one_is_reported() {
        struct Silent;
        impl Read for Silent {
            fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
                std::thread::sleep(Duration::from_secs(5));
                Ok(0)
            }
        }
        let error = read_announcement(Silent, Duration::from_millis(50)).unwrap_err();
        assert!(matches!(error, StartError::Timeout { .. }), "{error}");
        let error = read_announcement(std::io::empty(), Duration::from_secs(5)).unwrap_err();
        assert!(matches!(error, StartError::Announcement(_)), "{error}");
    }

    /// Starts a fake launcher. A script just written may be "busy" (ETXTBSY) for a moment when
    /// another test thread forks while the file is still open for writing; that is retried.
    #[cfg(unix)]
    fn start_fake(installation: &Installation) -> Result<MotoServer, StartError> {
        const TEXT_FILE_BUSY: i32 = 26;
        for _ in 0..100 {
            match MotoServer::start(installation) {
                Err(StartError::Spawn(error)) if error.raw_os_error() == Some(TEXT_FILE_BUSY) => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => return other,
            }
        }
        MotoServer::start(installation)
    }

    /// A virtual environment whose `python` is the shell script `script` (which ignores the
    /// launcher path it is given), installed as far as [`Installation::at`] can tell.
    #[cfg(unix)]
    fn fake_installation(name: &str, script: &str) -> (std::path::PathBuf, Installation) {
        use std::os::unix::fs::PermissionsExt;
        let venv =
            std::env::temp_dir().join(format!("shapegen-emulator-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&venv);
        std::fs::create_dir_all(venv.join("bin")).unwrap();
        let python = venv.join("bin").join("python");
        std::fs::write(&python, format!("#!/bin/sh\n{script}\n")).unwrap();
        std::fs::set_permissions(&python, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::write(
            venv.join("shapegen-moto-requirements.txt"),
            crate::install::REQUIREMENTS,
        )
        .unwrap();
        let installation = Installation::at(&venv).unwrap();
        (venv, installation)
    }

    #[cfg(unix)]
    #[test]
    fn a_launcher_that_fails_is_reported_with_its_status() {
        let (venv, installation) = fake_installation("fails", "exit 7");
        let error = start_fake(&installation).unwrap_err();
        match &error {
            StartError::Exited(status) => assert_eq!(status.code(), Some(7)),
            other => panic!("expected Exited, got {other}"),
        }
        std::fs::remove_dir_all(venv).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_launcher_that_announces_nonsense_is_stopped() {
        // Prints a wrong line, then waits for its input to close, as the real launcher does.
        let (venv, installation) = fake_installation(
            "nonsense",
            "echo 'Running on http://127.0.0.1:5000'; cat >/dev/null",
        );
        let started = Instant::now();
        let error = start_fake(&installation).unwrap_err();
        assert!(matches!(error, StartError::Announcement(_)), "{error}");
        assert!(error.to_string().contains("Running on"), "{error}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        std::fs::remove_dir_all(venv).unwrap();
    }

    #[test]
    fn a_port_where_nothing_listens_does_not_answer() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        drop(listener);
        let error = wait_until_answering(address, Duration::from_millis(200)).unwrap_err();
        assert!(matches!(error, StartError::Timeout { .. }), "{error}");
    }
}
