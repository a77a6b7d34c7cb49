//! The fault matrix (issue 13): every way a server or the network can fail a call, against a
//! client of each JSON protocol (restJson1, awsJson1_0, awsJson1_1, all from
//! `tests/models/faults.json`).
//!
//! Each row scripts one fault on a loopback server and states the typed error (or success) the
//! call must end with, how many attempts the server must have seen, and how long the call may
//! take. Every row also checks that the call neither panics nor hangs, that no request reached
//! a redirect's `Location`, and that the next call on the same client succeeds. All rows of all
//! protocols run concurrently; failures are collected and reported together, each with its
//! protocol and row name. `FAULT_MATRIX_SHOW=1` prints every row's error text.

use std::net::Ipv4Addr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use common::{AnyClient, Kind, Outcome, PROTOCOLS, Protocol, ok, service};
use shapegen::{
    Config, ConfigBuilder, Credentials, HttpClient, HttpFuture, HyperClient, TimeoutKind,
};
use shapegen_tests::RawServer;
use shapegen_tests::raw::{read_request, write_all};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::task::JoinSet;

mod common;

/// Longer than any row may take: a call still running after this is reported as a hang.
const HANG_LIMIT: Duration = Duration::from_secs(10);

/// How long the server may take to read requests a client wrote before its call returned.
const SETTLE_GRACE: Duration = Duration::from_secs(1);

/// The body of every good reply, and the `Echo` it carries.
const OK_BODY: &str = r#"{"Echo":"pong"}"#;
const OK_ECHO: &str = "pong";

/// A good reply: `200` with [`OK_BODY`].
fn ok_reply() -> String {
    format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{OK_BODY}",
        OK_BODY.len()
    )
}

