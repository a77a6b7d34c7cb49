//! What the server saw of each request id, and the faults it decided on.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// How the server answers one attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// `200` with the id echoed.
    Ok,
    /// `200` with the id echoed, after a pause.
    Slow,
    /// `503` (the client retries).
    Unavailable,
}

/// Which requests fail or stall: request `n` gets a `503` on its first attempt when
/// `n % every == 0`, and a slow reply when `n % every == every / 2`, so `1 / every` of the
/// requests each (1% with `every = 100`), spread evenly and the same in every run.
#[derive(Debug, Clone, Copy)]
pub struct FaultPlan {
    pub every: u64,
}

impl FaultPlan {
    /// The answer to attempt `attempt` (1-based) of request `n`.
    pub fn answer(&self, n: u64, attempt: u32) -> Answer {
        if self.every == 0 {
            Answer::Ok
        } else if n.is_multiple_of(self.every) && attempt == 1 {
            Answer::Unavailable
        } else if n % self.every == self.every / 2 {
            Answer::Slow
        } else {
            Answer::Ok
        }
    }
}

/// Per request id: attempts received and success replies sent.
#[derive(Debug, Default, Clone, Copy)]
pub struct Entry {
    pub attempts: u32,
    pub successes: u32,
}

/// Every request the server received, by id, with the answers it chose.
#[derive(Debug, Default)]
pub struct Ledger {
    entries: Mutex<HashMap<u64, Entry>>,
    /// Requests whose body held no id of the form `r-<n>`.
    unreadable: Mutex<u64>,
}

impl Ledger {
    /// Records an attempt at request `n` and returns how to answer it.
    pub fn attempt(&self, n: u64, plan: &FaultPlan) -> Answer {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let entry = entries.entry(n).or_default();
        entry.attempts += 1;
        let answer = plan.answer(n, entry.attempts);
        if answer != Answer::Unavailable {
            entry.successes += 1;
        }
        answer
    }

    /// Records a request without a readable id.
    pub fn unreadable(&self) {
        *self
            .unreadable
            .lock()
            .unwrap_or_else(PoisonError::into_inner) += 1;
    }

    /// The audit of a run of `requests` requests (ids `0..requests`).
    pub fn audit(&self, requests: u64) -> Audit {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        let mut audit = Audit {
            unreadable: *self
                .unreadable
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
            ..Audit::default()
        };
        for n in 0..requests {
            match entries.get(&n) {
                None => audit.lost += 1,
                Some(entry) => {
                    audit.attempts += u64::from(entry.attempts);
                    match entry.successes {
                        0 => audit.lost += 1,
                        1 => {}
                        _ => audit.duplicated += 1,
                    }
                }
            }
        }
        audit.unexpected = entries.keys().filter(|&&n| n >= requests).count() as u64;
        audit
    }
}

/// What the server's records say of a run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Audit {
    /// Requests never answered with a success.
    pub lost: u64,
    /// Requests answered with a success more than once.
    pub duplicated: u64,
    /// Ids outside the run's range.
    pub unexpected: u64,
    /// Requests without a readable id.
    pub unreadable: u64,
    /// Attempts at the run's requests, retries included.
    pub attempts: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_fails_and_stalls_one_request_in_every() {
        let plan = FaultPlan { every: 100 };
        let answers: Vec<Answer> = (0..1000).map(|n| plan.answer(n, 1)).collect();
        assert_eq!(
            answers
                .iter()
                .filter(|a| **a == Answer::Unavailable)
                .count(),
            10
        );
        assert_eq!(answers.iter().filter(|a| **a == Answer::Slow).count(), 10);
        assert_eq!(plan.answer(0, 2), Answer::Ok, "the retry succeeds");
    }

    #[test]
    fn the_audit_finds_lost_and_duplicated_requests() {
        let ledger = Ledger::default();
        let plan = FaultPlan { every: 0 };
        ledger.attempt(0, &plan);
        ledger.attempt(2, &plan);
        ledger.attempt(2, &plan);
        ledger.attempt(7, &plan);
        let audit = ledger.audit(3);
        assert_eq!(audit.lost, 1);
        assert_eq!(audit.duplicated, 1);
        assert_eq!(audit.unexpected, 1);
        assert_eq!(audit.attempts, 3);
    }
}
