//! Standard retry mode: which replies to retry, how long to wait, the retry quota, and clock
//! skew correction.

mod classify;
mod config;
mod quota;
pub(crate) mod skew;

pub(crate) use classify::{classify, retry_after};
pub use config::RetryConfig;
pub use quota::RetryQuota;
pub(crate) use quota::{RETRY_COST, TIMEOUT_RETRY_COST};
