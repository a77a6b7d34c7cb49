//! `shapegen`: generate, inspect, check and compare Smithy JSON AST models from the command line.
//!
//! ```text
//! shapegen expand SPEC [--service ID] [--operations A,B] [-o FILE]
//! shapegen list SPEC
//! shapegen check SPEC [--service ID] [--operations A,B]
//! shapegen diff OLD NEW [--operations A,B] [--format text|json]
//! ```
//!
//! Exit codes: 0 success; 1 `check` found problems or `diff` found a breaking change;
//! 2 the command could not run (unreadable file, invalid model, bad arguments).

mod commands;
mod style;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Generate, inspect, check and compare Smithy JSON AST models for shapegen clients.
#[derive(Debug, Parser)]
#[command(name = "shapegen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the generated Rust client, formatted (what `generate!` expands to).
    Expand {
        /// The model (Smithy JSON AST).
        spec: PathBuf,
        #[command(flatten)]
        selection: Selection,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// List services and their operations with HTTP bindings.
    List {
        /// The model (Smithy JSON AST).
        spec: PathBuf,
    },
    /// Report every problem the macro would report, with JSON paths; non-zero exit if any.
    Check {
        /// The model (Smithy JSON AST).
        spec: PathBuf,
        #[command(flatten)]
        selection: Selection,
    },
    /// Classify the changes between two versions of a model for the generated Rust API.
    ///
    /// Each change is breaking, dangerous or compatible; the exit code is 1 when anything is
    /// breaking (for CI gates). Shapes are matched by name, so models in different namespaces
    /// can be compared.
    Diff {
        /// The model as it was.
        old: PathBuf,
        /// The model as it is now.
        new: PathBuf,
        /// Compare only these operations (comma-separated) and the shapes they reach.
        #[arg(long, value_delimiter = ',')]
        operations: Option<Vec<String>>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

/// Which part of a model to generate.
#[derive(Debug, clap::Args)]
struct Selection {
    /// The service's shape id (needed when the model has several).
    #[arg(long)]
    service: Option<String>,
    /// Only these operations (comma-separated) and the shapes they reach.
    #[arg(long, value_delimiter = ',')]
    operations: Option<Vec<String>>,
}

impl Selection {
    fn settings(&self) -> shapegen_codegen::Settings {
        let mut settings = shapegen_codegen::Settings::new();
        if let Some(service) = &self.service {
            settings = settings.service(service);
        }
        if let Some(operations) = &self.operations {
            settings = settings.operations(operations.iter().cloned());
        }
        settings
    }
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Expand {
            spec,
            selection,
            output,
        } => commands::expand(&spec, selection.settings(), output.as_deref()),
        Command::List { spec } => commands::list(&spec),
        Command::Check { spec, selection } => commands::check(&spec, &selection.settings()),
        Command::Diff {
            old,
            new,
            operations,
            format,
        } => commands::diff(&old, &new, operations, format == Format::Json),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            style::error(&message);
            ExitCode::from(2)
        }
    }
}
