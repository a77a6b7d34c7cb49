//! The retry quota of standard retry mode: a token bucket shared by the calls of a client, so
//! that a failing service is not hammered by every caller's retries at once.

use std::sync::Mutex;

/// Tokens a retry costs.
pub(crate) const RETRY_COST: u32 = 5;
/// Tokens a retry after a timeout costs.
pub(crate) const TIMEOUT_RETRY_COST: u32 = 10;
/// Tokens a call that succeeds on its first attempt gives back.
const SUCCESS_INCREMENT: u32 = 1;

/// A token bucket: each retry takes tokens (5, or 10 after a timeout); a success returns what
/// its retries took, or 1 token when it needed none, up to the capacity. With too few tokens
/// left, a call does not retry and returns its last error.
///
/// Shared by every client built from the same [`Config`](crate::Config).
#[derive(Debug)]
pub struct RetryQuota {
    capacity: u32,
    available: Mutex<u32>,
}

impl RetryQuota {
    /// A full bucket of `capacity` tokens (standard mode: 500).
    pub fn new(capacity: u32) -> Self {
        Self {
            capacity,
            available: Mutex::new(capacity),
        }
    }

    /// The bucket's size.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// Tokens left now.
    pub fn available(&self) -> u32 {
        *self.lock()
    }

    /// Takes `cost` tokens for a retry, if there are that many.
    pub(crate) fn try_acquire(&self, cost: u32) -> bool {
        let mut available = self.lock();
        match available.checked_sub(cost) {
            Some(left) => {
                *available = left;
                true
            }
            None => false,
        }
    }

    /// A call succeeded after retries that took `spent` tokens (0 when it needed none).
    pub(crate) fn on_success(&self, spent: u32) {
        let refund = if spent == 0 { SUCCESS_INCREMENT } else { spent };
        let mut available = self.lock();
        *available = available.saturating_add(refund).min(self.capacity);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, u32> {
        // A count cannot be left half-updated, so a poisoned lock is still usable.
        self.available
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self::new(500)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_spend_and_successes_refill() {
        let quota = RetryQuota::new(12);
        assert!(quota.try_acquire(RETRY_COST));
        assert!(quota.try_acquire(RETRY_COST));
        assert!(!quota.try_acquire(RETRY_COST), "2 left");
        assert_eq!(quota.available(), 2);
        quota.on_success(10);
        assert_eq!(quota.available(), 12);
        quota.on_success(0);
        assert_eq!(quota.available(), 12, "capped at the capacity");
        assert!(quota.try_acquire(TIMEOUT_RETRY_COST));
        quota.on_success(0);
        assert_eq!(quota.available(), 3);
    }
}
