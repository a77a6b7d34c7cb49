//! SigV4 request signing, through the `aws-sigv4` crate.

use std::time::SystemTime;

use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use bytes::Bytes;

use crate::credentials::Credentials;
use crate::error::ConstructionError;

/// Signs requests for one service and region with one set of credentials.
#[derive(Debug)]
pub(crate) struct Signer {
    identity: Identity,
    region: String,
    name: &'static str,
}

impl Signer {
    /// A signer for the service `name` (the model's `aws.auth#sigv4` name) in `region`.
    pub(crate) fn new(credentials: &Credentials, region: &str, name: &'static str) -> Self {
        let credentials = aws_credential_types::Credentials::new(
            credentials.access_key_id(),
            credentials.secret_access_key(),
            credentials.session_token().map(str::to_owned),
            None,
            "shapegen",
        );
        Self {
            identity: credentials.into(),
            region: region.to_owned(),
            name,
        }
    }

    /// Adds `authorization`, `x-amz-date` (and `x-amz-security-token`) to `request`.
    pub(crate) fn sign(
        &self,
        request: &mut http::Request<Bytes>,
        time: SystemTime,
    ) -> Result<(), ConstructionError> {
        let params = v4::SigningParams::builder()
            .identity(&self.identity)
            .region(&self.region)
            .name(self.name)
            .time(time)
            .settings(SigningSettings::default())
            .build()
            .map_err(|error| ConstructionError::new(format!("cannot sign the request: {error}")))?
            .into();
        let uri = request.uri().to_string();
        let headers = request
            .headers()
            .iter()
            .filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?)));
        let signable = SignableRequest::new(
            request.method().as_str(),
            &uri,
            headers,
            SignableBody::Bytes(request.body()),
        )
        .map_err(|error| ConstructionError::new(format!("cannot sign the request: {error}")))?;
        let (instructions, _signature) = sign(signable, &params)
            .map_err(|error| ConstructionError::new(format!("cannot sign the request: {error}")))?
            .into_parts();
        instructions.apply_to_request_http1x(request);
        Ok(())
    }
}
