//! The Smithy endpoint rules engine: which URL, headers and signing properties a call uses.
//!
//! Every AWS model carries its service's endpoint rules as data, the
//! `smithy.rules#endpointRuleSet` trait. This module runs them: [`RuleSet::parse`] reads the
//! trait's JSON once into a checked tree (unknown functions, wrong argument counts, references
//! to names not in scope and malformed templates are a [`RuleSetError`]), and
//! [`RuleSet::evaluate`] resolves [`Params`] to an [`Endpoint`] or a [`ResolveError`] (an error
//! rule's message, a missing required parameter, a value of the wrong type). It implements
//! rules engine 1.x: the standard library (`isSet`, `not`, `booleanEquals`, `stringEquals`,
//! `getAttr`, `substring`, `uriEncode`, `parseURL`, `isValidHostLabel`, `coalesce`, `ite`,
//! `split`) and the AWS functions (`aws.partition` over a [`Partitions`] table,
//! `aws.parseArn`, `aws.isVirtualHostableS3Bucket`).
//!
//! A [`Resolver`] holds a rule set with a partition table and caches outcomes by parameter
//! values; a [`LazyResolver`] is a `static` one built from embedded JSON on first use.
//!
//! ```
//! use shapegen::endpoint::{Params, Partitions, ResolveError, RuleSet};
//!
//! let rules = RuleSet::parse(r#"{
//!     "version": "1.0",
//!     "parameters": {
//!         "Region": {"type": "String", "builtIn": "AWS::Region", "required": true},
//!         "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false}
//!     },
//!     "rules": [
//!         {"type": "tree",
//!          "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "p"}],
//!          "rules": [
//!             {"type": "error",
//!              "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]},
//!                             {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "p"}, "supportsFIPS"]}, false]}],
//!              "error": "FIPS is not supported in {Region}"},
//!             {"type": "endpoint", "conditions": [],
//!              "endpoint": {"url": "https://svc.{Region}.{p#dnsSuffix}",
//!                           "properties": {"authSchemes": [{"name": "sigv4", "signingRegion": "{Region}"}]}}}
//!          ]}
//!     ]
//! }"#)?;
//!
//! let params = Params::new().with("Region", "eu-west-1");
//! let endpoint = rules.evaluate(&params, Partitions::aws()).unwrap();
//! assert_eq!(endpoint.url(), "https://svc.eu-west-1.amazonaws.com");
//! assert_eq!(endpoint.auth_schemes().len(), 1);
//!
//! let missing = rules.evaluate(&Params::new(), Partitions::aws());
//! assert_eq!(missing, Err(ResolveError::MissingParameter("Region".into())));
//! # Ok::<(), shapegen::endpoint::RuleSetError>(())
//! ```

mod aws;
mod error;
mod eval;
mod json_tree;
mod params;
mod parse;
mod partitions;
mod resolved;
mod resolver;
mod stdlib;
mod syntax;
mod url;
mod value;

#[cfg(test)]
mod tests;

pub use error::{PartitionsError, ResolveError, RuleSetError, RuleSetErrorKind};
pub use params::{ParamType, ParamValue, Params};
pub use partitions::Partitions;
pub use resolved::Endpoint;
pub use resolver::{CACHE_CAPACITY, LazyResolver, Resolver};
pub use syntax::{Parameter, RuleSet};
