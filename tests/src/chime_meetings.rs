//! The in-memory meeting registry and the per-attendee rules of `BatchCreateAttendee`.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::chime_input::AttendeeRequest;
use crate::ids;

/// Most attendees one meeting can have.
pub const MAX_ATTENDEES_PER_MEETING: usize = 250;

/// An attendee created in a meeting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Attendee {
    pub(crate) external_user_id: String,
    pub(crate) attendee_id: String,
    pub(crate) join_token: String,
}

/// The outcome for one item of a batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The attendee was added to the meeting.
    Created(Attendee),
    /// The item failed; the rest of the batch is unaffected.
    Failed {
        external_user_id: String,
        /// One of Chime's `ErrorCode` values.
        error_code: &'static str,
        error_message: String,
    },
}

/// Meetings by lower-case GUID, each with its attendees in creation order.
#[derive(Debug, Default)]
pub(crate) struct Meetings {
    meetings: Mutex<HashMap<String, Vec<Attendee>>>,
}

impl Meetings {
    /// Registers a new meeting without attendees and returns its GUID.
    pub(crate) fn create(&self) -> String {
        let id = ids::guid();
        self.lock().insert(id.clone(), Vec::new());
        id
    }

    /// `(ExternalUserId, AttendeeId)` of every attendee of `meeting_id`, oldest first.
    pub(crate) fn attendees(&self, meeting_id: &str) -> Vec<(String, String)> {
        self.lock()
            .get(&meeting_id.to_ascii_lowercase())
            .map(|attendees| {
                attendees
                    .iter()
                    .map(|a| (a.external_user_id.clone(), a.attendee_id.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Applies a batch to `meeting_id`, one outcome per item in order; `None` when the
    /// meeting does not exist.
    pub(crate) fn batch_create(
        &self,
        meeting_id: &str,
        requests: &[AttendeeRequest],
    ) -> Option<Vec<Outcome>> {
        let mut meetings = self.lock();
        let attendees = meetings.get_mut(&meeting_id.to_ascii_lowercase())?;
        let mut seen_in_batch = HashSet::new();
        let outcomes = requests
            .iter()
            .map(|request| {
                let id = request.external_user_id.as_str();
                let failed = |error_code, error_message| Outcome::Failed {
                    external_user_id: id.to_owned(),
                    error_code,
                    error_message,
                };
                if !seen_in_batch.insert(id) {
                    failed(
                        "BadRequest",
                        format!("The ExternalUserId {id} appears more than once in the request."),
                    )
                } else if attendees.iter().any(|a| a.external_user_id == id) {
                    failed(
                        "Conflict",
                        format!(
                            "An attendee with ExternalUserId {id} already exists in the meeting."
                        ),
                    )
                } else if attendees.len() >= MAX_ATTENDEES_PER_MEETING {
                    failed(
                        "ResourceLimitExceeded",
                        format!(
                            "The meeting has reached its limit of \
                             {MAX_ATTENDEES_PER_MEETING} attendees."
                        ),
                    )
                } else {
                    let attendee = Attendee {
                        external_user_id: id.to_owned(),
                        attendee_id: ids::guid(),
                        join_token: ids::join_token(),
                    };
                    attendees.push(attendee.clone());
                    Outcome::Created(attendee)
                }
            })
            .collect();
        Some(outcomes)
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Vec<Attendee>>> {
        // Every update is a single insert or push, so a poisoned map is still consistent.
        self.meetings.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(id: &str) -> AttendeeRequest {
        AttendeeRequest {
            external_user_id: id.to_owned(),
            tags: Vec::new(),
        }
    }

    fn codes(outcomes: &[Outcome]) -> Vec<&'static str> {
        outcomes
            .iter()
            .map(|outcome| match outcome {
                Outcome::Created(_) => "Created",
                Outcome::Failed { error_code, .. } => error_code,
            })
            .collect()
    }

    #[test]
    fn creates_attendees_in_order() {
        let meetings = Meetings::default();
        let meeting = meetings.create();
        let outcomes = meetings
            .batch_create(&meeting, &[request("alice"), request("bob")])
            .unwrap();
        assert_eq!(codes(&outcomes), ["Created", "Created"]);
        let listed = meetings.attendees(&meeting);
        assert_eq!(listed.len(), 2);
        assert_eq!(listed[0].0, "alice");
        assert_eq!(listed[1].0, "bob");
        assert_ne!(listed[0].1, listed[1].1);
        assert_eq!(meetings.attendees(&meeting.to_ascii_uppercase()), listed);
    }

    #[test]
    fn duplicates_fail_per_item() {
        let meetings = Meetings::default();
        let meeting = meetings.create();
        meetings
            .batch_create(&meeting, &[request("alice")])
            .unwrap();
        let outcomes = meetings
            .batch_create(
                &meeting,
                &[request("alice"), request("bob"), request("bob")],
            )
            .unwrap();
        assert_eq!(codes(&outcomes), ["Conflict", "Created", "BadRequest"]);
        assert_eq!(meetings.attendees(&meeting).len(), 2);
    }

    #[test]
    fn the_meeting_holds_at_most_250_attendees() {
        let meetings = Meetings::default();
        let meeting = meetings.create();
        let first: Vec<_> = (0..249).map(|i| request(&format!("user-{i}"))).collect();
        meetings.batch_create(&meeting, &first).unwrap();
        let outcomes = meetings
            .batch_create(&meeting, &[request("last"), request("one-too-many")])
            .unwrap();
        assert_eq!(codes(&outcomes), ["Created", "ResourceLimitExceeded"]);
        assert_eq!(
            meetings.attendees(&meeting).len(),
            MAX_ATTENDEES_PER_MEETING
        );
    }

    #[test]
    fn unknown_meetings_are_none() {
        let meetings = Meetings::default();
        assert_eq!(
            meetings.batch_create(&ids::guid(), &[request("alice")]),
            None
        );
        assert!(meetings.attendees("nope").is_empty());
    }
}
