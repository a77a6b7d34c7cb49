//! Phase 2: where a call goes and how it is signed there.
//!
//! A service with an endpoint rule set has it evaluated with the built-ins from the
//! [`Config`] (`Region`, `UseFIPS`, `UseDualStack`, `Endpoint`, `AccountId`, ...), the
//! service's own parameters set in the config, the operation's static parameters and those
//! bound from its input. The resolved endpoint gives the URL, headers to send, and the signing
//! name and region (`authSchemes`). A model without rules (such as the hand-written ones in
//! `spec/`) gets `endpoint_url`, else `https://{endpointPrefix}.{region}.amazonaws.com`.
//!
//! Endpoints are resolved once and cached: per client for operations that bind nothing, per
//! parameter set otherwise, so resolution does not show in the per-call cost.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use http::{HeaderName, HeaderValue};

use super::spec::{OperationSpec, ServiceSpec};
use crate::config::Config;
use crate::endpoint::{Endpoint, ParamValue, Params, Resolver};
use crate::error::ConstructionError;
use crate::sign::SigningScope;
use crate::types::Document;

/// How many parameter sets' endpoints a client keeps.
const CACHE_CAPACITY: usize = 64;

/// Where to send a call, parsed once.
#[derive(Debug)]
pub(crate) struct ResolvedEndpoint {
    pub(crate) scheme: http::uri::Scheme,
    pub(crate) authority: http::uri::Authority,
    /// The `host` header for requests without a host prefix.
    pub(crate) host: HeaderValue,
    /// The base path without a trailing `/`, prepended to every request path.
    pub(crate) path: String,
    /// Headers the endpoint asks for.
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// How requests to it are signed.
    pub(crate) signing: SigningScope,
}

impl ResolvedEndpoint {
    /// This endpoint moved to `url` (scheme, host and base path), with the same headers and
    /// signing scope.
    pub(crate) fn with_url(&self, url: &str) -> Result<Self, ConstructionError> {
        let mut moved = parse_url(url, self.signing.clone())?;
        moved.headers = self.headers.clone();
        Ok(moved)
    }
}

/// Resolves and caches the endpoints of one client.
#[derive(Debug)]
pub(crate) struct Endpoints {
    /// Built-ins and client parameters, the same for every call.
    base: Params,
    /// Whether the rule set reads the account id (which comes from the credentials).
    uses_account_id: bool,
    /// For operations that bind no parameter of their own.
    default: OnceLock<Result<Arc<ResolvedEndpoint>, ConstructionError>>,
    cache: Mutex<HashMap<Params, Arc<ResolvedEndpoint>>>,
}

