//! [`RawServer`]: a TCP server on 127.0.0.1 that answers with whatever bytes a test scripts,
//! including replies no well-behaved server sends (silence, endless bodies, lies about length).

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// A loopback server handing each accepted connection to a handler. Stops when dropped.
#[derive(Debug)]
pub struct RawServer {
    port: u16,
    connections: Arc<AtomicUsize>,
    task: JoinHandle<()>,
}

impl RawServer {
    /// Starts a server on an ephemeral 127.0.0.1 port; each connection runs `handler` in its
    /// own task.
    ///
    /// # Panics
    /// If no loopback port can be bound.
    pub async fn start<F, Fut>(handler: F) -> RawServer
    where
        F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("cannot bind a loopback port on 127.0.0.1");
        Self::serve(listener, handler)
    }

    /// Serves connections of `listener`, for example one made from a socket a test held bound
    /// (but not listening) while a client failed to connect to it.
    ///
    /// # Panics
    /// If the listener has no local address.
    pub fn serve<F, Fut>(listener: TcpListener, handler: F) -> RawServer
    where
        F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let port = listener
            .local_addr()
            .expect("a bound listener has an address")
            .port();
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&connections);
        let handler = Arc::new(handler);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                counter.fetch_add(1, Ordering::SeqCst);
                let handler = Arc::clone(&handler);
                tokio::spawn(async move { handler(stream).await });
            }
        });
        RawServer {
            port,
            connections,
            task,
        }
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// How many connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Reads one request's head and body (by `content-length`) from `stream`; returns the head,
/// or `None` when the connection closed first.
pub async fn read_request(stream: &mut TcpStream) -> Option<String> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())
                .flatten()
        })
        .unwrap_or(0);
    let mut remaining = (head_end + length).saturating_sub(buffer.len());
    while remaining > 0 {
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        remaining = remaining.saturating_sub(read);
    }
    Some(head)
}

/// Writes `bytes` and flushes, ignoring a peer that went away.
pub async fn write_all(stream: &mut TcpStream, bytes: &[u8]) {
    let _ = stream.write_all(bytes).await;
    let _ = stream.flush().await;
}
