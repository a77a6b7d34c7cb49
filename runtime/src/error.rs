//! What can go wrong when calling an operation, as values.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use crate::credentials::CredentialsError;
use crate::validation::ValidationError;

/// The error of every operation call: `E` is the operation's own error enum.
///
/// Match on the variant to learn *where* the call failed; [`Error::as_service_error`] gives the
/// service's typed error directly. `Error` is transparent: its `Display` and `source()` are the
/// variant's own, so a chain of errors prints each level once (with `anyhow`'s `{:#}`, or
/// [`DisplayChain`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The input broke the model's constraints; nothing was sent.
    Validation(ValidationError),
    /// The request could not be built (for example: an empty URI label, no endpoint).
    Construction(ConstructionError),
    /// No credentials could be had to sign the request; nothing was sent.
    Credentials(CredentialsError),
    /// An attempt or the whole operation took longer than configured.
    Timeout(TimeoutError),
    /// The request could not be sent or the response not received.
    Transport(TransportError),
    /// The service answered with a success status, but the reply could not be read.
    Response(ResponseError),
    /// The service answered with an error.
    Service(ServiceError<E>),
}

impl<E> Error<E> {
    /// The service's typed error, if the service answered with one.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            Error::Service(error) => Some(error.err()),
            _ => None,
        }
    }

    /// The service's typed error, if the service answered with one.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            Error::Service(error) => Some(error.into_err()),
            _ => None,
        }
    }

    /// The validation error, if the input was rejected before sending.
    pub fn as_validation_error(&self) -> Option<&ValidationError> {
        match self {
            Error::Validation(error) => Some(error),
            _ => None,
        }
    }

    /// Whether the input was rejected before anything was sent.
    pub fn is_validation(&self) -> bool {
        matches!(self, Error::Validation(_))
    }

    /// Whether the call timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout(_))
    }

    /// The request id of the service's reply, when there was one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(error) => error.request_id(),
            Error::Response(error) => error.request_id(),
            _ => None,
        }
    }

    fn inner(&self) -> &(dyn StdError + 'static)
    where
        E: StdError + 'static,
    {
        match self {
            Error::Validation(error) => error,
            Error::Construction(error) => error,
            Error::Credentials(error) => error,
            Error::Timeout(error) => error,
            Error::Transport(error) => error,
            Error::Response(error) => error,
            Error::Service(error) => error,
        }
    }
}

impl<E: StdError + 'static> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.inner(), f)
    }
}

impl<E: StdError + 'static> StdError for Error<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.inner().source()
    }
}

/// Displays an error with every error in its `source()` chain after it, separated by `: `
/// (what `anyhow` prints with `{:#}`), for programs that print errors without such a crate.
///
/// ```
/// # let error = std::io::Error::other("boom");
/// eprintln!("{}", shapegen::DisplayChain(&error));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct DisplayChain<'a>(pub &'a (dyn StdError + 'static));

impl fmt::Display for DisplayChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}

/// A failure while sending, before any reply could be parsed (generated code converts it
/// into [`Error`] with `?`).
#[derive(Debug)]
#[doc(hidden)]
pub enum SendError {
    Construction(ConstructionError),
    Credentials(CredentialsError),
    Timeout(TimeoutError),
    Transport(TransportError),
}

impl<E> From<SendError> for Error<E> {
    fn from(error: SendError) -> Self {
        match error {
            SendError::Construction(error) => Error::Construction(error),
            SendError::Credentials(error) => Error::Credentials(error),
            SendError::Timeout(error) => Error::Timeout(error),
            SendError::Transport(error) => Error::Transport(error),
        }
    }
}

/// The service's error reply: the typed error with the HTTP status.
///
/// The typed error is boxed so that `Result<Output, Error<E>>` stays small on the success path.
#[derive(Debug)]
pub struct ServiceError<E> {
    err: Box<E>,
    status: u16,
    request_id: Option<String>,
}

