//! Deserializing and validating `BatchCreateAttendee` input as the service does.
//!
//! Shape errors (malformed JSON, a string where a list belongs) are rejected at once;
//! constraint violations (lengths, required members, the `MeetingId` pattern) are all
//! collected into one Coral-style message: `2 validation errors detected: …; …`.

use serde_json::{Map, Value};

use crate::chime_errors::ServiceError;
use crate::ids;

/// `ExternalUserIdType` length bounds.
const EXTERNAL_USER_ID_LENGTH: (usize, usize) = (2, 64);
/// Attendees per `BatchCreateAttendee` call.
const ATTENDEES_LENGTH: (usize, usize) = (1, 100);
/// `AttendeeTagList` length bounds.
const TAGS_LENGTH: (usize, usize) = (1, 10);
/// `TagKey` length bounds.
const TAG_KEY_LENGTH: (usize, usize) = (1, 128);
/// `TagValue` length bounds.
const TAG_VALUE_LENGTH: (usize, usize) = (1, 256);
const GUID_PATTERN: &str = "[a-fA-F0-9]{8}(?:-[A-Fa-f0-9]{4}){3}-[A-Fa-f0-9]{12}";

/// One `CreateAttendeeRequestItem`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AttendeeRequest {
    /// The caller's identifier for the attendee.
    pub(crate) external_user_id: String,
    /// `(Key, Value)` tags.
    pub(crate) tags: Vec<(String, String)>,
}

/// Parses and validates the input of `BatchCreateAttendee` for meeting `meeting_id`.
pub(crate) fn batch_create_attendee(
    meeting_id: &str,
    body: &[u8],
) -> Result<Vec<AttendeeRequest>, ServiceError> {
    let mut violations = Violations::default();
    if !ids::is_guid(meeting_id) {
        violations.push(format!(
            "Value '{meeting_id}' at 'meetingId' failed to satisfy constraint: Member must \
             satisfy regular expression pattern: {GUID_PATTERN}"
        ));
    }
    let document = parse_document(body)?;
    let attendees = match document.get("Attendees") {
        None | Some(Value::Null) => {
            violations.push(
                "Value null at 'attendees' failed to satisfy constraint: Member must not be null"
                    .to_owned(),
            );
            Vec::new()
        }
        Some(Value::Array(items)) => {
            violations.check_length("attendees", items.len(), ATTENDEES_LENGTH);
            items
                .iter()
                .enumerate()
                .map(|(index, item)| attendee(index + 1, item, &mut violations))
                .collect::<Result<_, _>>()?
        }
        Some(other) => return Err(shape_error("Attendees", "a list", other)),
    };
    violations.into_result()?;
    Ok(attendees)
}

/// The body as a JSON object; an empty body is `{}` as in every restJson1 service.
fn parse_document(body: &[u8]) -> Result<Map<String, Value>, ServiceError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice(body) {
        Ok(Value::Object(document)) => Ok(document),
        Ok(other) => Err(shape_error("The request body", "a JSON object", &other)),
        Err(error) => Err(ServiceError::bad_request(format!(
            "The request body is not valid JSON: {error}."
        ))),
    }
}

/// One `CreateAttendeeRequestItem`; `position` is 1-based as in Coral messages.
fn attendee(
    position: usize,
    item: &Value,
    violations: &mut Violations,
) -> Result<AttendeeRequest, ServiceError> {
    let path = format!("attendees.{position}.member");
    let Value::Object(item) = item else {
        return Err(shape_error(
            &format!("Attendees[{position}]"),
            "an object",
            item,
        ));
    };
    let external_user_id = required_string(item, "ExternalUserId", &path, violations)?;
    if let Some(id) = &external_user_id {
        violations.check_sensitive_length(
            &format!("{path}.externalUserId"),
            id,
            EXTERNAL_USER_ID_LENGTH,
        );
    }
    let tags = match item.get("Tags") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(tags)) => {
            violations.check_length(&format!("{path}.tags"), tags.len(), TAGS_LENGTH);
            tags.iter()
                .enumerate()
                .map(|(index, tag_value)| {
                    tag(
                        &format!("{path}.tags.{}.member", index + 1),
                        tag_value,
                        violations,
                    )
                })
                .collect::<Result<_, _>>()?
        }
        Some(other) => return Err(shape_error("Tags", "a list", other)),
    };
    Ok(AttendeeRequest {
        // A missing id has been recorded as a violation, so this value is never used.
        external_user_id: external_user_id.unwrap_or_default(),
        tags,
    })
}

/// One `Tag` at Coral path `path`.
fn tag(
    path: &str,
    tag: &Value,
    violations: &mut Violations,
) -> Result<(String, String), ServiceError> {
    let Value::Object(tag) = tag else {
        return Err(shape_error("Tags[]", "an object", tag));
    };
    let key = required_string(tag, "Key", path, violations)?;
    if let Some(key) = &key {
        violations.check_sensitive_length(&format!("{path}.key"), key, TAG_KEY_LENGTH);
    }
    let value = required_string(tag, "Value", path, violations)?;
    if let Some(value) = &value {
        violations.check_sensitive_length(&format!("{path}.value"), value, TAG_VALUE_LENGTH);
    }
    // Missing members have been recorded as violations, so defaults are never used.
    Ok((key.unwrap_or_default(), value.unwrap_or_default()))
}

