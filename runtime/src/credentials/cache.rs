//! Caching in front of a provider: one fetch however many callers, refreshed ahead of expiry.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use super::{
    Credentials, CredentialsError, CredentialsFuture, ProvideCredentials,
    SharedCredentialsProvider, TimeSource, format_time,
};

/// Refresh this long before the credentials expire, by default.
const DEFAULT_REFRESH_BEFORE: Duration = Duration::from_secs(5 * 60);
/// Plus up to this much more (random per fetch), so many clients do not refresh at once.
const DEFAULT_JITTER: Duration = Duration::from_secs(60);
/// The default limit on one fetch (STS chains make several calls).
const DEFAULT_LOAD_TIMEOUT: Duration = Duration::from_secs(30);
/// After a failed refresh, still-valid credentials are served this long before trying again.
const DEFAULT_RETRY_AFTER_FAILURE: Duration = Duration::from_secs(10);

/// Caches the credentials of another provider.
///
/// - The first call fetches; later calls get the cached credentials until they are due for
///   refresh: 5 minutes before they expire, plus a random jitter of up to a minute.
///   Credentials without an expiry are kept for good.
/// - Single flight: however many callers arrive while a fetch is under way, they wait for
///   that one fetch and share its result (or its error).
/// - When a refresh fails while the cached credentials are still valid, those are served
///   (and a new refresh is tried no sooner than 10 s later).
/// - A fetch that takes longer than the load timeout (30 s) is abandoned with a
///   [`Timeout`](super::CredentialsErrorKind::Timeout) error.
pub struct CachingProvider {
    inner: SharedCredentialsProvider,
    settings: Settings,
    state: Mutex<State>,
    /// Held by the one caller fetching; the others queue on it.
    refresh: tokio::sync::Mutex<()>,
}

#[derive(Debug, Clone)]
struct Settings {
    refresh_before: Duration,
    jitter: Duration,
    load_timeout: Duration,
    retry_after_failure: Duration,
    time: TimeSource,
}

#[derive(Default)]
struct State {
    cached: Option<Cached>,
    /// Counts finished fetches, so a caller that waited can tell one happened.
    fetches: u64,
    /// The error of the last fetch, if it failed.
    last_error: Option<CredentialsError>,
}

struct Cached {
    credentials: Credentials,
    /// When to fetch again; `None`: never (no expiry).
    refresh_at: Option<SystemTime>,
}

impl Cached {
    fn is_fresh(&self, now: SystemTime) -> bool {
        self.refresh_at.is_none_or(|at| now < at)
    }

    fn is_usable(&self, now: SystemTime) -> bool {
        !self.credentials.is_expired_at(now)
    }
}

/// Settings for a [`CachingProvider`].
#[derive(Debug)]
pub struct CachingProviderBuilder {
    inner: SharedCredentialsProvider,
    settings: Settings,
}

impl CachingProviderBuilder {
    /// Refreshes this long before expiry (default 5 minutes).
    pub fn refresh_before(mut self, before: Duration) -> Self {
        self.settings.refresh_before = before;
        self
    }

    /// Refreshes up to this much earlier still, at random (default 1 minute; zero for none).
    pub fn jitter(mut self, jitter: Duration) -> Self {
        self.settings.jitter = jitter;
        self
    }

    /// Abandons a fetch after `timeout` (default 30 s).
    pub fn load_timeout(mut self, timeout: Duration) -> Self {
        self.settings.load_timeout = timeout;
        self
    }

    /// After a failed refresh, serves the still-valid credentials this long before trying
    /// again (default 10 s).
    pub fn retry_after_failure(mut self, wait: Duration) -> Self {
        self.settings.retry_after_failure = wait;
        self
    }

    /// Reads the time from `time` (default: the system clock).
    pub fn time_source(mut self, time: TimeSource) -> Self {
        self.settings.time = time;
        self
    }

    /// The caching provider.
    pub fn build(self) -> CachingProvider {
        CachingProvider {
            inner: self.inner,
            settings: self.settings,
            state: Mutex::new(State::default()),
            refresh: tokio::sync::Mutex::new(()),
        }
    }
}

