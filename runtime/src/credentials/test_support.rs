//! Fakes for the providers' tests: a loopback HTTP server answering from a function, temporary
//! directories, a settable clock.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::{Env, Fs, ProviderConfig, TimeSource};
use crate::transport::HyperClient;

/// One request as the fake server saw it.
#[derive(Debug, Clone)]
pub(crate) struct FakeRequest {
    pub(crate) method: String,
    /// Path and query.
    pub(crate) target: String,
    /// Lower-case names.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl FakeRequest {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(candidate, _)| candidate == name)
            .map(|(_, value)| value.as_str())
    }

    /// The decoded `key=value` pairs of a form body.
    pub(crate) fn form(&self) -> Vec<(String, String)> {
        let body = String::from_utf8_lossy(&self.body);
        body.split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                let decode = |text: &str| {
                    percent_encoding::percent_decode_str(&text.replace('+', " "))
                        .decode_utf8_lossy()
                        .into_owned()
                };
                (decode(key), decode(value))
            })
            .collect()
    }

    pub(crate) fn form_value(&self, key: &str) -> Option<String> {
        self.form()
            .into_iter()
            .find(|(candidate, _)| candidate == key)
            .map(|(_, value)| value)
    }
}

/// What the fake server answers.
#[derive(Debug, Clone)]
pub(crate) struct FakeResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    delay: Option<Duration>,
}

impl FakeResponse {
    pub(crate) fn ok(body: impl Into<Vec<u8>>) -> Self {
        Self {
            status: 200,
            headers: Vec::new(),
            body: body.into(),
            delay: None,
        }
    }

    pub(crate) fn status(status: u16) -> Self {
        Self {
            status,
            ..Self::ok("")
        }
    }

    pub(crate) fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    pub(crate) fn with_header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub(crate) fn delayed(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }
}

type HandlerFn = dyn Fn(&FakeRequest) -> FakeResponse + Send + Sync;

/// An HTTP/1.1 server on 127.0.0.1 answering every request from a function; one request per
/// connection (`connection: close`). Dropping it stops accepting.
pub(crate) struct FakeServer {
    port: u16,
    requests: Arc<Mutex<Vec<FakeRequest>>>,
    accept_task: JoinHandle<()>,
}

impl FakeServer {
    pub(crate) async fn start(
        handler: impl Fn(&FakeRequest) -> FakeResponse + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<HandlerFn> = Arc::new(handler);
        let seen = Arc::clone(&requests);
        let accept_task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, Arc::clone(&handler), Arc::clone(&seen)));
            }
        });
        Self {
            port,
            requests,
            accept_task,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub(crate) fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base())
    }

    /// How many requests arrived.
    pub(crate) fn hits(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    pub(crate) fn requests(&self) -> Vec<FakeRequest> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.accept_task.abort();
    }
}

async fn serve(mut stream: TcpStream, handler: Arc<HandlerFn>, seen: Arc<Mutex<Vec<FakeRequest>>>) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    seen.lock().unwrap().push(request.clone());
    let response = handler(&request);
    if let Some(delay) = response.delay {
        tokio::time::sleep(delay).await;
    }
    let mut out = format!(
        "HTTP/1.1 {} Fake\r\ncontent-length: {}\r\nconnection: close\r\n",
        response.status,
        response.body.len()
    );
    for (name, value) in &response.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&response.body);
    let _ = stream.write_all(&bytes).await;
    let _ = stream.shutdown().await;
}

async fn read_request(stream: &mut TcpStream) -> Option<FakeRequest> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    Some(FakeRequest {
        method,
        target,
        headers,
        body,
    })
}

/// A port on 127.0.0.1 where nothing listens (bound, then released).
pub(crate) fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// A fresh directory under the system's temporary directory, removed on drop.
pub(crate) struct TempDir {
    path: PathBuf,
}

impl TempDir {
    pub(crate) fn new() -> Self {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!(
            "shapegen-credentials-{}-{}-{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&path).unwrap();
        Self { path }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `contents` to `relative` (parents created) and returns the full path.
    pub(crate) fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, contents).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// A clock tests move by hand; starts at a fixed, recent time.
#[derive(Clone)]
pub(crate) struct ManualClock {
    seconds: Arc<AtomicU64>,
}

impl ManualClock {
    /// 2024-05-01T00:00:00Z.
    pub(crate) const START: u64 = 1_714_521_600;

    pub(crate) fn new() -> Self {
        Self {
            seconds: Arc::new(AtomicU64::new(Self::START)),
        }
    }

    pub(crate) fn now(&self) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(self.seconds.load(Ordering::SeqCst))
    }

    pub(crate) fn advance(&self, by: Duration) {
        self.seconds.fetch_add(by.as_secs(), Ordering::SeqCst);
    }

    pub(crate) fn time_source(&self) -> TimeSource {
        let clock = self.clone();
        TimeSource::from_fn(move || clock.now())
    }
}

/// A provider config over `vars` only (no real environment), real files, a plain hyper client
/// and short timeouts.
pub(crate) fn config(vars: &[(&str, &str)]) -> ProviderConfig {
    ProviderConfig::default()
        .with_env(Env::from_vars(vars.iter().copied()))
        .with_fs(Fs::real())
        .with_http_client(Arc::new(HyperClient::new(Some(Duration::from_secs(1)))))
        .with_timeout(Duration::from_secs(2))
}

/// An RFC 3339 text for `time`.
pub(crate) fn rfc3339(time: SystemTime) -> String {
    super::format_time(time)
}