/// A required string member; a missing one is recorded as a violation.
fn required_string(
    object: &Map<String, Value>,
    member: &str,
    path: &str,
    violations: &mut Violations,
) -> Result<Option<String>, ServiceError> {
    match object.get(member) {
        Some(Value::String(text)) => Ok(Some(text.clone())),
        None | Some(Value::Null) => {
            violations.push(format!(
                "Value null at '{path}.{}' failed to satisfy constraint: Member must not be null",
                lower_camel(member)
            ));
            Ok(None)
        }
        Some(other) => Err(shape_error(member, "a string", other)),
    }
}

fn shape_error(what: &str, expected: &str, found: &Value) -> ServiceError {
    let found = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    };
    ServiceError::bad_request(format!("{what} must be {expected}, not {found}."))
}

/// `ExternalUserId` → `externalUserId`, the member naming of Coral messages.
fn lower_camel(member: &str) -> String {
    let mut chars = member.chars();
    chars
        .next()
        .map(|first| first.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Collected constraint violations.
#[derive(Debug, Default)]
struct Violations {
    messages: Vec<String>,
}

impl Violations {
    fn push(&mut self, message: String) {
        self.messages.push(message);
    }

    /// A list-length constraint.
    fn check_length(&mut self, path: &str, length: usize, (min, max): (usize, usize)) {
        if let Some(constraint) = length_violation(length, min, max) {
            self.push(format!(
                "Value at '{path}' failed to satisfy constraint: {constraint}"
            ));
        }
    }

    /// A length constraint on a sensitive string, whose value Coral never echoes.
    fn check_sensitive_length(&mut self, path: &str, text: &str, (min, max): (usize, usize)) {
        // Smithy lengths count Unicode scalar values.
        self.check_length(path, text.chars().count(), (min, max));
    }

    fn into_result(self) -> Result<(), ServiceError> {
        match self.messages.len() {
            0 => Ok(()),
            1 => Err(ServiceError::bad_request(format!(
                "1 validation error detected: {}",
                self.messages[0]
            ))),
            count => Err(ServiceError::bad_request(format!(
                "{count} validation errors detected: {}",
                self.messages.join("; ")
            ))),
        }
    }
}

fn length_violation(length: usize, min: usize, max: usize) -> Option<String> {
    if length < min {
        Some(format!(
            "Member must have length greater than or equal to {min}"
        ))
    } else if length > max {
        Some(format!(
            "Member must have length less than or equal to {max}"
        ))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const MEETING: &str = "6f1c3c1e-2b7a-4f3e-9a55-0c2b8f1d9e77";

    fn parse(meeting_id: &str, body: &Value) -> Result<Vec<AttendeeRequest>, ServiceError> {
        batch_create_attendee(meeting_id, body.to_string().as_bytes())
    }

    fn message(result: Result<Vec<AttendeeRequest>, ServiceError>) -> String {
        let error = result.unwrap_err();
        assert_eq!(error.code(), "BadRequest");
        error.message().to_owned()
    }

    fn attendees(count: usize) -> Value {
        let items: Vec<Value> = (0..count)
            .map(|i| json!({ "ExternalUserId": format!("user-{i}") }))
            .collect();
        json!({ "Attendees": items })
    }

    #[test]
    fn parses_attendees_with_and_without_tags() {
        let body = json!({
            "Attendees": [
                { "ExternalUserId": "alice", "Tags": [{ "Key": "team", "Value": "blue" }] },
                { "ExternalUserId": "bob", "Unknown": 1 },
                { "ExternalUserId": "éé", "Tags": null },
            ]
        });
        assert_eq!(
            parse(MEETING, &body).unwrap(),
            [
                AttendeeRequest {
                    external_user_id: "alice".into(),
                    tags: vec![("team".into(), "blue".into())],
                },
                AttendeeRequest {
                    external_user_id: "bob".into(),
                    tags: Vec::new(),
                },
                AttendeeRequest {
                    external_user_id: "éé".into(),
                    tags: Vec::new(),
                },
            ]
        );
        assert!(parse(&MEETING.to_ascii_uppercase(), &body).is_ok());
    }

    #[test]
    fn lengths_are_inclusive_and_count_characters() {
        let ok = json!({ "Attendees": [
            { "ExternalUserId": "ab" },
            { "ExternalUserId": "é".repeat(64) },
            { "ExternalUserId": "cd", "Tags": [{ "Key": "k".repeat(128), "Value": "v".repeat(256) }] },
        ]});
        assert_eq!(parse(MEETING, &ok).unwrap().len(), 3);
        assert_eq!(parse(MEETING, &attendees(100)).unwrap().len(), 100);
        let ten_tags: Vec<Value> = (0..10)
            .map(|i| json!({ "Key": i.to_string(), "Value": "v" }))
            .collect();
        let body = json!({ "Attendees": [{ "ExternalUserId": "ab", "Tags": ten_tags }] });
        assert_eq!(parse(MEETING, &body).unwrap()[0].tags.len(), 10);
    }

    #[test]
    fn reports_each_violation_coral_style() {
        assert_eq!(
            message(parse(
                MEETING,
                &json!({ "Attendees": [{ "ExternalUserId": "a" }] })
            )),
            "1 validation error detected: Value at 'attendees.1.member.externalUserId' failed \
             to satisfy constraint: Member must have length greater than or equal to 2"
        );
        let body = json!({ "Attendees": [
            { "ExternalUserId": "ok" },
            { "ExternalUserId": "x".repeat(65), "Tags": [] },
        ]});
        assert_eq!(
            message(parse("not-a-guid", &body)),
            "3 validation errors detected: Value 'not-a-guid' at 'meetingId' failed to satisfy \
             constraint: Member must satisfy regular expression pattern: \
             [a-fA-F0-9]{8}(?:-[A-Fa-f0-9]{4}){3}-[A-Fa-f0-9]{12}; \
             Value at 'attendees.2.member.externalUserId' failed to satisfy constraint: Member \
             must have length less than or equal to 64; \
             Value at 'attendees.2.member.tags' failed to satisfy constraint: Member must have \
             length greater than or equal to 1"
        );
    }

    #[test]
    fn rejects_out_of_range_lists_and_tags() {
        for (body, expected) in [
            (
                attendees(0),
                "'attendees' failed to satisfy constraint: Member must have length greater than or equal to 1",
            ),
            (
                attendees(101),
                "'attendees' failed to satisfy constraint: Member must have length less than or equal to 100",
            ),
            (
                json!({ "Attendees": [{ "ExternalUserId": "ab", "Tags": vec![json!({"Key": "k", "Value": "v"}); 11] }] }),
                "'attendees.1.member.tags' failed to satisfy constraint: Member must have length less than or equal to 10",
            ),
            (
                json!({ "Attendees": [{ "ExternalUserId": "ab", "Tags": [{ "Key": "", "Value": "v" }] }] }),
                "'attendees.1.member.tags.1.member.key' failed to satisfy constraint: Member must have length greater than or equal to 1",
            ),
            (
                json!({ "Attendees": [{ "ExternalUserId": "ab", "Tags": [{ "Key": "k", "Value": "v".repeat(257) }] }] }),
                "'attendees.1.member.tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256",
            ),
            (
                json!({ "Attendees": [{ "ExternalUserId": "ab", "Tags": [{ "Key": "k" }] }] }),
                "Value null at 'attendees.1.member.tags.1.member.value' failed to satisfy constraint: Member must not be null",
            ),
            (
                json!({ "Attendees": [{ "Tags": [{ "Key": "k", "Value": "v" }] }] }),
                "Value null at 'attendees.1.member.externalUserId' failed to satisfy constraint: Member must not be null",
            ),
        ] {
            let message = message(parse(MEETING, &body));
            assert!(
                message.starts_with("1 validation error detected: "),
                "{message}"
            );
            assert!(message.ends_with(expected), "{message}");
        }
    }

    #[test]
    fn missing_attendees_is_a_violation() {
        for body in [&b""[..], b"  \n", b"{}", br#"{"Attendees":null}"#] {
            let error = batch_create_attendee(MEETING, body).unwrap_err();
            assert_eq!(
                error.message(),
                "1 validation error detected: Value null at 'attendees' failed to satisfy \
                 constraint: Member must not be null"
            );
        }
    }

    #[test]
    fn rejects_malformed_documents_at_once() {
        for (body, expected) in [
            (&b"{"[..], "The request body is not valid JSON: "),
            (b"\xff\xfe", "The request body is not valid JSON: "),
            (b"[]", "The request body must be a JSON object, not a list."),
            (
                br#"{"Attendees":{}}"#,
                "Attendees must be a list, not an object.",
            ),
            (
                br#"{"Attendees":[1]}"#,
                "Attendees[1] must be an object, not a number.",
            ),
            (
                br#"{"Attendees":[{"ExternalUserId":7}]}"#,
                "ExternalUserId must be a string, not a number.",
            ),
            (
                br#"{"Attendees":[{"ExternalUserId":"ab","Tags":"x"}]}"#,
                "Tags must be a list, not a string.",
            ),
            (
                br#"{"Attendees":[{"ExternalUserId":"ab","Tags":[true]}]}"#,
                "Tags[] must be an object, not a boolean.",
            ),
            (
                br#"{"Attendees":[{"ExternalUserId":"ab","Tags":[{"Key":[],"Value":"v"}]}]}"#,
                "Key must be a string, not a list.",
            ),
        ] {
            let error = batch_create_attendee(MEETING, body).unwrap_err();
            assert_eq!(error.code(), "BadRequest");
            assert!(error.message().starts_with(expected), "{}", error.message());
        }
    }
}