impl<E> ServiceError<E> {
    /// A service error (used by generated code and by tests that fake replies).
    pub fn new(err: E, status: u16, request_id: Option<String>) -> Self {
        Self {
            err: Box::new(err),
            status,
            request_id,
        }
    }

    /// The typed error.
    pub fn err(&self) -> &E {
        &self.err
    }

    /// The typed error, by value.
    pub fn into_err(self) -> E {
        *self.err
    }

    /// The HTTP status code of the reply.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id of the reply (`x-amzn-requestid`).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl<E: fmt::Display> fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.err.fmt(f)
    }
}

/// Transparent: the typed error's text is this error's text, so it is not its source too.
impl<E: StdError + 'static> StdError for ServiceError<E> {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.err.source()
    }
}

/// Code, message, request id and status of an error reply, and whether retrying may help.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    code: Option<String>,
    query_error_type: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    status: u16,
    retryable: bool,
    throttling: bool,
}

impl ErrorMetadata {
    /// Metadata for a reply with this status.
    pub fn new(status: u16) -> Self {
        Self {
            status,
            ..Self::default()
        }
    }

    /// With the error code.
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// With the legacy awsQuery error type (`Sender` or `Receiver`).
    pub fn with_query_error_type(mut self, error_type: impl Into<String>) -> Self {
        self.query_error_type = Some(error_type.into());
        self
    }

    /// With the error message.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// With the request id.
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }

    /// The error code (sanitized: no namespace, no URI suffix).
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The legacy awsQuery error type, `Sender` (the caller's fault) or `Receiver` (the
    /// service's), which query-compatible services send in `x-amzn-query-error: Code;Type`.
    pub fn query_error_type(&self) -> Option<&str> {
        self.query_error_type.as_deref()
    }

    /// The error message.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The request id (`x-amzn-requestid`).
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The HTTP status code (0 when unknown).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Marks the error retryable (throttling, transient, or modeled `@retryable`) and whether
    /// it is throttling; the client classifies every error reply so, once.
    pub fn with_retry_class(mut self, retryable: bool, throttling: bool) -> Self {
        self.retryable = retryable || throttling;
        self.throttling = throttling;
        self
    }

    /// Whether retrying may succeed (throttling, a transient status or code, or an error the
    /// model marks `@retryable`).
    pub fn is_retryable(&self) -> bool {
        self.retryable
    }

    /// Whether the service is throttling the caller.
    pub fn is_throttling(&self) -> bool {
        self.throttling
    }
}

/// What every operation's error enum offers, so that code can handle the errors of any
/// operation alike (log them, decide to retry, report the request id).
///
/// ```
/// fn log_failure<E: shapegen::OperationError>(error: &E) {
///     eprintln!(
///         "{} (request {}, retryable: {})",
///         error.code().unwrap_or("unknown error"),
///         error.request_id().unwrap_or("-"),
///         error.is_retryable()
///     );
/// }
/// ```
pub trait OperationError: StdError {
    /// The error's code: the modeled error's name, else the code the service sent.
    fn code(&self) -> Option<&str>;

    /// The error's message.
    fn message(&self) -> Option<&str>;

    /// Code, message, request id, status and retry class of the reply.
    fn meta(&self) -> &ErrorMetadata;

    /// The request id of the reply.
    fn request_id(&self) -> Option<&str> {
        self.meta().request_id()
    }

    /// Whether retrying may succeed.
    fn is_retryable(&self) -> bool {
        self.meta().is_retryable()
    }

    /// Whether the service is throttling the caller.
    fn is_throttling(&self) -> bool {
        self.meta().is_throttling()
    }
}

/// Writes `Code: message (HTTP 400, request id …)`; shared by every generated error enum.
pub(crate) fn fmt_operation_error(
    f: &mut fmt::Formatter<'_>,
    error: &dyn OperationError,
) -> fmt::Result {
    fmt_service_error(f, error.code(), error.message(), error.meta())
}

