//! AWS Signature Version 4 for request headers.
//!
//! shapegen signs its own requests instead of going through `aws-sigv4`'s general request
//! signer: the requests are always header-signed, their path and query are already encoded by
//! the generated code, and the signing key only changes once a day, so it is cached. That
//! removes about two thirds of the client's per-request instructions and a dozen crates from
//! every build (see `docs/decisions.md`, D17). The result is byte-for-byte what `aws-sigv4`
//! produces: the tests below compare both on many requests, and the end-to-end tests verify
//! signatures with `aws-sigv4` on the server side.

use std::sync::Mutex;
use std::time::SystemTime;

use bytes::Bytes;
use hmac::{Hmac, Mac};
use http::HeaderValue;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC};
use sha2::{Digest, Sha256};

use crate::credentials::Credentials;
use crate::error::ConstructionError;

type HmacSha256 = Hmac<Sha256>;

/// Headers never signed (the same set as the AWS SDKs): computed here, or changed by proxies.
const UNSIGNED_HEADERS: &[&str] = &[
    "authorization",
    "user-agent",
    "x-amzn-trace-id",
    "transfer-encoding",
];

/// The SigV4 scope of requests to an endpoint: the signing name and region (from the
/// endpoint's auth scheme or the model) and whether the path is encoded twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SigningScope {
    /// The signing name (`service` in the credential scope).
    pub(crate) name: String,
    /// The signing region; empty when none is known (signing then fails).
    pub(crate) region: String,
    /// Whether the path is encoded a second time in the canonical request (all but S3).
    pub(crate) double_encode: bool,
}

/// Signs requests, caching the signing key of the last credentials, day and scope used.
#[derive(Default)]
pub(crate) struct Signer {
    key: Mutex<Option<CachedKey>>,
}

/// A derived signing key and what it was derived from.
struct CachedKey {
    date: String,
    secret_access_key: String,
    region: String,
    name: String,
    key: [u8; 32],
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Signer").finish_non_exhaustive()
    }
}

impl Signer {
    /// Adds `x-amz-date`, `x-amz-security-token` (temporary credentials) and `authorization`.
    ///
    /// The request's path and query must already be percent-encoded (generated code does that).
    pub(crate) fn sign(
        &self,
        request: &mut http::Request<Bytes>,
        credentials: &Credentials,
        scope: &SigningScope,
        time: SystemTime,
    ) -> Result<(), ConstructionError> {
        if scope.region.is_empty() {
            return Err(ConstructionError::new(
                "signing requests needs a region: set `region` in the config",
            ));
        }
        let stamp = Timestamp::from(time);
        let headers = request.headers_mut();
        headers.insert(
            "x-amz-date",
            HeaderValue::from_str(stamp.date_time())
                .map_err(|_| ConstructionError::new("cannot format the signing time"))?,
        );
        if let Some(token) = credentials.session_token() {
            let mut value = HeaderValue::from_str(token).map_err(|_| {
                ConstructionError::new("the session token is not valid header text")
            })?;
            value.set_sensitive(true);
            headers.insert("x-amz-security-token", value);
        }
        let (canonical, signed_headers) = canonical_request(request, scope.double_encode)?;
        // The scope, `date/region/service/aws4_request`, sits in the middle of the string to
        // sign and is copied from there into the authorization header.
        let mut string_to_sign = String::with_capacity(128);
        string_to_sign.push_str("AWS4-HMAC-SHA256\n");
        string_to_sign.push_str(stamp.date_time());
        string_to_sign.push('\n');
        let scope_start = string_to_sign.len();
        for part in [stamp.date(), &scope.region, &scope.name] {
            string_to_sign.push_str(part);
            string_to_sign.push('/');
        }
        string_to_sign.push_str("aws4_request");
        let scope_end = string_to_sign.len();
        string_to_sign.push('\n');
        push_hex(&mut string_to_sign, &Sha256::digest(canonical.as_bytes()));
        let key = self.signing_key(credentials, scope, stamp.date());
        let signature = hmac(&key, string_to_sign.as_bytes());
        let mut authorization = String::with_capacity(256);
        authorization.push_str("AWS4-HMAC-SHA256 Credential=");
        authorization.push_str(credentials.access_key_id());
        authorization.push('/');
        authorization.push_str(&string_to_sign[scope_start..scope_end]);
        authorization.push_str(", SignedHeaders=");
        authorization.push_str(&signed_headers);
        authorization.push_str(", Signature=");
        push_hex(&mut authorization, &signature);
        let mut value = HeaderValue::from_str(&authorization)
            .map_err(|_| ConstructionError::new("the access key id is not valid header text"))?;
        value.set_sensitive(true);
        request
            .headers_mut()
            .insert(http::header::AUTHORIZATION, value);
        Ok(())
    }