/// What a misbehaving server does with a request it has read.
#[derive(Clone, Copy, Debug)]
enum Fault {
    /// Nothing listens on the port (no server during the faulty call).
    Refused,
    /// Sends the head and part of the body, then resets the connection (RST).
    ResetMidBody,
    /// Sends nothing until the client hangs up.
    Silent,
    /// Waits this long, then answers well.
    SlowHeaders(Duration),
    /// Sends the head, then the body one byte per `gap`.
    Trickle { gap: Duration },
    /// Announces 100 bytes, sends 8, then closes (FIN).
    Truncated,
    /// A `502` with an HTML page, as a proxy sends.
    HtmlPage,
    /// A `503` with a plain-text body.
    Unavailable,
    /// A `429` with a modeled throttling error, with or without `Retry-After`.
    Throttled { retry_after: Option<&'static str> },
    /// Announces a body of 300 MB (over the 1 MiB limit), then stalls.
    AnnouncedTooLarge,
    /// A chunked body that never ends.
    EndlessBody,
    /// Answers well, then closes the kept-alive connection.
    CloseAfterReply,
    /// A redirect with this status to another server.
    Redirect(u16),
    /// A status line that is not HTTP.
    MalformedStatus,
    /// A header line without a colon.
    MalformedHeader,
    /// A head of 150 headers, over the HTTP client's limit of 100.
    TooManyHeaders,
    /// Not HTTP at all (an SSH server's banner).
    NotHttp,
    /// A chunked body whose chunk size is not hexadecimal.
    BadChunkSize,
    /// `100 Continue` and `103 Early Hints` before a good reply.
    Informational,
    /// A good reply in chunks, with a trailer.
    ChunkedTrailers,
}

/// Whether a connection stays open after a fault.
#[derive(PartialEq, Eq)]
enum After {
    KeepOpen,
    Close,
}

impl Fault {
    /// Answers one request on `stream` the faulty way; `location` is where redirects point.
    async fn misbehave(self, stream: &mut TcpStream, location: &str) -> After {
        match self {
            Fault::Refused => After::Close,
            Fault::ResetMidBody => {
                write_all(
                    stream,
                    b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"Echo\":",
                )
                .await;
                // Linger 0: closing sends RST instead of FIN.
                let _ = stream.set_zero_linger();
                After::Close
            }
            Fault::Silent => {
                wait_for_hang_up(stream).await;
                After::Close
            }
            Fault::SlowHeaders(delay) => {
                tokio::time::sleep(delay).await;
                write_all(stream, ok_reply().as_bytes()).await;
                After::KeepOpen
            }
            Fault::Trickle { gap } => {
                let body = format!("{:>64}", OK_BODY);
                write_all(
                    stream,
                    format!("HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n", body.len()).as_bytes(),
                )
                .await;
                for byte in body.bytes() {
                    tokio::time::sleep(gap).await;
                    if stream.write_all(&[byte]).await.is_err() {
                        break;
                    }
                }
                After::Close
            }
            Fault::Truncated => {
                write_all(
                    stream,
                    b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{\"Echo\":",
                )
                .await;
                let _ = stream.shutdown().await;
                After::Close
            }
            Fault::HtmlPage => {
                let page = "<html><head><title>502 Bad Gateway</title></head>\
                            <body><h1>502 Bad Gateway</h1></body></html>";
                let reply = format!(
                    "HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/html\r\ncontent-length: {}\r\n\r\n{page}",
                    page.len()
                );
                write_all(stream, reply.as_bytes()).await;
                After::KeepOpen
            }
            Fault::Unavailable => {
                write_all(
                    stream,
                    b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain\r\n\
                      content-length: 19\r\n\r\nService Unavailable",
                )
                .await;
                After::KeepOpen
            }
            Fault::Throttled { retry_after } => {
                let body = r#"{"__type":"ThrottledException","message":"slow down"}"#;
                let header = retry_after
                    .map(|value| format!("retry-after: {value}\r\n"))
                    .unwrap_or_default();
                let reply = format!(
                    "HTTP/1.1 429 Too Many Requests\r\ncontent-type: application/json\r\n\
                     x-amzn-errortype: ThrottledException\r\n{header}content-length: {}\r\n\r\n{body}",
                    body.len()
                );
                write_all(stream, reply.as_bytes()).await;
                After::KeepOpen
            }
            Fault::AnnouncedTooLarge => {
                write_all(
                    stream,
                    b"HTTP/1.1 200 OK\r\ncontent-length: 300000000\r\n\r\n{\"Echo\":",
                )
                .await;
                wait_for_hang_up(stream).await;
                After::Close
            }
            Fault::EndlessBody => {
                write_all(
                    stream,
                    b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n",
                )
                .await;
                let chunk = format!("10000\r\n{}\r\n", " ".repeat(0x10000));
                while stream.write_all(chunk.as_bytes()).await.is_ok() {}
                After::Close
            }
            Fault::CloseAfterReply => {
                write_all(stream, ok_reply().as_bytes()).await;
                let _ = stream.shutdown().await;
                After::Close
            }
            Fault::Redirect(status) => {
                let reply = format!(
                    "HTTP/1.1 {status} Moved\r\nlocation: {location}/ping\r\ncontent-length: 0\r\n\r\n"
                );
                write_all(stream, reply.as_bytes()).await;
                After::KeepOpen
            }
            Fault::MalformedStatus => {
                let reply = format!(
                    "HTTP/1.1 two-hundred OK\r\ncontent-length: {}\r\n\r\n{OK_BODY}",
                    OK_BODY.len()
                );
                write_all(stream, reply.as_bytes()).await;
                After::Close
            }
            Fault::MalformedHeader => {
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nthis line has no colon\r\n\r\n{OK_BODY}",
                    OK_BODY.len()
                );
                write_all(stream, reply.as_bytes()).await;
                After::Close
            }
            Fault::TooManyHeaders => {
                let headers: String = (0..150).map(|i| format!("x-filler-{i}: {i}\r\n")).collect();
                let reply = format!(
                    "HTTP/1.1 200 OK\r\n{headers}content-length: {}\r\n\r\n{OK_BODY}",
                    OK_BODY.len()
                );
                write_all(stream, reply.as_bytes()).await;
                After::Close
            }
            Fault::NotHttp => {
                write_all(stream, b"SSH-2.0-OpenSSH_9.6\r\n").await;
                wait_for_hang_up(stream).await;
                After::Close
            }
            Fault::BadChunkSize => {
                write_all(
                    stream,
                    b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
                )
                .await;
                After::Close
            }
            Fault::Informational => {
                let reply = format!(
                    "HTTP/1.1 100 Continue\r\n\r\n\
                     HTTP/1.1 103 Early Hints\r\nlink: </style.css>; rel=preload\r\n\r\n{}",
                    ok_reply()
                );
                write_all(stream, reply.as_bytes()).await;
                After::KeepOpen
            }
            Fault::ChunkedTrailers => {
                write_all(
                    stream,
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                      transfer-encoding: chunked\r\ntrailer: x-checksum\r\n\r\n\
                      8\r\n{\"Echo\":\r\n9\r\n\"chunked\"\r\n1\r\n}\r\n0\r\nx-checksum: 5d41\r\n\r\n",
                )
                .await;
                After::KeepOpen
            }
        }
    }
}

/// Returns once the client closes `stream` (or after [`HANG_LIMIT`]), reading what it sends.
async fn wait_for_hang_up(stream: &mut TcpStream) {
    let mut sink = [0u8; 1024];
    let _ = tokio::time::timeout(HANG_LIMIT, async {
        while matches!(stream.read(&mut sink).await, Ok(read) if read > 0) {}
    })
    .await;
}

/// What a [`FaultServer`] has seen.
#[derive(Default)]
struct Counters {
    faulty: AtomicBool,
    faulted_requests: AtomicUsize,
}

/// A loopback server that answers well, or with its fault while switched to faulty; it
/// counts the requests it answered the faulty way.
struct FaultServer {
    raw: RawServer,
    counters: Arc<Counters>,
    /// Where redirects point; it must never see a request.
    location: RawServer,
}

impl FaultServer {
    /// Serves `listener` (by default a fresh ephemeral port).
    async fn start(listener: Option<TcpListener>, fault: Fault) -> Self {
        let location = RawServer::start(|mut stream| async move {
            if read_request(&mut stream).await.is_some() {
                write_all(&mut stream, ok_reply().as_bytes()).await;
            }
        })
        .await;
        let location_url = Arc::new(location.url());
        let counters = Arc::new(Counters::default());
        let shared = Arc::clone(&counters);
        let handler = move |stream| {
            serve(
                stream,
                Arc::clone(&shared),
                fault,
                Arc::clone(&location_url),
            )
        };
        let raw = match listener {
            Some(listener) => RawServer::serve(listener, handler),
            None => RawServer::start(handler).await,
        };
        Self {
            raw,
            counters,
            location,
        }
    }

