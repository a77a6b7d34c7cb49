//! Server-side AWS Signature Version 4 verification of received requests.
//!
//! [`SigV4Verifier`] recomputes a request's signature with `aws-sigv4` from what actually
//! arrived — method, request target (path and query), exactly the headers the client's
//! `Authorization` header lists as signed, the `x-amz-date` signing time and the SHA-256 of
//! the body — and compares it with the signature the client sent. Besides backing
//! [`ChimeEndpoint`](crate::ChimeEndpoint), tests can run it over requests a
//! [`ScriptedServer`](crate::ScriptedServer) recorded.

use std::fmt;
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

use crate::amz_date;
use crate::scripted::RecordedRequest;

/// The only algorithm SigV4 (as opposed to SigV4a) signs with.
const ALGORITHM: &str = "AWS4-HMAC-SHA256";
/// How far a signing time may be from the server's clock, as AWS allows.
const DEFAULT_MAX_CLOCK_SKEW: Duration = Duration::from_secs(15 * 60);
const SIGNATURE_MISMATCH: &str = "The request signature we calculated does not match the \
     signature you provided. Check your AWS Secret Access Key and signing method. Consult the \
     service documentation for details.";

/// Why a request's SigV4 signature was rejected. `Display` gives an AWS-style message.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigV4Error {
    /// The request has no `authorization` header.
    MissingAuthorization,
    /// The `authorization` header is not a well-formed `AWS4-HMAC-SHA256` header.
    MalformedAuthorization(String),
    /// `x-amz-date` is missing or not `YYYYMMDDTHHMMSSZ`.
    BadDate(String),
    /// The credential names an access key id the verifier does not know.
    UnknownAccessKey(String),
    /// The credential scope (date, region, service or terminator) is wrong.
    WrongScope(String),
    /// The signing time is too far from the server's clock.
    ClockSkew(String),
    /// The recomputed signature differs; the field says where it went wrong.
    SignatureMismatch(String),
}

impl fmt::Display for SigV4Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MissingAuthorization => f.write_str("Missing Authentication Token"),
            Self::UnknownAccessKey(_) => {
                f.write_str("The security token included in the request is invalid.")
            }
            Self::SignatureMismatch(detail) => write!(f, "{SIGNATURE_MISMATCH} ({detail})"),
            Self::MalformedAuthorization(message)
            | Self::BadDate(message)
            | Self::WrongScope(message)
            | Self::ClockSkew(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for SigV4Error {}

/// Checks SigV4 `authorization` headers against one set of credentials, region and service.
#[derive(Clone)]
pub struct SigV4Verifier {
    access_key_id: String,
    secret_access_key: String,
    region: String,
    service: String,
    max_clock_skew: Option<Duration>,
}

impl fmt::Debug for SigV4Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigV4Verifier")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("region", &self.region)
            .field("service", &self.service)
            .field("max_clock_skew", &self.max_clock_skew)
            .finish()
    }
}