    /// `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request")`,
    /// derived again only when the day, the scope or the credentials change.
    fn signing_key(&self, credentials: &Credentials, scope: &SigningScope, date: &str) -> [u8; 32] {
        let mut cached = self.key.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = cached.as_ref()
            && entry.date == date
            && entry.region == scope.region
            && entry.name == scope.name
            && entry.secret_access_key == credentials.secret_access_key()
        {
            return entry.key;
        }
        let secret = format!("AWS4{}", credentials.secret_access_key());
        let key = [
            scope.region.as_bytes(),
            scope.name.as_bytes(),
            b"aws4_request",
        ]
        .iter()
        .fold(hmac(secret.as_bytes(), date.as_bytes()), |key, part| {
            hmac(&key, part)
        });
        *cached = Some(CachedKey {
            date: date.to_owned(),
            secret_access_key: credentials.secret_access_key().to_owned(),
            region: scope.region.clone(),
            name: scope.name.clone(),
            key,
        });
        key
    }
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <HmacSha256 as Mac>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(data);
    mac.finalize().into_bytes().into()
}

fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for byte in bytes {
        out.push(DIGITS[usize::from(byte >> 4)] as char);
        out.push(DIGITS[usize::from(byte & 0xf)] as char);
    }
}

/// `x-amz-date` (`20150830T123600Z`) and the scope date (`20150830`) of a signing time.
/// Kept on the stack: `yyyymmddThhmmssZ`, ASCII digits only for years 0 to 9999.
struct Timestamp {
    date_time: [u8; 16],
}

impl Timestamp {
    fn date_time(&self) -> &str {
        // Built from ASCII digits, `T` and `Z` only.
        std::str::from_utf8(&self.date_time).unwrap_or_else(|_| unreachable!())
    }

    fn date(&self) -> &str {
        &self.date_time()[..8]
    }
}

impl From<SystemTime> for Timestamp {
    fn from(time: SystemTime) -> Self {
        let utc = time::OffsetDateTime::from(time);
        let mut date_time = *b"00000000T000000Z";
        let mut put = |at: usize, width: usize, value: i64| {
            let mut value = value.clamp(0, 10_i64.pow(width as u32) - 1);
            for slot in date_time[at..at + width].iter_mut().rev() {
                *slot = b'0' + (value % 10) as u8;
                value /= 10;
            }
        };
        put(0, 4, i64::from(utc.year()));
        put(4, 2, i64::from(u8::from(utc.month())));
        put(6, 2, i64::from(utc.day()));
        put(9, 2, i64::from(utc.hour()));
        put(11, 2, i64::from(utc.minute()));
        put(13, 2, i64::from(utc.second()));
        Self { date_time }
    }
}

/// The canonical request and the signed-headers list.
fn canonical_request(
    request: &http::Request<Bytes>,
    double_encode: bool,
) -> Result<(String, String), ConstructionError> {
    let mut out = String::with_capacity(512);
    out.push_str(request.method().as_str());
    out.push('\n');
    push_canonical_path(&mut out, request.uri().path(), double_encode);
    out.push('\n');
    push_canonical_query(&mut out, request.uri().query().unwrap_or_default());
    out.push('\n');
    // Headers: lower-case names (the `http` crate stores them so), sorted, values trimmed with
    // inner runs of spaces collapsed, repeated headers joined with commas.
    let mut names: Vec<&str> = request
        .headers()
        .keys()
        .map(http::HeaderName::as_str)
        .filter(|name| !UNSIGNED_HEADERS.contains(name))
        .collect();
    names.sort_unstable();
    names.dedup();
    for name in &names {
        out.push_str(name);
        out.push(':');
        for (i, value) in request.headers().get_all(*name).iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let value = value.to_str().map_err(|_| {
                ConstructionError::new(format!(
                    "header `{name}` is not valid text, so it cannot be signed"
                ))
            })?;
            push_trimmed(&mut out, value);
        }
        out.push('\n');
    }
    out.push('\n');
    let signed_headers = names.join(";");
    out.push_str(&signed_headers);
    out.push('\n');
    push_hex(&mut out, &Sha256::digest(request.body()));
    Ok((out, signed_headers))
}