    fn set_faulty(&self, faulty: bool) {
        self.counters.faulty.store(faulty, Ordering::SeqCst);
    }

    fn faulted_requests(&self) -> usize {
        self.counters.faulted_requests.load(Ordering::SeqCst)
    }

    /// The faulty requests seen, once `expected` have arrived or after a grace period: a
    /// request the client wrote just before giving up may still be in the server's socket
    /// buffer when the call returns (on a busy machine).
    async fn settled_faulted_requests(&self, expected: usize) -> usize {
        let deadline = Instant::now() + SETTLE_GRACE;
        while self.faulted_requests() < expected && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        self.faulted_requests()
    }
}

/// Serves one connection: every request is answered well, or the faulty way while switched
/// to faulty.
async fn serve(
    mut stream: TcpStream,
    counters: Arc<Counters>,
    fault: Fault,
    location: Arc<String>,
) {
    while read_request(&mut stream).await.is_some() {
        if !counters.faulty.load(Ordering::SeqCst) {
            write_all(&mut stream, ok_reply().as_bytes()).await;
            continue;
        }
        counters.faulted_requests.fetch_add(1, Ordering::SeqCst);
        if fault.misbehave(&mut stream, &location).await == After::Close {
            return;
        }
    }
}

/// The default HTTP client (as a config without one uses), counting the attempts it is given.
struct CountingClient {
    inner: HyperClient,
    attempts: Arc<AtomicUsize>,
}

impl HttpClient for CountingClient {
    fn call(&self, request: http::Request<Bytes>) -> HttpFuture<'_> {
        self.attempts.fetch_add(1, Ordering::SeqCst);
        self.inner.call(request)
    }
}

/// One row of the matrix.
struct Row {
    name: &'static str,
    fault: Fault,
    /// Make a good call first, so the fault meets a pooled (kept-alive) connection.
    prime: bool,
    /// Settings on top of [`base_config`].
    settings: fn(ConfigBuilder) -> ConfigBuilder,
    /// How the faulty call must end.
    expect: Kind,
    /// Attempts the client must have made, and the server answered the faulty way.
    attempts: usize,
    /// Whether an attempt may time out before its request reaches the server (on a busy
    /// machine), so the server may see fewer (never more).
    may_cut_attempts: bool,
    /// Bounds on the faulty call's duration.
    min_elapsed: Duration,
    max_elapsed: Duration,
    /// A further check of what was observed.
    check: Option<Check>,
}

/// A row's own check of what it observed: `Err` says what is wrong.
type Check = fn(&Observed) -> Result<(), String>;

/// What one row observed.
struct Observed {
    /// Connections the server accepted by the end of the faulty call.
    connections_after_fault: usize,
    /// Connections the server accepted by the end of the next call.
    connections_at_end: usize,
}

/// The settings every row starts from: three attempts with millisecond backoff, signed, a
/// 1 MiB reply limit and timeouts far from the rows' own.
fn base_config(url: &str) -> ConfigBuilder {
    Config::builder()
        .endpoint_url(url)
        .region("us-east-1")
        .credentials(Credentials::new(
            "AKIDFAULTMATRIX",
            "fault-matrix-secret",
            None,
        ))
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(20))
        .connect_timeout(Some(Duration::from_millis(500)))
        .read_timeout(Some(Duration::from_secs(2)))
        .max_response_body_size(1024 * 1024)
}

