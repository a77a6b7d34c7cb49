//! A rule set and partition table with a small cache of results, shared by every call.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use super::error::{ResolveError, RuleSetError};
use super::params::Params;
use super::partitions::Partitions;
use super::resolved::Endpoint;
use super::syntax::RuleSet;

/// How many distinct parameter sets a [`Resolver`] remembers. A client usually calls with a
/// handful (one region, a few buckets); past the cap, an arbitrary entry makes room.
pub const CACHE_CAPACITY: usize = 128;

type Outcome = Result<Arc<Endpoint>, ResolveError>;

/// Resolves endpoints with one rule set, remembering the outcome for the last
/// [`CACHE_CAPACITY`] distinct [`Params`].
///
/// It is `Send + Sync`: share one (for example in a `static` [`LazyResolver`]) across clients
/// and tasks. Evaluation runs outside the cache's lock.
#[derive(Debug)]
pub struct Resolver {
    rule_set: RuleSet,
    partitions: Arc<Partitions>,
    cache: Mutex<HashMap<Params, Outcome>>,
}

impl Resolver {
    /// A resolver for `rule_set` with the partition table this crate ships
    /// ([`Partitions::aws`]).
    pub fn new(rule_set: RuleSet) -> Self {
        Self::with_partitions(rule_set, Partitions::aws_shared())
    }

    /// A resolver for `rule_set` with another partition table.
    pub fn with_partitions(rule_set: RuleSet, partitions: Arc<Partitions>) -> Self {
        Self {
            rule_set,
            partitions,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The rule set.
    pub fn rule_set(&self) -> &RuleSet {
        &self.rule_set
    }

    /// The endpoint for `params`, from the cache or evaluated (and then cached). Errors are
    /// cached too: the same values give the same error.
    pub fn resolve(&self, params: &Params) -> Result<Arc<Endpoint>, ResolveError> {
        if let Some(outcome) = self.lock().get(params) {
            return outcome.clone();
        }
        let outcome = self
            .rule_set
            .evaluate(params, &self.partitions)
            .map(Arc::new);
        let mut cache = self.lock();
        if cache.len() >= CACHE_CAPACITY
            && !cache.contains_key(params)
            && let Some(evicted) = cache.keys().next().cloned()
        {
            cache.remove(&evicted);
        }
        cache.insert(params.clone(), outcome.clone());
        outcome
    }

    /// The number of cached outcomes.
    pub fn cached(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Params, Outcome>> {
        // A panic while holding the lock cannot leave the map inconsistent: keep using it.
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A rule set kept as JSON text (as generated code embeds it), parsed into a [`Resolver`] on
/// first use and then shared for the life of the process.
///
/// ```
/// use shapegen::endpoint::{LazyResolver, Params};
///
/// static RULES: LazyResolver = LazyResolver::new(r#"{
///     "version": "1.0",
///     "parameters": {"Region": {"type": "String", "builtIn": "AWS::Region", "required": true}},
///     "rules": [{
///         "type": "endpoint",
///         "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}],
///         "endpoint": {"url": "https://example.{Region}.{p#dnsSuffix}"}
///     }]
/// }"#);
///
/// let endpoint = RULES.resolve(&Params::new().with("Region", "cn-north-1"))?;
/// assert_eq!(endpoint.url(), "https://example.cn-north-1.amazonaws.com.cn");
/// # Ok::<(), shapegen::endpoint::ResolveError>(())
/// ```
pub struct LazyResolver {
    json: &'static str,
    resolver: OnceLock<Result<Resolver, RuleSetError>>,
}

impl LazyResolver {
    /// A resolver for the rule set `json`, parsed when first used.
    pub const fn new(json: &'static str) -> Self {
        Self {
            json,
            resolver: OnceLock::new(),
        }
    }

    /// The resolver, parsing the rule set on the first call.
    pub fn get(&self) -> Result<&Resolver, &RuleSetError> {
        self.resolver
            .get_or_init(|| RuleSet::parse(self.json).map(Resolver::new))
            .as_ref()
    }

    /// [`Resolver::resolve`] on the parsed rule set; a rule set that does not parse is
    /// [`ResolveError::RuleSet`].
    pub fn resolve(&self, params: &Params) -> Result<Arc<Endpoint>, ResolveError> {
        self.get()
            .map_err(|error| ResolveError::RuleSet(error.clone()))?
            .resolve(params)
    }
}

impl std::fmt::Debug for LazyResolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LazyResolver")
            .field("parsed", &self.resolver.get().map(Result::is_ok))
            .finish_non_exhaustive()
    }
}
