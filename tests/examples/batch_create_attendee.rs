//! Creates meeting attendees with the client shapegen generates from `spec/chime.json`.
//!
//! ```text
//! cargo run --example batch_create_attendee
//!     starts an in-memory Chime endpoint on 127.0.0.1 (the one the tests use), creates
//!     attendees in a new meeting, and shows a validation error
//!
//! cargo run --example batch_create_attendee -- --endpoint URL --meeting-id ID [--region R]
//!     calls that endpoint, signing with credentials from AWS_ACCESS_KEY_ID,
//!     AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN); region from --region, AWS_REGION, or
//!     us-east-1
//! ```

use std::process::ExitCode;

use shapegen::{Config, Credentials};

mod chime {
    shapegen::generate! {
        spec: "../spec/chime.json",
        operations: [BatchCreateAttendee],
    }
}

use chime::operation::batch_create_attendee::BatchCreateAttendeeOutput;
use chime::types::{CreateAttendeeRequestItem, Tag};

/// Command-line options.
struct Options {
    endpoint: Option<String>,
    meeting_id: Option<String>,
    region: Option<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        endpoint: None,
        meeting_id: None,
        region: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let slot = match arg.as_str() {
            "--endpoint" => &mut options.endpoint,
            "--meeting-id" => &mut options.meeting_id,
            "--region" => &mut options.region,
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument `{other}`")),
        };
        *slot = Some(
            args.next()
                .ok_or_else(|| format!("`{arg}` needs a value"))?,
        );
    }
    Ok(options)
}

const USAGE: &str =
    "usage: batch_create_attendee [--endpoint URL --meeting-id ID [--region REGION]]";

#[tokio::main]
async fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("error: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match options.endpoint {
        Some(endpoint) => remote(&endpoint, options.meeting_id, options.region).await,
        None => local().await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn attendee(
    external_user_id: &str,
    team: &str,
) -> Result<CreateAttendeeRequestItem, shapegen::BuildError> {
    CreateAttendeeRequestItem::builder()
        .external_user_id(external_user_id)
        .tags(Tag::builder().key("team").value(team).build()?)
        .build()
}

/// Runs against an in-memory Chime endpoint on 127.0.0.1 that checks SigV4 signatures.
async fn local() -> Result<(), Box<dyn std::error::Error>> {
    let (access_key, secret_key, region) = ("AKIDEXAMPLE", "example-secret-key", "us-east-1");
    let endpoint =
        shapegen_tests::ChimeEndpoint::start_with_credentials(access_key, secret_key, region).await;
    let meeting_id = endpoint.create_meeting();
    println!(
        "In-memory Chime endpoint at {}, meeting {meeting_id}",
        endpoint.url()
    );

    let config = Config::builder()
        .endpoint_url(endpoint.url())
        .region(region)
        .credentials(Credentials::new(access_key, secret_key, None))
        .build()?;
    let client = chime::Client::new(config);

    // "ada" appears twice: the service creates the first and reports the second in `Errors`.
    let output = client
        .batch_create_attendee()
        .meeting_id(&meeting_id)
        .attendees(attendee("ada@example.com", "compilers")?)
        .attendees(attendee("grace@example.com", "navy")?)
        .attendees(attendee("ada@example.com", "compilers")?)
        .send()
        .await?;
    print_output(&output);

    println!("\nA request that breaks the model's constraints is rejected before sending:");
    let error = client
        .batch_create_attendee()
        .meeting_id("not-a-meeting-id")
        .attendees(attendee("x", "")?)
        .send()
        .await
        .expect_err("invalid input");
    if let Some(validation) = error.as_validation_error() {
        for violation in validation.violations() {
            println!("  {}: {}", violation.path(), violation.message());
        }
    }
    println!(
        "(requests the endpoint received: {})",
        endpoint.request_count()
    );
    Ok(())
}

/// Calls a real (or any) endpoint with credentials from the environment.
async fn remote(
    endpoint: &str,
    meeting_id: Option<String>,
    region: Option<String>,
) -> Result<(), Box<dyn std::error::Error>> {
    let meeting_id =
        meeting_id.ok_or("--endpoint needs --meeting-id (the meeting to add attendees to)")?;
    let mut builder = Config::builder().endpoint_url(endpoint).from_env();
    builder = match region {
        Some(region) => builder.region(region),
        None if std::env::var("AWS_REGION").is_err()
            && std::env::var("AWS_DEFAULT_REGION").is_err() =>
        {
            builder.region("us-east-1")
        }
        None => builder,
    };
    let client = chime::Client::new(builder.credentials(Credentials::from_env()?).build()?);
    let output = client
        .batch_create_attendee()
        .meeting_id(meeting_id)
        .attendees(attendee("shapegen-example-1", "demo")?)
        .attendees(attendee("shapegen-example-2", "demo")?)
        .send()
        .await?;
    print_output(&output);
    Ok(())
}

fn print_output(output: &BatchCreateAttendeeOutput) {
    let attendees = output.attendees.as_deref().unwrap_or_default();
    println!("\nCreated {} attendee(s):", attendees.len());
    for attendee in attendees {
        // Join tokens are credentials: show only their length.
        let token = attendee
            .join_token
            .as_deref()
            .map_or("none".to_owned(), |t| {
                format!("<redacted, {} characters>", t.len())
            });
        println!(
            "  {} ({}) join token {token}",
            attendee.attendee_id.as_deref().unwrap_or("?"),
            attendee.external_user_id.as_deref().unwrap_or("?"),
        );
    }
    let errors = output.errors.as_deref().unwrap_or_default();
    println!("Per-attendee errors: {}", errors.len());
    for error in errors {
        println!(
            "  {}: {} ({})",
            error.external_user_id.as_deref().unwrap_or("?"),
            error.error_code.as_deref().unwrap_or("?"),
            error.error_message.as_deref().unwrap_or(""),
        );
    }
    if let Some(request_id) = output.request_id() {
        println!("Request id: {request_id}");
    }
}