impl SigV4Verifier {
    /// A verifier for requests signed with these credentials for `region` and `service`
    /// (e.g. `"chime"`). Signing times more than 15 minutes from now are rejected.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        region: impl Into<String>,
        service: impl Into<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            region: region.into(),
            service: service.into(),
            max_clock_skew: Some(DEFAULT_MAX_CLOCK_SKEW),
        }
    }

    /// Accepts any signing time (for requests signed with a fixed test clock).
    pub fn without_clock_skew_check(mut self) -> Self {
        self.max_clock_skew = None;
        self
    }

    /// Verifies a received request: `path_and_query` is the request target as sent
    /// (percent-encoded), `headers` every received header (names in any case).
    pub fn verify(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &[(String, String)],
        body: &[u8],
    ) -> Result<(), SigV4Error> {
        let header = |name: &str| {
            headers
                .iter()
                .find(|(candidate, _)| candidate.eq_ignore_ascii_case(name))
                .map(|(_, value)| value.as_str())
        };
        let authorization = header("authorization").ok_or(SigV4Error::MissingAuthorization)?;
        let authorization = Authorization::parse(authorization)?;
        let amz_date = header("x-amz-date").ok_or_else(|| {
            SigV4Error::BadDate(
                "Authorization header requires existence of either a 'X-Amz-Date' or a \
                 'Date' header."
                    .to_owned(),
            )
        })?;
        let time = amz_date::parse(amz_date)
            .ok_or_else(|| SigV4Error::BadDate(format!("Invalid X-Amz-Date '{amz_date}'.")))?;
        self.check_scope(&authorization, amz_date)?;
        self.check_clock_skew(time, amz_date)?;
        let (signed_headers, signature) =
            self.recompute(method, path_and_query, headers, body, &authorization, time)?;
        if signed_headers != authorization.signed_headers {
            return Err(SigV4Error::SignatureMismatch(format!(
                "the signer signs '{signed_headers}' for the listed headers '{}'",
                authorization.signed_headers
            )));
        }
        if signature != authorization.signature {
            return Err(SigV4Error::SignatureMismatch(format!(
                "expected signature {signature}, got {}",
                authorization.signature
            )));
        }
        Ok(())
    }

    /// Verifies a request a [`ScriptedServer`](crate::ScriptedServer) recorded.
    pub fn verify_recorded(&self, request: &RecordedRequest) -> Result<(), SigV4Error> {
        self.verify(
            &request.method,
            &request.path_and_query(),
            &request.headers,
            &request.body,
        )
    }

    fn check_scope(
        &self,
        authorization: &Authorization<'_>,
        amz_date: &str,
    ) -> Result<(), SigV4Error> {
        let scope = &authorization.credential;
        if scope.access_key_id != self.access_key_id {
            return Err(SigV4Error::UnknownAccessKey(scope.access_key_id.to_owned()));
        }
        let day = &amz_date[..8];
        if scope.date != day {
            return Err(SigV4Error::WrongScope(format!(
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of \
                 date from HTTP: '{}' != '{day}', from '{amz_date}'.",
                scope.date
            )));
        }
        if scope.region != self.region {
            return Err(SigV4Error::WrongScope(format!(
                "Credential should be scoped to a valid region, not '{}'.",
                scope.region
            )));
        }
        if scope.service != self.service {
            return Err(SigV4Error::WrongScope(format!(
                "Credential should be scoped to correct service: '{}'.",
                self.service
            )));
        }
        if scope.terminator != "aws4_request" {
            return Err(SigV4Error::WrongScope(format!(
                "Credential should be scoped with a valid terminator: 'aws4_request', not '{}'.",
                scope.terminator
            )));
        }
        Ok(())
    }

    fn check_clock_skew(&self, time: SystemTime, amz_date: &str) -> Result<(), SigV4Error> {
        let Some(max) = self.max_clock_skew else {
            return Ok(());
        };
        let now = SystemTime::now();
        let minutes = max.as_secs() / 60;
        if time + max < now {
            return Err(SigV4Error::ClockSkew(format!(
                "Signature expired: {amz_date} is now earlier than {} ({} - {minutes} min.)",
                amz_date::format(now - max),
                amz_date::format(now)
            )));
        }
        if time > now + max {
            return Err(SigV4Error::ClockSkew(format!(
                "Signature not yet current: {amz_date} is still later than {} ({} + {minutes} min.)",
                amz_date::format(now + max),
                amz_date::format(now)
            )));
        }
        Ok(())
    }

    /// Signs the received parts with aws-sigv4: returns the signed-header list it used and
    /// the signature.
    fn recompute(
        &self,
        method: &str,
        path_and_query: &str,
        headers: &[(String, String)],
        body: &[u8],
        authorization: &Authorization<'_>,
        time: SystemTime,
    ) -> Result<(String, String), SigV4Error> {
        let mismatch = |detail: String| SigV4Error::SignatureMismatch(detail);
        if !path_and_query.starts_with('/') {
            return Err(mismatch(format!(
                "cannot sign request target {path_and_query:?}"
            )));
        }
        // Exactly the headers the client says it signed; the signer adds x-amz-date itself.
        let mut signable_headers = Vec::new();
        for name in authorization.signed_headers.split(';') {
            if name == "x-amz-date" {
                continue;
            }
            let before = signable_headers.len();
            signable_headers.extend(
                headers
                    .iter()
                    .filter(|(candidate, _)| candidate.eq_ignore_ascii_case(name))
                    .map(|(_, value)| (name, value.as_str())),
            );
            if signable_headers.len() == before {
                return Err(mismatch(format!(
                    "signed header '{name}' is not in the request"
                )));
            }
        }
        // The authority is never used: `host` is always among the signed headers.
        let uri = format!("http://localhost{path_and_query}");
        let request = SignableRequest::new(
            method,
            uri,
            signable_headers.into_iter(),
            SignableBody::Bytes(body),
        )
        .map_err(|error| mismatch(format!("cannot canonicalize the request: {error}")))?;

        let identity: Identity = Credentials::new(
            &self.access_key_id,
            &self.secret_access_key,
            None,
            None,
            "test",
        )
        .into();
        let mut settings = SigningSettings::default();
        // Sign what the client listed, even headers a client would normally leave out.
        settings.excluded_headers = None;
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(&self.region)
            .name(&self.service)
            .time(time)
            .settings(settings)
            .build()
            .map_err(|error| mismatch(format!("cannot build signing parameters: {error}")))?
            .into();
        let (instructions, signature) = sign(request, &params)
            .map_err(|error| mismatch(format!("cannot sign the request: {error}")))?
            .into_parts();
        let signed_headers = instructions
            .headers()
            .find(|(name, _)| name.eq_ignore_ascii_case("authorization"))
            .and_then(|(_, value)| Authorization::parse(value).ok())
            .map(|computed| computed.signed_headers.to_owned())
            .unwrap_or_default();
        Ok((signed_headers, signature))
    }
}