fn ms(millis: u64) -> Duration {
    Duration::from_millis(millis)
}

fn unchanged(builder: ConfigBuilder) -> ConfigBuilder {
    builder
}

fn rows() -> Vec<Row> {
    let row = |name, fault, expect, attempts| Row {
        name,
        fault,
        prime: false,
        settings: unchanged,
        expect,
        attempts,
        may_cut_attempts: false,
        min_elapsed: Duration::ZERO,
        max_elapsed: ms(1500),
        check: None,
    };
    vec![
        row("connection refused", Fault::Refused, Kind::Connect, 3),
        Row {
            prime: true,
            ..row(
                "connection reset mid-body",
                Fault::ResetMidBody,
                Kind::Io,
                3,
            )
        },
        Row {
            // A busy machine may cut an attempt before its request is written.
            may_cut_attempts: true,
            settings: |b| b.attempt_timeout(ms(100)).read_timeout(None),
            min_elapsed: ms(300),
            max_elapsed: ms(2500),
            ..row(
                "never answers: attempt timeout",
                Fault::Silent,
                Kind::Timeout(TimeoutKind::Attempt),
                3,
            )
        },
        Row {
            // A busy machine may cut an attempt before its request is written.
            may_cut_attempts: true,
            settings: |b| b.operation_timeout(ms(400)).read_timeout(None),
            min_elapsed: ms(400),
            max_elapsed: ms(2000),
            ..row(
                "never answers: operation timeout",
                Fault::Silent,
                Kind::Timeout(TimeoutKind::Operation),
                1,
            )
        },
        Row {
            // A busy machine may cut an attempt before its request is written.
            may_cut_attempts: true,
            // The defaults: no attempt or operation timeout, only the read timeout (60 s by
            // default, see `default_timeouts_bound_a_silent_server`), shortened here.
            settings: |b| b.read_timeout(Some(ms(150))),
            min_elapsed: ms(450),
            max_elapsed: ms(2500),
            ..row(
                "never answers: default timeouts (read timeout shortened)",
                Fault::Silent,
                Kind::Timeout(TimeoutKind::Read),
                3,
            )
        },
        Row {
            settings: |b| b.read_timeout(Some(ms(1000))),
            min_elapsed: ms(100),
            ..row(
                "slow headers within the read timeout",
                Fault::SlowHeaders(ms(100)),
                ok(OK_ECHO),
                1,
            )
        },
        Row {
            // A busy machine may cut an attempt before its request is written.
            may_cut_attempts: true,
            settings: |b| b.read_timeout(Some(ms(100))),
            min_elapsed: ms(300),
            max_elapsed: ms(2500),
            ..row(
                "slow headers past the read timeout",
                Fault::SlowHeaders(ms(1000)),
                Kind::Timeout(TimeoutKind::Read),
                3,
            )
        },
        Row {
            // A busy machine may cut an attempt before its request is written.
            may_cut_attempts: true,
            settings: |b| b.attempt_timeout(ms(150)).read_timeout(Some(ms(1000))),
            min_elapsed: ms(450),
            max_elapsed: ms(3000),
            ..row(
                "slow body (trickle) past the attempt timeout",
                Fault::Trickle { gap: ms(20) },
                Kind::Timeout(TimeoutKind::Attempt),
                3,
            )
        },
        Row {
            // A busy machine may cut an attempt before its request is written.
            may_cut_attempts: true,
            settings: |b| b.read_timeout(Some(ms(100))),
            min_elapsed: ms(300),
            max_elapsed: ms(3000),
            ..row(
                "slow body (trickle) past the read timeout",
                Fault::Trickle { gap: ms(400) },
                Kind::Timeout(TimeoutKind::Read),
                3,
            )
        },
        row(
            "truncated body (content-length larger than sent, then FIN)",
            Fault::Truncated,
            Kind::Io,
            3,
        ),
        row("HTML 502 page", Fault::HtmlPage, service(502, None), 3),
        Row {
            settings: |b| b.max_attempts(4),
            ..row(
                "always 503: retries exhausted at max_attempts (4)",
                Fault::Unavailable,
                service(503, None),
                4,
            )
        },
        Row {
            settings: |b| b.max_backoff(ms(150)),
            // Two waits of `Retry-After: 1` capped at `max_backoff`.
            min_elapsed: ms(300),
            max_elapsed: ms(2500),
            ..row(
                "429 with Retry-After (capped by max_backoff)",
                Fault::Throttled {
                    retry_after: Some("1"),
                },
                service(429, Some("ThrottledException")),
                3,
            )
        },
        Row {
            settings: |b| b.max_backoff(ms(150)),
            ..row(
                "429 without Retry-After",
                Fault::Throttled { retry_after: None },
                service(429, Some("ThrottledException")),
                3,
            )
        },
        row(
            "announced content-length over the reply limit",
            Fault::AnnouncedTooLarge,
            Kind::TooLarge,
            1,
        ),
        Row {
            max_elapsed: ms(3000),
            ..row(
                "endless chunked body over the reply limit",
                Fault::EndlessBody,
                Kind::TooLarge,
                1,
            )
        },
        Row {
            prime: true,
            check: Some(|observed| {
                if observed.connections_after_fault != 1 {
                    return Err(format!(
                        "the primed call's connection was not reused: {} connections",
                        observed.connections_after_fault
                    ));
                }
                if observed.connections_at_end != 2 {
                    return Err(format!(
                        "expected one new connection after the server closed the kept-alive \
                         one, the server accepted {} in all",
                        observed.connections_at_end
                    ));
                }
                Ok(())
            }),
            ..row(
                "keep-alive connection closed by the server between calls",
                Fault::CloseAfterReply,
                ok(OK_ECHO),
                1,
            )
        },
        row(
            "307 redirect not followed",
            Fault::Redirect(307),
            service(307, None),
            1,
        ),
        row(
            "301 redirect not followed",
            Fault::Redirect(301),
            service(301, None),
            1,
        ),
        row(
            "malformed status line",
            Fault::MalformedStatus,
            Kind::Malformed,
            1,
        ),
        row(
            "malformed header line",
            Fault::MalformedHeader,
            Kind::Malformed,
            1,
        ),
        row(
            "head over the client's limit (150 headers)",
            Fault::TooManyHeaders,
            Kind::Malformed,
            1,
        ),
        row(
            "not HTTP at all (SSH banner)",
            Fault::NotHttp,
            Kind::Malformed,
            1,
        ),
        row(
            "chunked body with an invalid chunk size",
            Fault::BadChunkSize,
            Kind::Io,
            3,
        ),
        row(
            "1xx informational replies before the final one",
            Fault::Informational,
            ok(OK_ECHO),
            1,
        ),
        row(
            "chunked body with trailers",
            Fault::ChunkedTrailers,
            ok("chunked"),
            1,
        ),
    ]
}

