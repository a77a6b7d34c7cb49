//! The engine behind every generated client. A call runs a fixed sequence of phases, each in a
//! module of its own:
//!
//! 1. **serialize** — generated code builds an [`HttpRequest`] from the validated input;
//! 2. **credentials** — from the config's provider (cached, refreshed ahead of expiry);
//! 3. **resolve endpoint** — [`endpoint`]: URL, endpoint headers and signing scope, cached;
//! 4. per attempt: **sign** ([`crate::sign`]) and **transmit** ([`transmit`]) within the
//!    attempt timeout and reply limits;
//! 5. **classify** — [`reply`]: success, or an error with its code, message and retry class,
//!    read once;
//! 6. **retry** — [`crate::retry`]: standard mode with a retry quota, `Retry-After`, and one
//!    retry after correcting the signing clock when the service says it is skewed;
//! 7. **deserialize** — generated code reads the output or its typed error from the [`Reply`].
//!
//! The whole call runs within the operation timeout, in one `tracing` span.

mod endpoint;
mod reply;
mod spec;
mod transmit;

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::SystemTime;

use bytes::Bytes;
use tracing::Instrument;

use crate::config::{Config, ConfigOverride, CredentialsSource};
use crate::credentials::Credentials;
use crate::endpoint::ParamValue;
use crate::error::{SendError, TimeoutError, TimeoutKind, TransportErrorKind};
use crate::request::HttpRequest;
use crate::retry::{self, RETRY_COST, TIMEOUT_RETRY_COST, skew};
use crate::sign::Signer;
use crate::transport::{HttpClient, HyperClient};

pub use reply::Reply;
pub use spec::{ErrorSpec, OperationSpec, ServiceSpec, StaticParam};

/// A reply with its whole body.
pub type HttpResponse = http::Response<Bytes>;