/// The parts of `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
#[derive(Debug)]
struct Authorization<'a> {
    credential: CredentialScope<'a>,
    signed_headers: &'a str,
    signature: &'a str,
}

/// `ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/aws4_request`.
#[derive(Debug)]
struct CredentialScope<'a> {
    access_key_id: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    terminator: &'a str,
}

impl<'a> Authorization<'a> {
    fn parse(header: &'a str) -> Result<Self, SigV4Error> {
        let malformed = |message: String| SigV4Error::MalformedAuthorization(message);
        let Some((algorithm, rest)) = header.trim().split_once(' ') else {
            return Err(malformed(format!(
                "Authorization header requires 'Credential' parameter. Authorization header \
                 requires 'Signature' parameter. Authorization header requires 'SignedHeaders' \
                 parameter. Authorization={header}"
            )));
        };
        if algorithm != ALGORITHM {
            return Err(malformed(format!(
                "Unsupported signing algorithm '{algorithm}'; expected '{ALGORITHM}'."
            )));
        }
        let (mut credential, mut signed_headers, mut signature) = (None, None, None);
        for component in rest.split(',') {
            let Some((key, value)) = component.trim().split_once('=') else {
                return Err(malformed(format!(
                    "Authorization component '{}' is not key=value.",
                    component.trim()
                )));
            };
            match key {
                "Credential" => credential = Some(value),
                "SignedHeaders" => signed_headers = Some(value),
                "Signature" => signature = Some(value),
                _ => {}
            }
        }
        let missing: Vec<String> = [
            ("Credential", credential.is_none()),
            ("Signature", signature.is_none()),
            ("SignedHeaders", signed_headers.is_none()),
        ]
        .into_iter()
        .filter(|(_, missing)| *missing)
        .map(|(name, _)| format!("Authorization header requires '{name}' parameter."))
        .collect();
        let (Some(credential), Some(signed_headers), Some(signature)) =
            (credential, signed_headers, signature)
        else {
            return Err(malformed(format!(
                "{} Authorization={header}",
                missing.join(" ")
            )));
        };
        if !signed_headers.split(';').any(|name| name == "host") {
            return Err(malformed(
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."
                    .to_owned(),
            ));
        }
        let parts: Vec<&str> = credential.split('/').collect();
        let [access_key_id, date, region, service, terminator] = parts[..] else {
            return Err(malformed(format!(
                "Credential should have 5 slash-separated parts: \
                 ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/aws4_request, not '{credential}'."
            )));
        };
        Ok(Self {
            credential: CredentialScope {
                access_key_id,
                date,
                region,
                service,
                terminator,
            },
            signed_headers,
            signature,
        })
    }
}