/// A socket bound to an ephemeral 127.0.0.1 port, not listening.
fn bound_socket() -> std::io::Result<TcpSocket> {
    let socket = TcpSocket::new_v4()?;
    socket.bind((Ipv4Addr::LOCALHOST, 0).into())?;
    Ok(socket)
}

/// Calls `Ping` in a task of its own, so a panic or a hang is reported instead of aborting
/// the test.
async fn guarded_ping(client: &AnyClient) -> Result<(Outcome, Duration), String> {
    let client = client.clone();
    let started = Instant::now();
    let task = tokio::spawn(async move { client.ping("p-1").await });
    match tokio::time::timeout(HANG_LIMIT, task).await {
        Err(_) => Err(format!("the call hung for over {HANG_LIMIT:?}")),
        Ok(Err(join)) if join.is_panic() => Err(format!("the call panicked: {join}")),
        Ok(Err(join)) => Err(format!("the call's task failed: {join}")),
        Ok(Ok(outcome)) => Ok((outcome, started.elapsed())),
    }
}

/// Runs one row against one protocol; returns every way it failed.
async fn run_row(protocol: Protocol, row: Row) -> Vec<String> {
    let mut failures = Vec::new();
    // For `Refused`, a socket bound to a port but not listening: connections are refused,
    // and no other test can take the port before this row listens on it to heal.
    let mut unheard = None;
    let (url, mut server) = if matches!(row.fault, Fault::Refused) {
        let socket = match bound_socket() {
            Ok(socket) => socket,
            Err(error) => return vec![format!("cannot bind a loopback socket: {error}")],
        };
        let url = match socket.local_addr() {
            Ok(address) => format!("http://{address}"),
            Err(error) => return vec![format!("the bound socket has no address: {error}")],
        };
        unheard = Some(socket);
        (url, None)
    } else {
        let server = FaultServer::start(None, row.fault).await;
        (server.raw.url(), Some(server))
    };
    let attempts = Arc::new(AtomicUsize::new(0));
    let http = CountingClient {
        inner: HyperClient::new(
            base_config(&url)
                .build()
                .ok()
                .and_then(|c| c.connect_timeout()),
        ),
        attempts: Arc::clone(&attempts),
    };
    let config = match (row.settings)(base_config(&url)).http_client(http).build() {
        Ok(config) => config,
        Err(error) => return vec![format!("the row's config is invalid: {error}")],
    };
    let client = AnyClient::new(protocol, config);
    if row.prime {
        match guarded_ping(&client).await {
            Ok((outcome, _)) if outcome.kind == ok(OK_ECHO) => {}
            Ok((outcome, _)) => failures.push(format!("the priming call failed: {}", outcome.text)),
            Err(problem) => failures.push(format!("the priming call: {problem}")),
        }
    }
    if let Some(server) = &server {
        server.set_faulty(true);
    }
    let attempts_before = attempts.load(Ordering::SeqCst);
    match guarded_ping(&client).await {
        Err(problem) => failures.push(problem),
        Ok((outcome, elapsed)) => {
            if std::env::var_os("FAULT_MATRIX_SHOW").is_some() {
                eprintln!("{:?} {}: {}", protocol, row.name, outcome.text);
            }
            if outcome.kind != row.expect {
                failures.push(format!(
                    "ended as {:?}, expected {:?} ({})",
                    outcome.kind, row.expect, outcome.text
                ));
            }
            if !(row.min_elapsed..=row.max_elapsed).contains(&elapsed) {
                failures.push(format!(
                    "took {elapsed:?}, expected {:?} to {:?}",
                    row.min_elapsed, row.max_elapsed
                ));
            }
            if !outcome.text.is_empty() && outcome.text.trim().is_empty() {
                failures.push("the error's text is blank".to_owned());
            }
        }
    }
    let made = attempts.load(Ordering::SeqCst) - attempts_before;
    if made != row.attempts {
        failures.push(format!(
            "the client made {made} attempts, expected {}",
            row.attempts
        ));
    }
    let faulted = match &server {
        Some(server) => server.settled_faulted_requests(row.attempts).await,
        None => 0,
    };
    let server_expected = if server.is_none() {
        0..=0
    } else if row.may_cut_attempts {
        0..=row.attempts
    } else {
        row.attempts..=row.attempts
    };
    if !server_expected.contains(&faulted) {
        failures.push(format!(
            "the server saw {faulted} faulty attempts on {} connections, expected {server_expected:?}",
            server.as_ref().map_or(0, |s| s.raw.connections()),
        ));
    }
    let connections_after_fault = server.as_ref().map_or(0, |s| s.raw.connections());
    // Heal: the next call on the same client must succeed.
    let server = match server.take() {
        Some(server) => {
            server.set_faulty(false);
            server
        }
        None => {
            let listener = unheard.map(|socket| socket.listen(64));
            match listener.transpose() {
                Ok(listener) => FaultServer::start(listener, row.fault).await,
                Err(error) => {
                    failures.push(format!("cannot listen on the refused port: {error}"));
                    return failures;
                }
            }
        }
    };
    match guarded_ping(&client).await {
        Ok((outcome, _)) if outcome.kind == ok(OK_ECHO) => {}
        Ok((outcome, _)) => failures.push(format!(
            "the next call failed: {:?} ({})",
            outcome.kind, outcome.text
        )),
        Err(problem) => failures.push(format!("the next call: {problem}")),
    }
    if server.location.connections() != 0 {
        failures.push("a request was sent to the redirect's Location".to_owned());
    }
    if let Some(check) = row.check {
        let observed = Observed {
            connections_after_fault,
            connections_at_end: server.raw.connections(),
        };
        if let Err(problem) = check(&observed) {
            failures.push(problem);
        }
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_fault_ends_in_its_typed_error_and_the_client_recovers() {
    let started = Instant::now();
    let mut tasks = JoinSet::new();
    for protocol in PROTOCOLS {
        for row in rows() {
            let name = format!("{protocol:?} / {}", row.name);
            tasks.spawn(async move { (name, run_row(protocol, row).await) });
        }
    }
    let mut failures = Vec::new();
    let mut ran = 0;
    while let Some(result) = tasks.join_next().await {
        ran += 1;
        match result {
            Ok((name, problems)) => {
                failures.extend(problems.into_iter().map(|p| format!("{name}: {p}")));
            }
            Err(error) => failures.push(format!("a row's task failed: {error}")),
        }
    }
    failures.sort();
    assert_eq!(ran, PROTOCOLS.len() * rows().len());
    assert!(
        failures.is_empty(),
        "{} of {ran} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{ran} rows in {:?}", started.elapsed());
}

/// The default config bounds a server that never answers (by its read timeout), and has no
/// attempt or operation timeout of its own; the matrix's default row shortens only the read
/// timeout.
#[test]
fn default_timeouts_bound_a_silent_server() {
    let config = Config::builder().build().unwrap();
    assert_eq!(config.read_timeout(), Some(Duration::from_secs(60)));
    assert_eq!(config.connect_timeout(), Some(Duration::from_millis(3100)));
    assert_eq!(config.attempt_timeout(), None);
    assert_eq!(config.operation_timeout(), None);
    assert_eq!(config.retry().max_attempts(), 3);
}