/// Bytes SigV4 leaves unencoded: the RFC 3986 unreserved characters.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The path, as the canonical request has it. For every service but S3
/// (`double_encode`), `.`/`..` and empty segments are removed and the (already encoded) path
/// is encoded a second time; for S3 it is used as sent.
fn push_canonical_path(out: &mut String, path: &str, double_encode: bool) {
    if path.is_empty() {
        out.push('/');
        return;
    }
    if !double_encode {
        out.push_str(path);
        return;
    }
    let normalized;
    let path = if path.contains("/.") || path.contains("//") || !path.starts_with('/') {
        normalized = normalize_path(path);
        &normalized
    } else {
        path
    };
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.extend(percent_encoding::utf8_percent_encode(segment, UNRESERVED));
    }
}

fn normalize_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut result = String::with_capacity(path.len() + 1);
    for segment in &segments {
        result.push('/');
        result.push_str(segment);
    }
    let ends_with_slash = ["/", "/.", "/./", "/..", "/../"]
        .iter()
        .any(|s| path.ends_with(s));
    if result.is_empty() || (ends_with_slash && !result.ends_with('/')) {
        result.push('/');
    }
    result
}

/// The query's `key=value` pairs, each decoded (form encoding: `+` is a space) and encoded
/// again with the unreserved set, sorted.
fn push_canonical_query(out: &mut String, query: &str) {
    if query.is_empty() {
        return;
    }
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (reencode(key), reencode(value))
        })
        .collect();
    pairs.sort_unstable();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    }
}

/// Decodes `%XX` and `+`, then encodes all but unreserved characters.
fn reencode(text: &str) -> String {
    let spaced = text.replace('+', " ");
    let decoded: Vec<u8> = percent_encoding::percent_decode_str(&spaced).collect();
    percent_encoding::percent_encode(&decoded, UNRESERVED).to_string()
}

