//! Client cases of the compliance suites that are not run, each with the reason (case ids
//! are unique across all suites).

use crate::cases::Kind;

/// `(kind, case id, why it is skipped)`.
const SKIPPED: &[(Kind, &str, &str)] = &[];

/// Why the case `id` is skipped, if it is.
pub fn reason(kind: Kind, id: &str) -> Option<&'static str> {
    SKIPPED
        .iter()
        .find(|(k, case, _)| *k == kind && *case == id)
        .map(|(_, _, reason)| *reason)
}