/// Shared state of one client: configuration, HTTP client, endpoints, signer and clock skew.
pub struct Handle {
    config: Config,
    service: &'static ServiceSpec,
    http: Arc<dyn HttpClient>,
    endpoints: endpoint::Endpoints,
    signer: Signer,
    /// The service's clock minus ours, in milliseconds, as learnt from skew errors.
    skew_ms: AtomicI64,
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Handle")
            .field("service", &self.service.id)
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl Handle {
    /// Prepares everything that does not change between calls.
    pub fn new(config: Config, service: &'static ServiceSpec) -> Self {
        let http = config
            .http_client()
            .cloned()
            .unwrap_or_else(|| Arc::new(HyperClient::new(config.connect_timeout())));
        let endpoints = endpoint::Endpoints::new(&config, service);
        Self {
            config,
            service,
            http,
            endpoints,
            signer: Signer::default(),
            skew_ms: AtomicI64::new(0),
        }
    }

    /// The client's configuration.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sends `request` with retries and timeouts; returns the final reply, classified.
    ///
    /// `context` holds the endpoint parameters bound from the input (`contextParam`).
    pub async fn send(
        &self,
        operation: &'static OperationSpec,
        request: HttpRequest,
        context: Vec<(&'static str, ParamValue)>,
        overrides: &ConfigOverride,
    ) -> Result<Reply, SendError> {
        let span = tracing::debug_span!(
            "shapegen.call",
            service = self.service.title,
            operation = operation.name
        );
        let call = self
            .call(operation, request, context, overrides)
            .instrument(span);
        match overrides.operation_timeout_for(&self.config) {
            Some(limit) => tokio::time::timeout(limit, call).await.unwrap_or_else(|_| {
                Err(SendError::Timeout(TimeoutError::new(
                    TimeoutKind::Operation,
                    limit,
                )))
            }),
            None => call.await,
        }
    }

    async fn call(
        &self,
        operation: &'static OperationSpec,
        mut request: HttpRequest,
        context: Vec<(&'static str, ParamValue)>,
        overrides: &ConfigOverride,
    ) -> Result<Reply, SendError> {
        if request.compress
            && self
                .config
                .request_compression_min_size()
                .is_some_and(|min| request.body.len() >= min)
        {
            request.apply_gzip().map_err(SendError::Construction)?;
        }
        let credentials = self.credentials(operation).await?;
        let account_id = self
            .config
            .account_id()
            .or_else(|| credentials.as_ref().and_then(|c| c.account_id()));
        let mut endpoint = self
            .endpoints
            .resolve(&self.config, self.service, operation, context, account_id)
            .map_err(SendError::Construction)?;
        if let Some(url) = request.endpoint_url.take() {
            endpoint = Arc::new(endpoint.with_url(&url).map_err(SendError::Construction)?);
        }
        let prepared =
            transmit::Prepared::new(request, &endpoint, !self.config.host_prefix_disabled())
                .map_err(SendError::Construction)?;
        let retry = self.config.retry();
        let quota = self.config.retry_quota();
        let max_attempts = overrides.max_attempts_for(&self.config);
        let limits = overrides.response_limits_for(&self.config);
        let attempt_timeout = overrides.attempt_timeout_for(&self.config);
        let mut attempt = 1;
        let mut spent = 0;
        let mut skew_corrected = false;
        loop {
            let mut http_request = prepared.request(limits);
            let now = SystemTime::now();
            if let Some(credentials) = &credentials {
                let signed_at = skew::adjusted(now, self.skew_ms.load(Ordering::Relaxed));
                self.signer
                    .sign(&mut http_request, credentials, &endpoint.signing, signed_at)
                    .map_err(SendError::Construction)?;
            }
            let outcome = transmit::attempt(&*self.http, http_request, attempt_timeout, &limits)
                .await
                .map(|response| Reply::classify(self.service, operation, response));
            if let Ok(Reply::Error { response, meta }) = &outcome
                && credentials.is_some()
                && !skew_corrected
                && let Some(skew_ms) = skew::correction(meta, response.headers(), now)
            {
                tracing::debug!(skew_ms, "correcting the signing clock and retrying");
                self.skew_ms.store(skew_ms, Ordering::Relaxed);
                skew_corrected = true;
                continue;
            }
            let cost = match &outcome {
                Ok(Reply::Success(_)) => {
                    quota.on_success(spent);
                    return outcome;
                }
                Ok(Reply::Error { meta, .. }) if meta.is_retryable() => RETRY_COST,
                Err(SendError::Transport(error))
                    if matches!(
                        error.kind(),
                        TransportErrorKind::Connect | TransportErrorKind::Io
                    ) =>
                {
                    RETRY_COST
                }
                Err(SendError::Timeout(_)) => TIMEOUT_RETRY_COST,
                _ => return outcome,
            };
            if attempt >= max_attempts {
                return outcome;
            }
            if !quota.try_acquire(cost) {
                tracing::debug!(attempt, "retry quota exhausted: not retrying");
                return outcome;
            }
            spent += cost;
            let backoff = match &outcome {
                Ok(Reply::Error { response, .. }) => {
                    retry::retry_after(response.headers(), SystemTime::now())
                        .map(|wait| wait.min(retry.max_backoff()))
                }
                _ => None,
            }
            .unwrap_or_else(|| retry.backoff(attempt));
            tracing::debug!(attempt, ?backoff, "retrying");
            tokio::time::sleep(backoff).await;
            attempt += 1;
        }
    }

    /// The credentials to sign this call with, or `None` when it is not signed (the service or
    /// operation is unsigned, or the config has no credentials).
    async fn credentials(
        &self,
        operation: &OperationSpec,
    ) -> Result<Option<Cow<'_, Credentials>>, SendError> {
        if !operation.signed || self.service.signing_name.is_none() {
            return Ok(None);
        }
        match self.config.credentials_source() {
            None => Ok(None),
            Some(CredentialsSource::Static(credentials)) => Ok(Some(Cow::Borrowed(credentials))),
            Some(CredentialsSource::Provider(provider)) => provider
                .provide_credentials()
                .await
                .map(|credentials| Some(Cow::Owned(credentials)))
                .map_err(SendError::Credentials),
        }
    }
}