/// A header value with outer spaces trimmed and inner runs of spaces collapsed to one.
fn push_trimmed(out: &mut String, value: &str) {
    let mut previous_space = false;
    for c in value.trim_matches(' ').chars() {
        if c == ' ' {
            if !previous_space {
                out.push(' ');
            }
            previous_space = true;
        } else {
            out.push(c);
            previous_space = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    /// Signs with aws-sigv4's general signer, for comparison.
    fn reference(
        request: &http::Request<Bytes>,
        credentials: &Credentials,
        time: SystemTime,
    ) -> String {
        use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
        let identity: aws_smithy_runtime_api::client::identity::Identity =
            aws_credential_types::Credentials::new(
                credentials.access_key_id(),
                credentials.secret_access_key(),
                credentials.session_token().map(str::to_owned),
                None,
                "test",
            )
            .into();
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region("eu-west-1")
            .name("chime")
            .time(time)
            .settings(SigningSettings::default())
            .build()
            .unwrap()
            .into();
        let uri = request.uri().to_string();
        let headers = request
            .headers()
            .iter()
            .filter(|(name, _)| {
                !matches!(
                    name.as_str(),
                    "x-amz-date" | "x-amz-security-token" | "authorization"
                )
            })
            .map(|(name, value)| (name.as_str(), value.to_str().unwrap()));
        let signable = SignableRequest::new(
            request.method().as_str(),
            &uri,
            headers,
            SignableBody::Bytes(request.body()),
        )
        .unwrap();
        let (instructions, _) = sign(signable, &params).unwrap().into_parts();
        let mut signed = request.clone();
        instructions.apply_to_request_http1x(&mut signed);
        signed.headers()["authorization"]
            .to_str()
            .unwrap()
            .to_owned()
    }

    fn request(
        method: &str,
        path_and_query: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> http::Request<Bytes> {
        let mut request = http::Request::builder().method(method).uri(format!(
            "https://chime.eu-west-1.amazonaws.com{path_and_query}"
        ));
        request = request.header("host", "chime.eu-west-1.amazonaws.com");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request
            .body(Bytes::copy_from_slice(body.as_bytes()))
            .unwrap()
    }

    #[test]
    fn signatures_match_aws_sigv4_byte_for_byte() {
        let cases = [
            request(
                "POST",
                "/meetings/8f2a1c3e/attendees?operation=batch-create",
                &[
                    ("content-type", "application/json"),
                    ("content-length", "2"),
                    ("user-agent", "shapegen/0.1.0"),
                ],
                "{}",
            ),
            request("GET", "/", &[], ""),
            request("GET", "/a%20b/c%2Fd/%E2%82%AC", &[], ""),
            request("GET", "/x/./y/../z//w/", &[], ""),
            request(
                "GET",
                "/q?b=2&a=1&a=0&flag&enc=%2B%20x&plus=a%2Bb&tilde=~",
                &[],
                "",
            ),
            request(
                "PUT",
                "/h",
                &[
                    ("x-custom", "  spaced   out  "),
                    ("x-multi", "a"),
                    ("x-multi", "b"),
                    ("content-md5", "abc=="),
                ],
                "body",
            ),
            request("DELETE", "/2017-08-29/jobs/1:2$3", &[], ""),
            request(
                "GET",
                "/list?max-results=10&next-token=a%2Fb%3D%3D",
                &[("x-amz-chime-bearer", "arn:aws:chime:us-east-1:1:user/2")],
                "",
            ),
        ];
        let times = [
            UNIX_EPOCH + Duration::from_secs(1_440_938_160),
            UNIX_EPOCH + Duration::from_secs(4_102_444_799),
        ];
        for credentials in [
            Credentials::new(
                "AKIDEXAMPLE",
                "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                None,
            ),
            Credentials::new("ASIAEXAMPLE", "secret", Some("session/token==".to_owned())),
        ] {
            let signer = Signer::default();
            for time in times {
                for case in &cases {
                    let mut ours = case.clone();
                    signer
                        .sign(&mut ours, &credentials, &scope(), time)
                        .unwrap();
                    assert_eq!(
                        ours.headers()["authorization"].to_str().unwrap(),
                        reference(&ours, &credentials, time),
                        "{} {}",
                        case.method(),
                        case.uri()
                    );
                    assert_eq!(
                        ours.headers()
                            .get("x-amz-security-token")
                            .map(|v| v.to_str().unwrap()),
                        credentials.session_token()
                    );
                }
            }
        }
    }

    #[test]
    fn dates_are_utc_calendar_dates() {
        let stamp = Timestamp::from(UNIX_EPOCH + Duration::from_secs(1_440_938_160));
        assert_eq!(stamp.date_time(), "20150830T123600Z");
        assert_eq!(stamp.date(), "20150830");
        let leap = Timestamp::from(UNIX_EPOCH + Duration::from_secs(951_782_400));
        assert_eq!(leap.date(), "20000229");
    }

    fn scope() -> SigningScope {
        SigningScope {
            name: "chime".to_owned(),
            region: "eu-west-1".to_owned(),
            double_encode: true,
        }
    }

    #[test]
    fn the_signing_key_is_cached_per_day_scope_and_secret() {
        let signer = Signer::default();
        let credentials = Credentials::new("a", "b", None);
        let day = signer.signing_key(&credentials, &scope(), "20260101");
        assert_eq!(signer.signing_key(&credentials, &scope(), "20260101"), day);
        assert_ne!(signer.signing_key(&credentials, &scope(), "20260102"), day);
        let rotated = Credentials::new("a", "c", None);
        assert_ne!(signer.signing_key(&rotated, &scope(), "20260101"), day);
        let other_region = SigningScope {
            region: "us-east-1".to_owned(),
            ..scope()
        };
        assert_ne!(
            signer.signing_key(&credentials, &other_region, "20260101"),
            day
        );
    }

    #[test]
    fn signing_without_a_region_is_an_error() {
        let mut request = request("GET", "/", &[], "");
        let no_region = SigningScope {
            region: String::new(),
            ..scope()
        };
        let error = Signer::default()
            .sign(
                &mut request,
                &Credentials::new("a", "b", None),
                &no_region,
                SystemTime::now(),
            )
            .unwrap_err();
        assert!(error.message().contains("region"), "{error}");
    }
}