impl CachingProvider {
    /// Caches `inner` with the default settings.
    pub fn new(inner: impl ProvideCredentials + 'static) -> Self {
        Self::builder(inner).build()
    }

    /// Caches `inner` with settings to choose.
    pub fn builder(inner: impl ProvideCredentials + 'static) -> CachingProviderBuilder {
        CachingProviderBuilder {
            inner: SharedCredentialsProvider::new(inner),
            settings: Settings {
                refresh_before: DEFAULT_REFRESH_BEFORE,
                jitter: DEFAULT_JITTER,
                load_timeout: DEFAULT_LOAD_TIMEOUT,
                retry_after_failure: DEFAULT_RETRY_AFTER_FAILURE,
                time: TimeSource::system(),
            },
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    async fn get(&self) -> Result<Credentials, CredentialsError> {
        let fetches_seen = {
            let state = self.lock();
            let now = self.settings.time.now();
            if let Some(cached) = &state.cached
                && cached.is_fresh(now)
            {
                return Ok(cached.credentials.clone());
            }
            state.fetches
        };
        let _flight = self.refresh.lock().await;
        {
            let state = self.lock();
            let now = self.settings.time.now();
            if let Some(cached) = &state.cached
                && cached.is_fresh(now)
            {
                return Ok(cached.credentials.clone());
            }
            // Someone else fetched while this caller waited: share that outcome.
            if state.fetches != fetches_seen {
                if let Some(cached) = &state.cached
                    && cached.is_usable(now)
                {
                    return Ok(cached.credentials.clone());
                }
                if let Some(error) = &state.last_error {
                    return Err(error.clone());
                }
            }
        }
        let fetched = match tokio::time::timeout(
            self.settings.load_timeout,
            self.inner.provide_credentials(),
        )
        .await
        {
            Ok(result) => result,
            Err(_) => Err(CredentialsError::timeout(format!(
                "fetching credentials took longer than {:?}",
                self.settings.load_timeout
            ))),
        };
        let now = self.settings.time.now();
        let mut state = self.lock();
        state.fetches += 1;
        match fetched {
            Ok(credentials) => {
                state.last_error = None;
                state.cached = Some(Cached {
                    refresh_at: self.refresh_time(&credentials),
                    credentials: credentials.clone(),
                });
                Ok(credentials)
            }
            Err(error) => {
                state.last_error = Some(error.clone());
                match state.cached.as_mut() {
                    Some(cached) if cached.is_usable(now) => {
                        tracing::warn!(
                            error = %error,
                            expiry = cached.credentials.expiry().map(format_time),
                            "refreshing credentials failed; using the cached ones until they expire"
                        );
                        cached.refresh_at = Some(now + self.settings.retry_after_failure);
                        Ok(cached.credentials.clone())
                    }
                    _ => Err(error),
                }
            }
        }
    }

    /// Expiry minus the refresh margin minus a random jitter.
    fn refresh_time(&self, credentials: &Credentials) -> Option<SystemTime> {
        let expiry = credentials.expiry()?;
        let jitter_nanos = u64::try_from(self.settings.jitter.as_nanos()).unwrap_or(u64::MAX);
        let jitter = Duration::from_nanos(fastrand::u64(0..=jitter_nanos));
        let early = self.settings.refresh_before.saturating_add(jitter);
        Some(expiry.checked_sub(early).unwrap_or(SystemTime::UNIX_EPOCH))
    }
}

impl ProvideCredentials for CachingProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.get())
    }
}

