//! Credentials printed by an external command (a profile's `credential_process`).

use std::fmt;
use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::json::CredentialsDocument;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// How long a command may run by default.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// How much of the command's standard error goes into an error message.
const STDERR_EXCERPT: usize = 512;

/// Credentials from a command's standard output, as a profile's `credential_process` names:
///
/// ```json
/// {"Version": 1, "AccessKeyId": "…", "SecretAccessKey": "…", "SessionToken": "…",
///  "Expiration": "2024-05-01T12:00:00Z", "AccountId": "123456789012"}
/// ```
///
/// (`SessionToken`, `Expiration` and `AccountId` are optional.) The command runs through the
/// shell (`sh -c`, or `cmd.exe /C` on Windows) with this process's environment, and is
/// killed when it runs longer than the timeout (60 s by default; processes it started in turn
/// are left to end on their own). A failing command's exit
/// status and the start of its standard error are reported; its standard output, which may
/// hold credentials, never is. `Debug` and errors name only the program (the first word of
/// the command), since arguments may be sensitive.
#[derive(Clone)]
pub struct CredentialProcessProvider {
    command: String,
    timeout: Duration,
}

impl CredentialProcessProvider {
    /// A provider running `command`.
    pub fn new(command: impl Into<String>) -> Self {
        Self {
            command: command.into(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Kills the command when it runs longer than `timeout`.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The first word of the command.
    fn program(&self) -> &str {
        self.command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .trim_matches(['"', '\''])
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let program = self.program().to_owned();
        let what = format!("the output of credential_process `{program}`");
        let mut child = shell(&self.command)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| {
                CredentialsError::provider_error(format!(
                    "cannot run credential_process `{program}`: {error}"
                ))
                .with_source(error)
            })?;
        let stdout = child.stdout.take();
        let stderr = child.stderr.take();
        let child = Arc::new(Mutex::new(child));
        let waited = Arc::clone(&child);
        // A plain thread rather than the runtime's blocking pool: if the command leaves a
        // child behind that keeps the pipes open, the thread waits for it without holding up
        // the runtime's shutdown.
        let (sender, receiver) = tokio::sync::oneshot::channel();
        std::thread::Builder::new()
            .name("credential_process".to_owned())
            .spawn(move || {
                let _ = sender.send(collect(waited, stdout, stderr));
            })
            .map_err(|error| {
                let _ = lock(&child).kill();
                CredentialsError::provider_error(format!(
                    "cannot start a thread to read credential_process `{program}`: {error}"
                ))
            })?;
        let output = match tokio::time::timeout(self.timeout, receiver).await {
            Ok(Ok(output)) => output,
            Ok(Err(_)) => {
                return Err(CredentialsError::provider_error(format!(
                    "credential_process `{program}` could not be waited for"
                )));
            }
            Err(_) => {
                let _ = lock(&child).kill();
                return Err(CredentialsError::timeout(format!(
                    "credential_process `{program}` did not finish within {:?} and was killed",
                    self.timeout
                )));
            }
        };
        let (status, stdout, stderr) = output.map_err(|error| {
            CredentialsError::provider_error(format!(
                "credential_process `{program}` could not be read: {error}"
            ))
        })?;
        if !status.success() {
            let stderr = String::from_utf8_lossy(&stderr);
            let excerpt: String = stderr.trim().chars().take(STDERR_EXCERPT).collect();
            let mut message = format!("credential_process `{program}` failed ({status})");
            if !excerpt.is_empty() {
                message.push_str(": ");
                message.push_str(&excerpt);
            }
            return Err(CredentialsError::provider_error(message));
        }
        let document = CredentialsDocument::parse(&stdout, &what)?;
        match document.version {
            Some(1) => {}
            Some(other) => {
                return Err(CredentialsError::provider_error(format!(
                    "{what} has `Version` {other}; only 1 is supported"
                )));
            }
            None => {
                return Err(CredentialsError::provider_error(format!(
                    "{what} has no `Version`"
                )));
            }
        }
        document.into_credentials(&what)
    }
}

/// The command run through the platform's shell.
fn shell(command: &str) -> Command {
    if cfg!(windows) {
        let mut shell = Command::new("cmd.exe");
        shell.arg("/C").arg(command);
        shell
    } else {
        let mut shell = Command::new("sh");
        shell.arg("-c").arg(command);
        shell
    }
}

fn lock(child: &Mutex<Child>) -> std::sync::MutexGuard<'_, Child> {
    child.lock().unwrap_or_else(PoisonError::into_inner)
}

type Output = (ExitStatus, Vec<u8>, Vec<u8>);

/// Reads both pipes to their end, then waits for the exit, polling so the lock is free for
/// a kill in between.
fn collect(
    child: Arc<Mutex<Child>>,
    stdout: Option<std::process::ChildStdout>,
    stderr: Option<std::process::ChildStderr>,
) -> std::io::Result<Output> {
    let errors = std::thread::spawn(move || {
        let mut buffer = Vec::new();
        if let Some(mut stderr) = stderr {
            let _ = stderr.read_to_end(&mut buffer);
        }
        buffer
    });
    let mut output = Vec::new();
    if let Some(mut stdout) = stdout {
        stdout.read_to_end(&mut output)?;
    }
    let errors = errors.join().unwrap_or_default();
    loop {
        if let Some(status) = lock(&child).try_wait()? {
            return Ok((status, output, errors));
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

impl ProvideCredentials for CredentialProcessProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.fetch())
    }
}

impl fmt::Debug for CredentialProcessProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialProcessProvider")
            .field("program", &self.program())
            .field("timeout", &self.timeout)
            .finish()
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::credentials::CredentialsErrorKind;
    use crate::credentials::test_support::TempDir;
    use std::time::{Instant, UNIX_EPOCH};