/// Signs requests the way an SDK client does; shared by this crate's tests.
#[cfg(test)]
pub(crate) mod test_signing {
    use super::*;

    /// Signs `method` `path_and_query` with `headers` and `body` for `host` at `time`,
    /// returning every header to send (the given ones plus `x-amz-date` and `authorization`).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn sign_request(
        (access_key_id, secret): (&str, &str),
        (region, service): (&str, &str),
        time: SystemTime,
        method: &str,
        host: &str,
        path_and_query: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Vec<(String, String)> {
        let identity: Identity = Credentials::new(access_key_id, secret, None, None, "test").into();
        let params = v4::SigningParams::builder()
            .identity(&identity)
            .region(region)
            .name(service)
            .time(time)
            .settings(SigningSettings::default())
            .build()
            .unwrap()
            .into();
        let mut all: Vec<(&str, &str)> = vec![("host", host)];
        all.extend_from_slice(headers);
        let request = SignableRequest::new(
            method,
            format!("http://{host}{path_and_query}"),
            all.iter().copied(),
            SignableBody::Bytes(body),
        )
        .unwrap();
        let (instructions, _signature) = sign(request, &params).unwrap().into_parts();
        all.iter()
            .copied()
            .chain(instructions.headers())
            .map(|(name, value)| (name.to_owned(), value.to_owned()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::test_signing::sign_request;
    use super::*;

    const AKID: &str = "AKIDEXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    const TARGET: &str =
        "/meetings/6f1c3c1e-2b7a-4f3e-9a55-0c2b8f1d9e77/attendees?operation=batch-create";
    const BODY: &[u8] = br#"{"Attendees":[{"ExternalUserId":"alice"}]}"#;

    fn verifier() -> SigV4Verifier {
        SigV4Verifier::new(AKID, SECRET, "us-east-1", "chime")
    }

    fn signed_at(time: SystemTime, body: &[u8]) -> Vec<(String, String)> {
        sign_request(
            (AKID, SECRET),
            ("us-east-1", "chime"),
            time,
            "POST",
            "127.0.0.1:8080",
            TARGET,
            &[
                ("content-type", "application/json"),
                ("user-agent", "shapegen-test"),
            ],
            body,
        )
    }

    fn signed(body: &[u8]) -> Vec<(String, String)> {
        signed_at(SystemTime::now(), body)
    }

    fn replace(headers: &mut [(String, String)], name: &str, value: String) {
        headers
            .iter_mut()
            .find(|(candidate, _)| candidate == name)
            .unwrap()
            .1 = value;
    }

    fn authorization(headers: &[(String, String)]) -> String {
        headers
            .iter()
            .find(|(name, _)| name == "authorization")
            .unwrap()
            .1
            .clone()
    }

    #[test]
    fn accepts_a_request_signed_by_aws_sigv4() {
        let headers = signed(BODY);
        let auth = authorization(&headers);
        assert!(
            auth.contains("SignedHeaders=content-type;host;x-amz-date,"),
            "{auth}"
        );
        assert_eq!(verifier().verify("POST", TARGET, &headers, BODY), Ok(()));
    }

    #[test]
    fn accepts_header_names_in_any_case() {
        let headers: Vec<(String, String)> = signed(BODY)
            .into_iter()
            .map(|(name, value)| (name.to_ascii_uppercase(), value))
            .collect();
        assert_eq!(verifier().verify("POST", TARGET, &headers, BODY), Ok(()));
    }

    #[test]
    fn accepts_a_recorded_request() {
        let (path, query) = TARGET.split_once('?').unwrap();
        let recorded = RecordedRequest {
            method: "POST".into(),
            path: path.into(),
            query: Some(query.into()),
            headers: signed(BODY),
            body: BODY.to_vec(),
        };
        assert_eq!(verifier().verify_recorded(&recorded), Ok(()));
    }

    #[test]
    fn debug_output_redacts_the_secret() {
        let debug = format!("{:?}", verifier());
        assert!(debug.contains(AKID) && !debug.contains(SECRET), "{debug}");
    }

    #[test]
    fn rejects_a_tampered_body() {
        let headers = signed(BODY);
        let tampered = br#"{"Attendees":[{"ExternalUserId":"mallory"}]}"#;
        let error = verifier()
            .verify("POST", TARGET, &headers, tampered)
            .unwrap_err();
        assert!(
            matches!(error, SigV4Error::SignatureMismatch(_)),
            "{error:?}"
        );
        assert!(
            error
                .to_string()
                .starts_with("The request signature we calculated")
        );
    }

    #[test]
    fn rejects_tampered_method_target_and_signed_header() {
        let headers = signed(BODY);
        let other_target = TARGET.replace("batch-create", "batch-delete");
        for (method, target) in [("PUT", TARGET), ("POST", other_target.as_str())] {
            let error = verifier()
                .verify(method, target, &headers, BODY)
                .unwrap_err();
            assert!(
                matches!(error, SigV4Error::SignatureMismatch(_)),
                "{error:?}"
            );
        }
        let mut headers = signed(BODY);
        replace(&mut headers, "content-type", "text/plain".into());
        let error = verifier()
            .verify("POST", TARGET, &headers, BODY)
            .unwrap_err();
        assert!(
            matches!(error, SigV4Error::SignatureMismatch(_)),
            "{error:?}"
        );
    }

    #[test]
    fn unsigned_headers_may_change() {
        let mut headers = signed(BODY);
        replace(&mut headers, "user-agent", "a-proxy".into());
        headers.push(("x-forwarded-for".into(), "10.0.0.1".into()));
        assert_eq!(verifier().verify("POST", TARGET, &headers, BODY), Ok(()));
    }

    #[test]
    fn rejects_a_missing_signed_header() {
        let headers: Vec<_> = signed(BODY)
            .into_iter()
            .filter(|(name, _)| name != "content-type")
            .collect();
        let error = verifier()
            .verify("POST", TARGET, &headers, BODY)
            .unwrap_err();
        assert!(
            matches!(error, SigV4Error::SignatureMismatch(_)),
            "{error:?}"
        );
    }

    #[test]
    fn rejects_the_wrong_secret_key() {
        let other = SigV4Verifier::new(AKID, "another-secret", "us-east-1", "chime");
        let error = other
            .verify("POST", TARGET, &signed(BODY), BODY)
            .unwrap_err();
        assert!(
            matches!(error, SigV4Error::SignatureMismatch(_)),
            "{error:?}"
        );
    }

    #[test]
    fn rejects_the_wrong_access_key_region_or_service() {
        let headers = signed(BODY);
        let cases = [
            SigV4Verifier::new("AKIDOTHER", SECRET, "us-east-1", "chime"),
            SigV4Verifier::new(AKID, SECRET, "eu-west-1", "chime"),
            SigV4Verifier::new(AKID, SECRET, "us-east-1", "s3"),
        ];
        let errors: Vec<SigV4Error> = cases
            .iter()
            .map(|verifier| verifier.verify("POST", TARGET, &headers, BODY).unwrap_err())
            .collect();
        assert!(
            matches!(errors[0], SigV4Error::UnknownAccessKey(_)),
            "{errors:?}"
        );
        assert!(matches!(errors[1], SigV4Error::WrongScope(_)), "{errors:?}");
        assert!(matches!(errors[2], SigV4Error::WrongScope(_)), "{errors:?}");
    }

    #[test]
    fn rejects_missing_or_malformed_authorization() {
        let mut headers = signed(BODY);
        headers.retain(|(name, _)| name != "authorization");
        assert_eq!(
            verifier().verify("POST", TARGET, &headers, BODY),
            Err(SigV4Error::MissingAuthorization)
        );
        for bad in [
            "",
            "Bearer abc",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/chime/aws4_request",
            "AWS4-HMAC-SHA256 Credential=a/b, SignedHeaders=host;x-amz-date, Signature=00",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/chime/aws4_request, \
             SignedHeaders=x-amz-date, Signature=00",
            "AWS4-HMAC-SHA256 garbage",
        ] {
            let mut headers = signed(BODY);
            replace(&mut headers, "authorization", bad.to_owned());
            let error = verifier()
                .verify("POST", TARGET, &headers, BODY)
                .unwrap_err();
            assert!(
                matches!(error, SigV4Error::MalformedAuthorization(_)),
                "{bad:?}: {error:?}"
            );
        }
    }

    #[test]
    fn rejects_missing_or_malformed_dates() {
        let mut headers = signed(BODY);
        headers.retain(|(name, _)| name != "x-amz-date");
        let error = verifier()
            .verify("POST", TARGET, &headers, BODY)
            .unwrap_err();
        assert!(matches!(error, SigV4Error::BadDate(_)), "{error:?}");

        let mut headers = signed(BODY);
        replace(&mut headers, "x-amz-date", "yesterday".into());
        let error = verifier()
            .verify("POST", TARGET, &headers, BODY)
            .unwrap_err();
        assert!(matches!(error, SigV4Error::BadDate(_)), "{error:?}");
    }

    #[test]
    fn rejects_a_date_that_disagrees_with_the_credential_scope() {
        let mut headers = signed(BODY);
        let auth = authorization(&headers);
        let date = headers
            .iter()
            .find(|(n, _)| n == "x-amz-date")
            .unwrap()
            .1
            .clone();
        let tampered = auth.replace(&format!("/{}/", &date[..8]), "/19991231/");
        replace(&mut headers, "authorization", tampered);
        let error = verifier()
            .verify("POST", TARGET, &headers, BODY)
            .unwrap_err();
        assert!(matches!(error, SigV4Error::WrongScope(_)), "{error:?}");
    }

    #[test]
    fn clock_skew_is_limited_unless_disabled() {
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        let headers = signed_at(an_hour_ago, BODY);
        let error = verifier()
            .verify("POST", TARGET, &headers, BODY)
            .unwrap_err();
        assert!(matches!(error, SigV4Error::ClockSkew(_)), "{error:?}");
        assert!(
            error.to_string().starts_with("Signature expired"),
            "{error}"
        );

        let in_an_hour = SystemTime::now() + Duration::from_secs(3600);
        let headers = signed_at(in_an_hour, BODY);
        let error = verifier()
            .verify("POST", TARGET, &headers, BODY)
            .unwrap_err();
        assert!(
            error.to_string().starts_with("Signature not yet current"),
            "{error}"
        );

        let fixed = amz_date::parse("20150830T123600Z").unwrap();
        let headers = signed_at(fixed, BODY);
        let lenient = verifier().without_clock_skew_check();
        assert_eq!(lenient.verify("POST", TARGET, &headers, BODY), Ok(()));
    }

    #[test]
    fn never_panics_on_odd_request_targets() {
        let headers = signed(BODY);
        for target in ["*", "", "http://example.com/x", "/a b", "/%zz?%%"] {
            assert!(
                verifier().verify("POST", target, &headers, BODY).is_err(),
                "{target:?}"
            );
        }
    }
}
