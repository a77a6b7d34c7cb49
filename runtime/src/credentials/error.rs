//! Why credentials could not be provided.

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;

/// What kind of failure a [`CredentialsError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialsErrorKind {
    /// The provider's source is not set up here (no such variables, files or endpoint); a
    /// chain tries its next provider.
    NotConfigured,
    /// The source is set up but answered with an error or something unreadable.
    ProviderError,
    /// The source's settings are wrong or contradict each other.
    InvalidConfiguration,
    /// The source did not answer in time.
    Timeout,
}

impl fmt::Display for CredentialsErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NotConfigured => "not configured",
            Self::ProviderError => "provider error",
            Self::InvalidConfiguration => "invalid configuration",
            Self::Timeout => "timeout",
        })
    }
}

/// Credentials could not be provided. The message says where and why; it never contains a
/// secret (credentials, tokens) nor the text of a reply that could hold one.
#[derive(Clone)]
pub struct CredentialsError {
    kind: CredentialsErrorKind,
    /// Boxed: errors are rare, and the `Result`s of every call stay small.
    details: Box<Details>,
}

#[derive(Clone)]
struct Details {
    message: String,
    code: Option<String>,
    source: Option<Arc<dyn StdError + Send + Sync>>,
}

impl CredentialsError {
    /// An error of `kind` explained by `message` (which must not contain secrets).
    pub fn new(kind: CredentialsErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            details: Box::new(Details {
                message: message.into(),
                code: None,
                source: None,
            }),
        }
    }

    /// The source is not set up here.
    pub fn not_configured(message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::NotConfigured, message)
    }

    /// The source failed.
    pub fn provider_error(message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::ProviderError, message)
    }

    /// The source's settings are wrong.
    pub fn invalid_configuration(message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::InvalidConfiguration, message)
    }

    /// The source did not answer in time.
    pub fn timeout(message: impl Into<String>) -> Self {
        Self::new(CredentialsErrorKind::Timeout, message)
    }

    /// This error, caused by `source` (returned by [`std::error::Error::source`]).
    pub fn with_source(mut self, source: impl StdError + Send + Sync + 'static) -> Self {
        self.details.source = Some(Arc::new(source));
        self
    }

    /// This error, with the error code the source replied with (`AccessDenied`).
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.details.code = Some(code.into());
        self
    }

    /// The error code of the source's reply, when it sent one: STS's `<Code>`
    /// (`AccessDenied`, `ExpiredTokenException`, `InvalidIdentityToken`…), the IAM Identity
    /// Center portal's error type (`UnauthorizedException`), the container endpoint's `code`.
    pub fn code(&self) -> Option<&str> {
        self.details.code.as_deref()
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> CredentialsErrorKind {
        self.kind
    }

    /// Whether the source is simply not set up here.
    pub fn is_not_configured(&self) -> bool {
        self.kind == CredentialsErrorKind::NotConfigured
    }

    /// The explanation.
    pub fn message(&self) -> &str {
        &self.details.message
    }

    /// The same error with `context` put before its message (`context: message`), unless the
    /// message already starts with that context (a chain naming its profile provider as the
    /// provider names itself).
    pub(crate) fn context(mut self, context: impl fmt::Display) -> Self {
        let prefix = format!("{context}: ");
        if !self.details.message.starts_with(&prefix) {
            self.details.message.insert_str(0, &prefix);
        }
        self
    }

    /// The same error with another kind.
    pub(crate) fn with_kind(mut self, kind: CredentialsErrorKind) -> Self {
        self.kind = kind;
        self
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.details.message)
    }
}

impl fmt::Debug for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialsError")
            .field("kind", &self.kind)
            .field("message", &self.details.message)
            .field("code", &self.details.code)
            .field("source", &self.details.source)
            .finish()
    }
}

impl StdError for CredentialsError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.details
            .source
            .as_ref()
            .map(|source| &**source as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_added_once() {
        let error = CredentialsError::provider_error("the vault is sealed")
            .context("profile `dev`")
            .context("profile `dev`")
            .context("chain");
        assert_eq!(error.message(), "chain: profile `dev`: the vault is sealed");
    }
}