    /// A command printing `output` (written to a file, so quoting is no concern).
    fn printing(dir: &TempDir, output: &str) -> CredentialProcessProvider {
        let file = dir.write("output.json", output);
        CredentialProcessProvider::new(format!("cat '{}'", file.display()))
    }

    #[tokio::test]
    async fn reads_the_json_the_command_prints() {
        let dir = TempDir::new();
        let provider = printing(
            &dir,
            r#"{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret",
                "SessionToken": "proc-token", "Expiration": "2024-05-01T12:00:00Z",
                "AccountId": "123456789012"}"#,
        );
        let credentials = provider.provide_credentials().await.unwrap();
        assert_eq!(credentials.access_key_id(), "AKIDPROC");
        assert_eq!(credentials.secret_access_key(), "proc-secret");
        assert_eq!(credentials.session_token(), Some("proc-token"));
        assert_eq!(credentials.account_id(), Some("123456789012"));
        assert_eq!(
            credentials.expiry(),
            Some(UNIX_EPOCH + Duration::from_secs(1_714_564_800))
        );
        let static_keys = printing(
            &dir,
            r#"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S"}"#,
        )
        .provide_credentials()
        .await
        .unwrap();
        assert_eq!(static_keys.expiry(), None);
    }

    #[tokio::test]
    async fn failures_report_status_and_stderr_but_not_stdout() {
        let provider = CredentialProcessProvider::new(
            "echo '{\"SecretAccessKey\":\"proc-secret\"}'; echo 'token expired' >&2; exit 3",
        );
        let error = provider.provide_credentials().await.unwrap_err();
        assert_eq!(
            error.message(),
            "credential_process `echo` failed (exit status: 3): token expired"
        );
        let missing = CredentialProcessProvider::new("/nonexistent/creds-helper --profile x")
            .provide_credentials()
            .await
            .unwrap_err();
        assert!(
            missing
                .message()
                .starts_with("credential_process `/nonexistent/creds-helper` failed"),
            "{missing}"
        );
    }

    #[tokio::test]
    async fn malformed_output_is_an_error() {
        let dir = TempDir::new();
        for (output, expected) in [
            (
                r#"{"Version":2,"AccessKeyId":"A","SecretAccessKey":"S"}"#,
                "`Version` 2",
            ),
            (
                r#"{"AccessKeyId":"A","SecretAccessKey":"S"}"#,
                "has no `Version`",
            ),
            (
                r#"{"Version":1,"AccessKeyId":"A"}"#,
                "has no `SecretAccessKey`",
            ),
            (
                r#"{"Version":1,"SecretAccessKey":proc-secret}"#,
                "not a valid JSON",
            ),
            (
                r#"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"1 May"}"#,
                "RFC 3339",
            ),
        ] {
            let error = printing(&dir, output)
                .provide_credentials()
                .await
                .unwrap_err();
            assert!(error.message().contains(expected), "{error} vs {expected}");
            assert!(!error.message().contains("proc-secret"));
            assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
        }
    }

    #[tokio::test]
    async fn a_command_that_hangs_is_killed_at_the_timeout() {
        let started = Instant::now();
        let error = CredentialProcessProvider::new("sleep 30")
            .with_timeout(Duration::from_millis(200))
            .provide_credentials()
            .await
            .unwrap_err();
        assert_eq!(error.kind(), CredentialsErrorKind::Timeout);
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn debug_names_only_the_program() {
        let provider = CredentialProcessProvider::new("\"/opt/helper\" --password hunter2");
        let text = format!("{provider:?}");
        assert!(
            text.contains("/opt/helper") && !text.contains("hunter2"),
            "{text}"
        );
    }
}