impl std::fmt::Debug for CachingProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachingProvider")
            .field("inner", &self.inner)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::CredentialsErrorKind;
    use crate::credentials::test_support::{FakeResponse, FakeServer, ManualClock, rfc3339};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Hands out `AKID<n>` credentials valid for `lifetime` from the clock's now, counting
    /// fetches; fails while `failing` is set.
    #[derive(Debug)]
    struct Counting {
        fetches: Arc<AtomicUsize>,
        failing: Arc<std::sync::atomic::AtomicBool>,
        lifetime: Option<Duration>,
        delay: Duration,
        clock: Arc<ManualClockDebug>,
    }

    struct ManualClockDebug(ManualClock);

    impl std::fmt::Debug for ManualClockDebug {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("ManualClock")
        }
    }

    impl ProvideCredentials for Counting {
        fn provide_credentials(&self) -> CredentialsFuture<'_> {
            Box::pin(async move {
                tokio::time::sleep(self.delay).await;
                let n = self.fetches.fetch_add(1, Ordering::SeqCst) + 1;
                if self.failing.load(Ordering::SeqCst) {
                    return Err(CredentialsError::provider_error(format!(
                        "fetch {n} failed"
                    )));
                }
                let credentials = Credentials::new(format!("AKID{n}"), "secret", None);
                Ok(match self.lifetime {
                    Some(lifetime) => credentials.with_expiry(self.clock.0.now() + lifetime),
                    None => credentials,
                })
            })
        }
    }

    struct Fixture {
        fetches: Arc<AtomicUsize>,
        failing: Arc<std::sync::atomic::AtomicBool>,
        clock: ManualClock,
        provider: CachingProvider,
    }

    fn fixture(lifetime: Option<Duration>, delay: Duration) -> Fixture {
        let fetches = Arc::new(AtomicUsize::new(0));
        let failing = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let clock = ManualClock::new();
        let inner = Counting {
            fetches: Arc::clone(&fetches),
            failing: Arc::clone(&failing),
            lifetime,
            delay,
            clock: Arc::new(ManualClockDebug(clock.clone())),
        };
        let provider = CachingProvider::builder(inner)
            .jitter(Duration::ZERO)
            .time_source(clock.time_source())
            .build();
        Fixture {
            fetches,
            failing,
            clock,
            provider,
        }
    }

    async fn key(provider: &CachingProvider) -> Result<String, CredentialsError> {
        provider
            .provide_credentials()
            .await
            .map(|c| c.access_key_id().to_owned())
    }

    #[tokio::test]
    async fn caches_until_five_minutes_before_expiry() {
        let f = fixture(Some(Duration::from_secs(3600)), Duration::ZERO);
        assert_eq!(key(&f.provider).await.unwrap(), "AKID1");
        f.clock.advance(Duration::from_secs(3600 - 301));
        assert_eq!(key(&f.provider).await.unwrap(), "AKID1");
        f.clock.advance(Duration::from_secs(2));
        assert_eq!(key(&f.provider).await.unwrap(), "AKID2");
        assert_eq!(f.fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn credentials_without_expiry_are_fetched_once() {
        let f = fixture(None, Duration::ZERO);
        for _ in 0..3 {
            assert_eq!(key(&f.provider).await.unwrap(), "AKID1");
            f.clock.advance(Duration::from_secs(86_400));
        }
        assert_eq!(f.fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn fifty_concurrent_callers_share_one_fetch() {
        let f = Arc::new(fixture(
            Some(Duration::from_secs(3600)),
            Duration::from_millis(100),
        ));
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let f = Arc::clone(&f);
                tokio::spawn(async move { key(&f.provider).await })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap().unwrap(), "AKID1");
        }
        assert_eq!(f.fetches.load(Ordering::SeqCst), 1);

        // The same at refresh time: one refresh for all.
        f.clock.advance(Duration::from_secs(3600));
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let f = Arc::clone(&f);
                tokio::spawn(async move { key(&f.provider).await })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap().unwrap(), "AKID2");
        }
        assert_eq!(f.fetches.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_callers_share_a_failure_too() {
        let f = Arc::new(fixture(None, Duration::from_millis(300)));
        f.failing.store(true, Ordering::SeqCst);
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let f = Arc::clone(&f);
                tokio::spawn(async move { key(&f.provider).await })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap().unwrap_err().message(), "fetch 1 failed");
        }
        assert_eq!(f.fetches.load(Ordering::SeqCst), 1);
        // A later caller tries again.
        f.failing.store(false, Ordering::SeqCst);
        assert_eq!(key(&f.provider).await.unwrap(), "AKID2");
    }

    #[tokio::test]
    async fn a_failed_refresh_keeps_valid_credentials_then_retries() {
        let f = fixture(Some(Duration::from_secs(3600)), Duration::ZERO);
        assert_eq!(key(&f.provider).await.unwrap(), "AKID1");
        f.failing.store(true, Ordering::SeqCst);
        f.clock.advance(Duration::from_secs(3400));
        assert_eq!(key(&f.provider).await.unwrap(), "AKID1");
        assert_eq!(f.fetches.load(Ordering::SeqCst), 2);
        // Not retried within 10 s.
        f.clock.advance(Duration::from_secs(5));
        assert_eq!(key(&f.provider).await.unwrap(), "AKID1");
        assert_eq!(f.fetches.load(Ordering::SeqCst), 2);
        f.clock.advance(Duration::from_secs(6));
        assert_eq!(key(&f.provider).await.unwrap(), "AKID1");
        assert_eq!(f.fetches.load(Ordering::SeqCst), 3);
        // Once they expired, the error comes through.
        f.clock.advance(Duration::from_secs(400));
        assert_eq!(
            key(&f.provider).await.unwrap_err().message(),
            "fetch 4 failed"
        );
        f.failing.store(false, Ordering::SeqCst);
        assert_eq!(key(&f.provider).await.unwrap(), "AKID5");
    }

    #[tokio::test]
    async fn slow_fetches_time_out() {
        let slow = Counting {
            fetches: Arc::default(),
            failing: Arc::default(),
            lifetime: None,
            delay: Duration::from_secs(10),
            clock: Arc::new(ManualClockDebug(ManualClock::new())),
        };
        let provider = CachingProvider::builder(slow)
            .load_timeout(Duration::from_millis(100))
            .build();
        let error = provider.provide_credentials().await.unwrap_err();
        assert_eq!(error.kind(), CredentialsErrorKind::Timeout);
    }

    #[test]
    fn jitter_moves_refresh_earlier_within_bounds() {
        let provider = CachingProvider::builder(Credentials::new("a", "b", None))
            .refresh_before(Duration::from_secs(300))
            .jitter(Duration::from_secs(60))
            .build();
        let expiry = SystemTime::UNIX_EPOCH + Duration::from_secs(10_000);
        let credentials = Credentials::new("a", "b", None).with_expiry(expiry);
        let mut distinct = std::collections::BTreeSet::new();
        for _ in 0..100 {
            let at = provider.refresh_time(&credentials).unwrap();
            assert!(at <= expiry - Duration::from_secs(300));
            assert!(at >= expiry - Duration::from_secs(360));
            distinct.insert(at);
        }
        assert!(distinct.len() > 1, "the jitter is random");
    }

    /// The whole path over HTTP: 50 callers of a cached container provider make one request.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn one_http_fetch_for_fifty_callers() {
        let clock = ManualClock::new();
        let expiry = rfc3339(clock.now() + Duration::from_secs(3600));
        let server = FakeServer::start(move |_| {
            FakeResponse::ok(format!(
                r#"{{"AccessKeyId":"ASIA1","SecretAccessKey":"s","Token":"t","Expiration":"{expiry}"}}"#
            ))
            .delayed(Duration::from_millis(100))
        })
        .await;
        let url = server.url("/creds");
        let config = crate::credentials::test_support::config(&[(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            &url,
        )]);
        let provider = Arc::new(
            CachingProvider::builder(crate::credentials::ContainerProvider::new(&config))
                .time_source(clock.time_source())
                .build(),
        );
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let provider = Arc::clone(&provider);
                tokio::spawn(async move { provider.provide_credentials().await })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap().unwrap().access_key_id(), "ASIA1");
        }
        assert_eq!(server.hits(), 1);
    }
}
