//! The JSON credential documents of `credential_process`, the container endpoint and IMDS,
//! read with the runtime's own JSON reader. Errors give positions, never the text (which may
//! hold a secret).

use std::time::SystemTime;

use super::{Credentials, CredentialsError};
use crate::json::{JsonError, Reader};
use crate::{DateTime, TimestampFormat};

/// The members of a flat credentials document that any of the sources uses.
#[derive(Default)]
pub(crate) struct CredentialsDocument {
    pub(crate) access_key_id: Option<String>,
    pub(crate) secret_access_key: Option<String>,
    /// `Token` (IMDS, containers) or `SessionToken` (`credential_process`).
    pub(crate) session_token: Option<String>,
    pub(crate) expiration: Option<String>,
    pub(crate) account_id: Option<String>,
    /// IMDS: `Code`, `Success` when the credentials are good; container error replies:
    /// `code`.
    pub(crate) code: Option<String>,
    /// Error replies of the container endpoint: `message`.
    pub(crate) message: Option<String>,
    /// `credential_process`: the format version, `1`.
    pub(crate) version: Option<i64>,
}

impl CredentialsDocument {
    /// Reads the document; `what` names it in errors ("the credential_process output").
    pub(crate) fn parse(body: &[u8], what: &str) -> Result<Self, CredentialsError> {
        read_document(body).map_err(|error| invalid_json(what, &error))
    }

    /// The credentials the document holds; key id and secret are required.
    pub(crate) fn into_credentials(self, what: &str) -> Result<Credentials, CredentialsError> {
        let missing =
            |member: &str| CredentialsError::provider_error(format!("{what} has no `{member}`"));
        let access_key_id = self.access_key_id.ok_or_else(|| missing("AccessKeyId"))?;
        let secret = self
            .secret_access_key
            .ok_or_else(|| missing("SecretAccessKey"))?;
        let mut credentials = Credentials::new(access_key_id, secret, self.session_token);
        if let Some(expiration) = self.expiration {
            credentials = credentials.with_expiry(parse_expiration(&expiration, what)?);
        }
        if let Some(account_id) = self.account_id {
            credentials = credentials.with_account_id(account_id);
        }
        Ok(credentials)
    }
}

fn read_document(body: &[u8]) -> Result<CredentialsDocument, JsonError> {
    let mut reader = Reader::new(body)?;
    let mut document = CredentialsDocument::default();
    reader.begin_object()?;
    while let Some(key) = reader.next_key()? {
        let slot = match &*key {
            "AccessKeyId" => &mut document.access_key_id,
            "SecretAccessKey" => &mut document.secret_access_key,
            "Token" | "SessionToken" => &mut document.session_token,
            "Expiration" => &mut document.expiration,
            "AccountId" => &mut document.account_id,
            "Code" | "code" => &mut document.code,
            "message" | "Message" => &mut document.message,
            "Version" => {
                document.version = Some(reader.read_i64()?);
                continue;
            }
            _ => {
                reader.skip_value()?;
                continue;
            }
        };
        *slot = if reader.try_null()? {
            None
        } else {
            Some(reader.read_string()?)
        };
    }
    reader.finish()?;
    Ok(document)
}

/// "`what` is not a valid JSON document (at byte N)": the reader's own message could quote
/// the text, so only the position is kept.
pub(crate) fn invalid_json(what: &str, error: &JsonError) -> CredentialsError {
    CredentialsError::provider_error(format!(
        "{what} is not a valid JSON credentials document (at byte {})",
        error.offset()
    ))
}

/// An RFC 3339 `Expiration`.
pub(crate) fn parse_expiration(text: &str, what: &str) -> Result<SystemTime, CredentialsError> {
    DateTime::parse(text.trim(), TimestampFormat::DateTime)
        .ok()
        .and_then(|time| SystemTime::try_from(time).ok())
        .ok_or_else(|| {
            CredentialsError::provider_error(format!(
                "the `Expiration` of {what} is not an RFC 3339 date-time"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn reads_every_member_and_skips_others() {
        let body = br#"{"Code":"Success","Type":"AWS-HMAC","AccessKeyId":"AKIDEXAMPLE",
            "SecretAccessKey":"s","Token":"t","Expiration":"2024-05-01T12:00:00Z",
            "AccountId":"123456789012","Nested":{"a":[1,2]}}"#;
        let document = CredentialsDocument::parse(body, "the reply").unwrap();
        assert_eq!(document.code.as_deref(), Some("Success"));
        let credentials = document.into_credentials("the reply").unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDEXAMPLE");
        assert_eq!(credentials.secret_access_key(), "s");
        assert_eq!(credentials.session_token(), Some("t"));
        assert_eq!(credentials.account_id(), Some("123456789012"));
        assert_eq!(
            credentials.expiry(),
            Some(UNIX_EPOCH + Duration::from_secs(1_714_564_800))
        );
    }

    #[test]
    fn missing_members_and_bad_dates_are_errors() {
        let no_secret = CredentialsDocument::parse(br#"{"AccessKeyId":"a"}"#, "the reply")
            .unwrap()
            .into_credentials("the reply")
            .unwrap_err();
        assert_eq!(no_secret.message(), "the reply has no `SecretAccessKey`");
        let bad_date = CredentialsDocument::parse(
            br#"{"AccessKeyId":"a","SecretAccessKey":"b","Expiration":"tomorrow"}"#,
            "the reply",
        )
        .unwrap()
        .into_credentials("the reply")
        .unwrap_err();
        assert!(bad_date.message().contains("RFC 3339"), "{bad_date}");
    }

    #[test]
    fn syntax_errors_give_the_position_not_the_text() {
        let error = CredentialsDocument::parse(br#"{"SecretAccessKey": SECRETVALUE}"#, "the reply")
            .err()
            .expect("an error");
        assert!(!error.to_string().contains("SECRETVALUE"), "{error}");
        assert!(error.message().contains("at byte 20"), "{error}");
        let wrong_type = CredentialsDocument::parse(br#"{"AccessKeyId": 12}"#, "the reply")
            .err()
            .expect("an error");
        assert!(wrong_type.message().contains("not a valid JSON"));
    }
}