impl Endpoints {
    pub(crate) fn new(config: &Config, service: &ServiceSpec) -> Self {
        let rules = service.endpoint_rules.and_then(|rules| rules.get().ok());
        let mut base = Params::new();
        let mut uses_account_id = false;
        for parameter in rules.iter().flat_map(|r| r.rule_set().parameters()) {
            let name = parameter.name();
            if let Some((_, value)) = config.endpoint_params().iter().find(|(n, _)| n == name) {
                base.set(name.to_owned(), value.clone());
                continue;
            }
            let value: Option<ParamValue> = match parameter.built_in() {
                Some("AWS::Region") => config.region().map(ParamValue::from),
                Some("AWS::UseFIPS") => Some(config.use_fips().into()),
                Some("AWS::UseDualStack") => Some(config.use_dual_stack().into()),
                Some("SDK::Endpoint") => config.endpoint_url().map(ParamValue::from),
                Some("AWS::Auth::AccountIdEndpointMode") => Some(
                    config
                        .account_id_endpoint_mode()
                        .unwrap_or("preferred")
                        .into(),
                ),
                Some("AWS::Auth::AccountId") => {
                    uses_account_id = true;
                    config.account_id().map(ParamValue::from)
                }
                // Other built-ins (S3's `ForcePathStyle`, STS's `UseGlobalEndpoint`, ...) keep
                // the rule set's default unless set with `endpoint_param`.
                _ => None,
            };
            if let Some(value) = value {
                base.set(name.to_owned(), value);
            }
        }
        Self {
            base,
            uses_account_id: uses_account_id && config.account_id().is_none(),
            default: OnceLock::new(),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The endpoint of one call: `context` are the parameters bound from its input, and
    /// `account_id` the account of its credentials.
    pub(crate) fn resolve(
        &self,
        config: &Config,
        service: &ServiceSpec,
        operation: &OperationSpec,
        context: Vec<(&'static str, ParamValue)>,
        account_id: Option<&str>,
    ) -> Result<Arc<ResolvedEndpoint>, ConstructionError> {
        let Some(rules) = service.endpoint_rules else {
            return self
                .default
                .get_or_init(|| legacy(config, service).map(Arc::new))
                .clone();
        };
        let resolver = rules.get().map_err(|error| {
            ConstructionError::new(format!("the model's endpoint rules are invalid: {error}"))
        })?;
        let account_id = account_id.filter(|_| self.uses_account_id);
        if operation.static_params.is_empty() && context.is_empty() && account_id.is_none() {
            return self
                .default
                .get_or_init(|| {
                    self.evaluate(resolver, &self.base, config, service)
                        .map(Arc::new)
                })
                .clone();
        }
        let mut params = self.base.clone();
        for (name, value) in operation.static_params {
            params.set(*name, value.value());
        }
        for (name, value) in context {
            params.set(name, value);
        }
        if let Some(account_id) = account_id {
            params.set("AccountId", account_id.to_owned());
        }
        let mut cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(endpoint) = cache.get(&params) {
            return Ok(Arc::clone(endpoint));
        }
        drop(cache);
        let endpoint = Arc::new(self.evaluate(resolver, &params, config, service)?);
        cache = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        if cache.len() >= CACHE_CAPACITY {
            cache.clear();
        }
        cache.insert(params, Arc::clone(&endpoint));
        Ok(endpoint)
    }

    fn evaluate(
        &self,
        resolver: &Resolver,
        params: &Params,
        config: &Config,
        service: &ServiceSpec,
    ) -> Result<ResolvedEndpoint, ConstructionError> {
        let endpoint = resolver
            .resolve(params)
            .map_err(|error| ConstructionError::new(format!("no endpoint: {error}")))?;
        let signing = signing_scope(&endpoint, service, config)?;
        let mut resolved = parse_url(endpoint.url(), signing)?;
        for (name, values) in endpoint.headers() {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                ConstructionError::new(format!("the endpoint's header `{name}` is invalid"))
            })?;
            for value in values {
                let value = HeaderValue::from_str(value).map_err(|_| {
                    ConstructionError::new(format!("the endpoint's header `{name}` is invalid"))
                })?;
                resolved.headers.push((name.clone(), value));
            }
        }
        Ok(resolved)
    }
}

/// The endpoint of a model without rules: `endpoint_url`, else the regional default.
fn legacy(config: &Config, service: &ServiceSpec) -> Result<ResolvedEndpoint, ConstructionError> {
    let url = match (config.endpoint_url(), config.region()) {
        (Some(url), _) => url.to_owned(),
        (None, Some(region)) => {
            let suffix = if region.starts_with("cn-") {
                "amazonaws.com.cn"
            } else {
                "amazonaws.com"
            };
            format!("https://{}.{region}.{suffix}", service.endpoint_prefix)
        }
        (None, None) => {
            return Err(ConstructionError::new(
                "no endpoint: set `endpoint_url` or `region` in the config",
            ));
        }
    };
    let signing = SigningScope {
        name: service.signing_name.unwrap_or_default().to_owned(),
        region: config.region().unwrap_or_default().to_owned(),
        double_encode: true,
    };
    parse_url(&url, signing)
}

/// How to sign for an endpoint: its first `sigv4` auth scheme, else the service's signing
/// name and the configured region.
fn signing_scope(
    endpoint: &Endpoint,
    service: &ServiceSpec,
    config: &Config,
) -> Result<SigningScope, ConstructionError> {
    let mut scope = SigningScope {
        name: service.signing_name.unwrap_or_default().to_owned(),
        region: config.region().unwrap_or_default().to_owned(),
        double_encode: true,
    };
    let schemes = endpoint.auth_schemes();
    if schemes.is_empty() {
        return Ok(scope);
    }
    let text = |scheme: &Document, key: &str| match scheme {
        Document::Object(entries) => match entries.get(key) {
            Some(Document::String(value)) => Some(value.clone()),
            _ => None,
        },
        _ => None,
    };
    let sigv4 = schemes
        .iter()
        .find(|scheme| text(scheme, "name").as_deref() == Some("sigv4"));
    let Some(sigv4) = sigv4 else {
        let names: Vec<String> = schemes.iter().filter_map(|s| text(s, "name")).collect();
        return Err(ConstructionError::new(format!(
            "the endpoint asks for signing with {}, which shapegen does not support (only sigv4)",
            names.join(", ")
        )));
    };
    if let Some(name) = text(sigv4, "signingName") {
        scope.name = name;
    }
    if let Some(region) = text(sigv4, "signingRegion") {
        scope.region = region;
    }
    if let Document::Object(entries) = sigv4
        && let Some(Document::Bool(true)) = entries.get("disableDoubleEncoding")
    {
        scope.double_encode = false;
    }
    Ok(scope)
}

fn parse_url(url: &str, signing: SigningScope) -> Result<ResolvedEndpoint, ConstructionError> {
    let uri: http::Uri = url
        .parse()
        .map_err(|error| ConstructionError::new(format!("endpoint `{url}` is invalid: {error}")))?;
    let authority = uri
        .authority()
        .ok_or_else(|| ConstructionError::new(format!("endpoint `{url}` has no host")))?;
    let host = HeaderValue::from_str(authority.as_str())
        .map_err(|_| ConstructionError::new(format!("endpoint `{url}` has an invalid host")))?;
    Ok(ResolvedEndpoint {
        scheme: uri.scheme().cloned().unwrap_or(http::uri::Scheme::HTTPS),
        authority: authority.clone(),
        host,
        path: uri.path().trim_end_matches('/').to_owned(),
        headers: Vec::new(),
        signing,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Protocol;

    static SERVICE: ServiceSpec = ServiceSpec {
        id: "example#Chime",
        title: "Chime",
        version: "2018-05-01",
        endpoint_prefix: "chime",
        signing_name: Some("chime"),
        protocol: Protocol::RestJson1,
        endpoint_rules: None,
    };

    static OPERATION: OperationSpec = OperationSpec {
        name: "Op",
        errors: &[],
        static_params: &[],
        signed: true,
    };

    fn endpoint(config: Config) -> Result<Arc<ResolvedEndpoint>, ConstructionError> {
        Endpoints::new(&config, &SERVICE).resolve(&config, &SERVICE, &OPERATION, Vec::new(), None)
    }

    #[test]
    fn models_without_rules_use_the_url_or_the_region() {
        let from_url = endpoint(
            Config::builder()
                .endpoint_url("http://127.0.0.1:8080/base/")
                .build()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(from_url.scheme.as_str(), "http");
        assert_eq!(from_url.authority.as_str(), "127.0.0.1:8080");
        assert_eq!(from_url.path, "/base");
        let regional = endpoint(Config::builder().region("eu-west-1").build().unwrap()).unwrap();
        assert_eq!(regional.authority.as_str(), "chime.eu-west-1.amazonaws.com");
        assert_eq!(regional.path, "");
        assert_eq!(regional.signing.region, "eu-west-1");
        assert_eq!(regional.signing.name, "chime");
        let china = endpoint(Config::builder().region("cn-north-1").build().unwrap()).unwrap();
        assert_eq!(
            china.authority.as_str(),
            "chime.cn-north-1.amazonaws.com.cn"
        );
        let none = endpoint(Config::builder().build().unwrap()).unwrap_err();
        assert!(none.message().contains("endpoint_url"));
    }

    #[test]
    fn an_endpoint_moved_to_another_url_keeps_its_signing_scope() {
        let config = Config::builder().region("eu-west-1").build().unwrap();
        let regional = endpoint(config).unwrap();
        let moved = regional
            .with_url("http://realtime.example.com:8443/predict/")
            .unwrap();
        assert_eq!(moved.scheme.as_str(), "http");
        assert_eq!(moved.authority.as_str(), "realtime.example.com:8443");
        assert_eq!(moved.host, "realtime.example.com:8443");
        assert_eq!(moved.path, "/predict");
        assert_eq!(moved.signing, regional.signing);
        assert!(regional.with_url("not a url").is_err());
        assert!(regional.with_url("/no/host").is_err());
    }
}