fn fmt_service_error(
    f: &mut fmt::Formatter<'_>,
    code: Option<&str>,
    message: Option<&str>,
    meta: &ErrorMetadata,
) -> fmt::Result {
    f.write_str(code.unwrap_or("unknown error"))?;
    if let Some(message) = message {
        write!(f, ": {message}")?;
    }
    match (meta.status, meta.request_id()) {
        (0, None) => Ok(()),
        (0, Some(id)) => write!(f, " (request id {id})"),
        (status, None) => write!(f, " (HTTP {status})"),
        (status, Some(id)) => write!(f, " (HTTP {status}, request id {id})"),
    }
}

/// An error reply the operation's model does not define.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unhandled {
    meta: ErrorMetadata,
}

impl Unhandled {
    /// An unhandled error with this metadata.
    pub fn new(meta: ErrorMetadata) -> Self {
        Self { meta }
    }

    /// Code, message, request id and status of the reply.
    pub fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl fmt::Display for Unhandled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt_service_error(f, self.meta.code(), self.meta.message(), &self.meta)
    }
}

impl StdError for Unhandled {}

/// The request could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstructionError {
    message: String,
}

impl ConstructionError {
    /// A construction error with this explanation.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// A URI label member was not set.
    pub fn missing_label(member: &str) -> Self {
        Self::new(format!("the URI label `{member}` is not set"))
    }

    /// A URI label member was empty.
    pub fn empty_label(member: &str) -> Self {
        Self::new(format!("the URI label `{member}` is empty"))
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ConstructionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not build the request: {}", self.message)
    }
}

impl StdError for ConstructionError {}

/// Which limit a timeout hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// One attempt (`attempt_timeout`) on the last allowed attempt.
    Attempt,
    /// The whole operation including retries (`operation_timeout`).
    Operation,
    /// The server sent nothing for longer than `read_timeout` (no response headers, or a
    /// stalled body), on the last allowed attempt.
    Read,
}

/// A call took longer than configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeoutError {
    kind: TimeoutKind,
    after: Duration,
}

impl TimeoutError {
    pub(crate) fn new(kind: TimeoutKind, after: Duration) -> Self {
        Self { kind, after }
    }

    /// Which limit was hit.
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// The configured limit.
    pub fn after(&self) -> Duration {
        self.after
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TimeoutKind::Attempt => "the attempt timed out",
            TimeoutKind::Operation => "the operation timed out",
            TimeoutKind::Read => "the server sent nothing",
        };
        write!(f, "{what} after {:?}", self.after)
    }
}

impl StdError for TimeoutError {}

/// How sending failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (refused, unreachable, DNS, TLS handshake).
    Connect,
    /// The connection failed while the request or response was in flight.
    Io,
    /// The reply's body is larger than the configured limit (`max_response_body_size`); it
    /// was not read past the limit. Not retried.
    ResponseTooLarge,
    /// The server sent nothing for longer than the request's read timeout
    /// ([`ResponseLimits::read_timeout`](crate::ResponseLimits)); reported to callers as a
    /// [`TimeoutError`] of kind [`TimeoutKind::Read`].
    ReadTimeout,
    /// The reply's head is not HTTP a client can read (a malformed status line or header
    /// line, or a head over the HTTP client's size limit). Not retried: the server answers
    /// the same way again.
    MalformedResponse,
    /// Anything else the HTTP client reported.
    Other,
}

/// The HTTP client could not complete the exchange.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl TransportError {
    /// A transport error (for custom [`HttpClient`](crate::HttpClient) implementations).
    pub fn new(
        kind: TransportErrorKind,
        message: impl Into<String>,
        source: Option<Box<dyn StdError + Send + Sync>>,
    ) -> Self {
        Self {
            kind,
            message: message.into(),
            source,
        }
    }

    /// How sending failed.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether no connection could be made.
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }

    /// Whether the reply's body was larger than the configured limit.
    pub fn is_response_too_large(&self) -> bool {
        self.kind == TransportErrorKind::ResponseTooLarge
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The cause (often "connection refused") is the source; [`DisplayChain`] prints the chain.
impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}

