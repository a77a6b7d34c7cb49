//! A deliberately tiny HTTP/1.1 client over a raw TCP socket, for this crate's own tests.
//!
//! It is independent of hyper's client (and of the client under test), and can send
//! arbitrary bytes so the servers can be fed malformed input. Blocking I/O runs on
//! `spawn_blocking`, so the servers under test keep the async workers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// A parsed response.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl RawResponse {
    /// First value of header `name`, case-insensitively.
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(candidate, _)| candidate.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The body as JSON; panics (this is test code) when it is not.
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "response body is not JSON ({error}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// Sends one request (adding `host` and `content-length`) and reads the response.
pub(crate) async fn send(
    url: &str,
    method: &str,
    path_and_query: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> RawResponse {
    let request = encode(url, method, path_and_query, headers, body, false);
    send_raw(url, request).await
}

/// Sends `bytes` verbatim and reads one response.
pub(crate) async fn send_raw(url: &str, bytes: Vec<u8>) -> RawResponse {
    let addr = authority(url).to_owned();
    tokio::task::spawn_blocking(move || {
        let mut stream = connect(&addr).expect("connect to the loopback server");
        stream.write_all(&bytes).expect("write the request");
        read_response(&mut BufReader::new(stream))
    })
    .await
    .expect("the client thread")
}

/// Sends bodiless requests one after another on a single keep-alive connection.
pub(crate) async fn send_on_one_connection(
    url: &str,
    requests: Vec<(&'static str, &'static str)>,
) -> Vec<RawResponse> {
    let url = url.to_owned();
    tokio::task::spawn_blocking(move || {
        let stream = connect(authority(&url)).expect("connect to the loopback server");
        let mut writer = stream.try_clone().expect("clone the socket");
        let mut reader = BufReader::new(stream);
        requests
            .into_iter()
            .map(|(method, path)| {
                let request = encode(&url, method, path, &[], b"", true);
                writer.write_all(&request).expect("write the request");
                read_response(&mut reader)
            })
            .collect()
    })
    .await
    .expect("the client thread")
}

/// Tries to open a TCP connection to `url`.
pub(crate) async fn try_connect(url: &str) -> std::io::Result<()> {
    let addr = authority(url).to_owned();
    tokio::task::spawn_blocking(move || connect(&addr).map(drop))
        .await
        .expect("the client thread")
}

/// `host:port` out of `http://host:port`.
pub(crate) fn authority(url: &str) -> &str {
    url.strip_prefix("http://").unwrap_or(url)
}

fn connect(addr: &str) -> std::io::Result<TcpStream> {
    let stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    Ok(stream)
}

fn encode(
    url: &str,
    method: &str,
    path_and_query: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    keep_alive: bool,
) -> Vec<u8> {
    let mut head = format!("{method} {path_and_query} HTTP/1.1\r\n");
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("host"))
    {
        head.push_str(&format!("host: {}\r\n", authority(url)));
    }
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\n", body.len()));
    if !keep_alive {
        head.push_str("connection: close\r\n");
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Reads one response framed by `content-length` (or by the end of the stream).
fn read_response(reader: &mut BufReader<TcpStream>) -> RawResponse {
    let mut status_line = String::new();
    reader
        .read_line(&mut status_line)
        .expect("read status line");
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).expect("read header line");
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':').expect("header line has a colon");
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .map(|(_, value)| value.parse::<usize>().expect("numeric content-length"));
    let mut body = Vec::new();
    match length {
        Some(length) => {
            body.resize(length, 0);
            reader.read_exact(&mut body).expect("read body");
        }
        None => {
            reader.read_to_end(&mut body).expect("read body");
        }
    }
    RawResponse {
        status,
        headers,
        body,
    }
}
