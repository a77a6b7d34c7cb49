//! Which AWS region to use, from the standard sources.

use std::fmt;

use crate::credentials::{CredentialsError, ImdsClient, ProfileSet, ProviderConfig};

/// The EC2 instance metadata path of the instance's region.
const IMDS_REGION_PATH: &str = "/latest/meta-data/placement/region";

/// The standard region chain: the region set on the [`ProviderConfig`], `AWS_REGION`,
/// `AWS_DEFAULT_REGION`, the `region` of the profile (`AWS_PROFILE`, else `default`), then the
/// EC2 instance metadata service (unless `AWS_EC2_METADATA_DISABLED=true`; 1 s per attempt,
/// one retry).
///
/// ```no_run
/// use shapegen::credentials::ProviderConfig;
/// use shapegen::region::DefaultRegionChain;
///
/// # async fn run() -> Result<(), shapegen::region::RegionError> {
/// let region = DefaultRegionChain::new(&ProviderConfig::default()).region().await?;
/// println!("{}", region.as_deref().unwrap_or("no region"));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct DefaultRegionChain {
    config: ProviderConfig,
}

impl DefaultRegionChain {
    /// Reads the environment, files and network through `config`.
    pub fn new(config: &ProviderConfig) -> Self {
        Self {
            config: config.clone(),
        }
    }

    /// The first region found, or `None`. Profile files that cannot be read or parsed are an
    /// error; an unreachable instance metadata service is not (it is the last resort, absent
    /// off EC2).
    pub async fn region(&self) -> Result<Option<String>, RegionError> {
        if let Some(region) = self.config.region() {
            return Ok(Some(region));
        }
        let profiles = ProfileSet::load(&self.config).map_err(RegionError::from)?;
        if let Some(region) = profiles
            .profile(&self.config.profile_name())
            .and_then(|profile| profile.get("region"))
        {
            return Ok(Some(region.to_owned()));
        }
        let imds = ImdsClient::new(&self.config);
        if imds.is_disabled() {
            return Ok(None);
        }
        match imds.get(IMDS_REGION_PATH).await {
            Ok(region) => Ok(region
                .map(|region| region.trim().to_owned())
                .filter(|region| !region.is_empty())),
            Err(error) => {
                tracing::debug!(%error, "no region from the EC2 instance metadata service");
                Ok(None)
            }
        }
    }
}

/// The region could not be determined because a source is broken (e.g. a malformed profile
/// file).
#[derive(Debug, Clone)]
pub struct RegionError {
    message: String,
}

impl From<CredentialsError> for RegionError {
    fn from(error: CredentialsError) -> Self {
        Self {
            message: error.message().to_owned(),
        }
    }
}

impl fmt::Display for RegionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot determine the region: {}", self.message)
    }
}

impl std::error::Error for RegionError {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::imds::tests::fake_imds;
    use crate::credentials::test_support::{TempDir, closed_port, config};

    async fn region(vars: &[(&str, &str)]) -> Result<Option<String>, RegionError> {
        DefaultRegionChain::new(&config(vars)).region().await
    }

    #[tokio::test]
    async fn environment_then_profile_then_imds() {
        let imds = fake_imds().await;
        let dir = TempDir::new();
        dir.write(
            ".aws/config",
            "[default]\nregion = eu-west-3\n[profile dev]\nregion = ap-south-1\n[profile bare]\n",
        );
        let home = dir.path().to_string_lossy().into_owned();
        let endpoint = imds.base();
        let base = [
            ("HOME", home.as_str()),
            ("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint.as_str()),
        ];
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut vars = base.to_vec();
            vars.extend_from_slice(extra);
            vars
        };
        assert_eq!(
            region(&with(&[
                ("AWS_REGION", "us-west-1"),
                ("AWS_DEFAULT_REGION", "x")
            ]))
            .await
            .unwrap()
            .as_deref(),
            Some("us-west-1")
        );
        assert_eq!(
            region(&with(&[("AWS_DEFAULT_REGION", "us-west-2")]))
                .await
                .unwrap()
                .as_deref(),
            Some("us-west-2")
        );
        assert_eq!(
            region(&with(&[])).await.unwrap().as_deref(),
            Some("eu-west-3")
        );
        assert_eq!(
            region(&with(&[("AWS_PROFILE", "dev")]))
                .await
                .unwrap()
                .as_deref(),
            Some("ap-south-1")
        );
        assert_eq!(imds.hits(), 0);
        assert_eq!(
            region(&with(&[("AWS_PROFILE", "bare")]))
                .await
                .unwrap()
                .as_deref(),
            Some("eu-north-1")
        );
        assert_eq!(
            region(&with(&[
                ("AWS_PROFILE", "bare"),
                ("AWS_EC2_METADATA_DISABLED", "true")
            ]))
            .await
            .unwrap(),
            None
        );
    }

    #[tokio::test]
    async fn an_unreachable_imds_means_no_region_but_a_broken_file_is_an_error() {
        let endpoint = format!("http://127.0.0.1:{}", closed_port());
        assert_eq!(
            region(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &endpoint)])
                .await
                .unwrap(),
            None
        );
        let dir = TempDir::new();
        dir.write(".aws/config", "[default\n");
        let home = dir.path().to_string_lossy().into_owned();
        let error = region(&[("HOME", &home)]).await.unwrap_err();
        assert!(
            error
                .to_string()
                .contains("line 1: a section header needs a closing `]`"),
            "{error}"
        );
    }
}