/// Why a reply could not be read: which member (when known) and what was wrong with it.
///
/// The message never quotes the reply's content, which may be sensitive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Boxed: errors are rare, and `Result`s that carry one stay small.
    details: Box<ParseDetails>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct ParseDetails {
    message: String,
    path: Option<String>,
}

impl ParseError {
    /// A parse error with this explanation.
    pub fn new(message: impl Into<String>) -> Self {
        Self::with_path(message.into(), None)
    }

    fn with_path(message: String, path: Option<String>) -> Self {
        Self {
            details: Box::new(ParseDetails { message, path }),
        }
    }

    /// A JSON body that could not be read, naming the member at the error's offset.
    pub fn in_body(body: &[u8], error: &crate::json::JsonError) -> Self {
        let path = crate::json::path_at(body, error.offset());
        let message = match &path {
            Some(path) => format!(
                "body member `{path}` (byte {}): {}",
                error.offset(),
                error.message()
            ),
            None => format!("body (byte {}): {}", error.offset(), error.message()),
        };
        Self::with_path(message, path)
    }

    /// The path of the body member that could not be read (`Attendees[3].CreatedAt`), if the
    /// error was inside one.
    pub fn path(&self) -> Option<&str> {
        self.details.path.as_deref()
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.details.message)
    }
}

impl StdError for ParseError {}

/// A success reply that could not be read (malformed body or header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseError {
    status: u16,
    request_id: Option<String>,
    cause: ParseError,
}

impl ResponseError {
    /// A response error for a reply with this status and request id.
    pub fn new(status: u16, request_id: Option<String>, cause: ParseError) -> Self {
        Self {
            status,
            request_id,
            cause,
        }
    }

    /// The HTTP status of the reply.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id of the reply.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// What could not be read, and where.
    pub fn cause(&self) -> &ParseError {
        &self.cause
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unreadable reply (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        f.write_str(")")
    }
}

impl StdError for ResponseError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.cause)
    }
}

/// A builder's `build()` found required members that were not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    type_name: &'static str,
    missing: Vec<String>,
}

impl BuildError {
    /// The error for these missing members (model names) of `type_name`.
    pub(crate) fn new(type_name: &'static str, missing: Vec<String>) -> Self {
        Self { type_name, missing }
    }

    /// The type being built.
    pub fn type_name(&self) -> &str {
        self.type_name
    }

    /// The required members (model names) that were not set.
    pub fn missing(&self) -> &[String] {
        &self.missing
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = if self.missing.len() == 1 { "" } else { "s" };
        write!(
            f,
            "cannot build `{}`: required member{plural} not set: ",
            self.type_name
        )?;
        for (i, name) in self.missing.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{name}`")?;
        }
        Ok(())
    }
}

impl StdError for BuildError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_stay_small() {
        // A large error type would make every call's `Result` expensive to move around.
        assert!(
            std::mem::size_of::<Error<Unhandled>>() <= 64,
            "{}",
            std::mem::size_of::<Error<Unhandled>>()
        );
    }

    #[test]
    fn build_error_lists_every_missing_member() {
        use crate::validation::{Path, Violations};
        let mut violations = Violations::new();
        violations.missing(&Path::root().field("Key"));
        violations.missing(&Path::root().field("Value"));
        let error = violations.into_build_result("Tag").unwrap_err();
        assert_eq!(error.missing(), ["Key", "Value"]);
        assert_eq!(
            error.to_string(),
            "cannot build `Tag`: required members not set: `Key`, `Value`"
        );
        assert!(Violations::new().into_build_result("Tag").is_ok());
    }

    #[test]
    fn unhandled_display_names_code_status_and_request_id() {
        let meta = ErrorMetadata::new(418)
            .with_code("Teapot")
            .with_message("short and stout")
            .with_request_id("abc");
        assert_eq!(
            Unhandled::new(meta).to_string(),
            "Teapot: short and stout (HTTP 418, request id abc)"
        );
    }
}
