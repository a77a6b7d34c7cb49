//! The subcommands.

use std::path::Path;
use std::process::ExitCode;

use shapegen_codegen::ir::{Binding, Ir, PathSegment};
use shapegen_codegen::{Diagnostics, Generator, Resolved, Settings, Severity};

use crate::style::{BOLD, DIM, ERROR, OK, WARN};

/// `expand`: the formatted client, on standard output or into a file; warnings on standard
/// error.
pub fn expand(spec: &Path, settings: Settings, output: Option<&Path>) -> Result<ExitCode, String> {
    let generator = Generator::new(spec).settings(settings);
    let generated = generator.generate().map_err(|e| e.to_string())?;
    print_diagnostics(&generated.warnings);
    match output {
        Some(path) => std::fs::write(path, generated.code).map_err(|error| {
            format!(
                "{}: cannot write the generated code: {error}",
                path.display()
            )
        })?,
        None => anstream::print!("{}", generated.code),
    }
    Ok(ExitCode::SUCCESS)
}

fn read(spec: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(spec)
        .map_err(|error| format!("{}: cannot read the model file: {error}", spec.display()))
}

fn resolve(spec: &Path, settings: &Settings) -> Result<Resolved, Diagnostics> {
    let file = spec.display().to_string();
    match std::fs::read(spec) {
        Ok(source) => shapegen_codegen::resolve(&source, &file, settings),
        Err(error) => {
            let mut diagnostics = Diagnostics::new(file);
            diagnostics.push(shapegen_codegen::Diagnostic::file(format!(
                "cannot read the model file: {error}"
            )));
            Err(diagnostics)
        }
    }
}

/// Each error and warning on standard error, prefixed with its severity.
fn print_diagnostics(diagnostics: &Diagnostics) {
    for (severity, line) in diagnostics.lines_with_severity() {
        match severity {
            Severity::Error => anstream::eprintln!("{ERROR}error{ERROR:#}: {line}"),
            Severity::Warning => anstream::eprintln!("{WARN}warning{WARN:#}: {line}"),
        }
    }
}

/// `, N warnings` for a summary line, or nothing.
fn warnings_suffix(diagnostics: &Diagnostics) -> String {
    match diagnostics.warning_count() {
        0 => String::new(),
        1 => ", 1 warning".to_owned(),
        count => format!(", {count} warnings"),
    }
}

/// `check`: every problem, or the warnings and a one-line summary (exit 0 with warnings only).
pub fn check(spec: &Path, settings: &Settings) -> Result<ExitCode, String> {
    match resolve(spec, settings) {
        Ok(Resolved { ir, warnings }) => {
            print_diagnostics(&warnings);
            let unions = ir.structures.iter().filter(|s| s.is_union).count();
            anstream::println!(
                "{OK}ok{OK:#}: {} ({}): {} operations, {} structures, {} unions, {} enums, {} errors, {} patterns{}",
                spec.display(),
                ir.service.id,
                ir.operations.len(),
                ir.structures.len() - unions,
                unions,
                ir.enums.len(),
                ir.errors.len(),
                ir.patterns.len(),
                warnings_suffix(&warnings)
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(diagnostics) => {
            print_diagnostics(&diagnostics);
            let count = diagnostics.error_count();
            anstream::eprintln!(
                "{BOLD}{count} problem{} in {}{}{BOLD:#}",
                if count == 1 { "" } else { "s" },
                spec.display(),
                warnings_suffix(&diagnostics)
            );
            Ok(ExitCode::FAILURE)
        }
    }
}

/// `list`: each service, then each operation with its method, URI, status and bindings.
pub fn list(spec: &Path) -> Result<ExitCode, String> {
    let source = read(spec)?;
    let file = spec.display().to_string();
    let mut diagnostics = Diagnostics::new(file.clone());
    let Some(model) = shapegen_codegen::model::load(&source, &mut diagnostics) else {
        print_diagnostics(&diagnostics);
        return Ok(ExitCode::from(2));
    };
    let services: Vec<String> = model.services().map(|s| s.id.clone()).collect();
    if services.is_empty() {
        return Err(format!("{file}: the model has no service"));
    }
    let mut failed = false;
    for id in services {
        match shapegen_codegen::resolve(&source, &file, &Settings::new().service(&id)) {
            Ok(Resolved { ir, warnings }) => {
                print_diagnostics(&warnings);
                print_service(&ir);
            }
            Err(diagnostics) => {
                anstream::println!("{BOLD}{id}{BOLD:#}: cannot be listed:");
                print_diagnostics(&diagnostics);
                failed = true;
            }
        }
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_service(ir: &Ir) {
    let version = ir.service.version.as_deref().unwrap_or("unversioned");
    anstream::println!(
        "{BOLD}{}{BOLD:#} ({}, {version}, {} operations)",
        ir.service.id,
        ir.service.title,
        ir.operations.len()
    );
    for op in &ir.operations {
        anstream::println!(
            "  {BOLD}{}{BOLD:#}  {} {} {DIM}→ {}{DIM:#}",
            op.name,
            op.http.method,
            op.http.uri,
            op.http.code
        );
        let labels = op.http.path.iter().filter_map(|segment| match segment {
            PathSegment::Label { member, greedy } => Some((*member, *greedy)),
            PathSegment::Literal(_) => None,
        });
        for (index, greedy) in labels {
            if let Some(member) = op.input.members.get(index) {
                let greedy = if greedy { " (greedy)" } else { "" };
                anstream::println!("      label   {{{}}}{greedy}", member.name);
            }
        }
        for (direction, structure) in [("in ", &op.input), ("out", &op.output)] {
            for member in &structure.members {
                let binding = match &member.binding {
                    Binding::Body | Binding::Label => continue,
                    Binding::Query(name) => format!("query   {name}"),
                    Binding::QueryParams => "query   (map)".to_owned(),
                    Binding::Header(name) => format!("header  {name}"),
                    Binding::PrefixHeaders(prefix) => format!("headers {prefix}*"),
                    Binding::Payload { .. } => "payload".to_owned(),
                    Binding::ResponseCode => "status".to_owned(),
                };
                anstream::println!("      {binding}  {DIM}{direction} {}{DIM:#}", member.name);
            }
        }
        if let Some(prefix) = &op.host_prefix {
            anstream::println!("      host    {prefix}");
        }
    }
}

/// `diff`: every change, classified; exit 1 when any is breaking.
pub fn diff(
    old: &Path,
    new: &Path,
    operations: Option<Vec<String>>,
    json: bool,
) -> Result<ExitCode, String> {
    let mut settings = Settings::new();
    if let Some(operations) = operations {
        settings = settings.operations(operations);
    }
    let resolved = |spec: &Path| {
        // Warnings do not matter here: the comparison is of the two models as generated.
        resolve(spec, &settings)
            .map(|resolved| resolved.ir)
            .map_err(|diagnostics| {
                print_diagnostics(&diagnostics);
                format!(
                    "{}: cannot be compared until its problems are fixed",
                    spec.display()
                )
            })
    };
    let (old_ir, new_ir) = (resolved(old)?, resolved(new)?);
    let changes = shapegen_codegen::diff::diff(&old_ir, &new_ir);
    let breaking = shapegen_codegen::diff::has_breaking(&changes);
    if json {
        let value = serde_json::json!({
            "old": old.display().to_string(),
            "new": new.display().to_string(),
            "breaking": breaking,
            "changes": changes.iter().map(|c| c.to_json()).collect::<Vec<_>>(),
        });
        let text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
        println!("{text}");
    } else {
        use shapegen_codegen::diff::Severity;
        for change in &changes {
            let style = match change.severity {
                Severity::Breaking => ERROR,
                Severity::Dangerous => WARN,
                Severity::Compatible => DIM,
            };
            anstream::println!("{style}{change}{style:#}");
        }
        let count = |severity| changes.iter().filter(|c| c.severity == severity).count();
        anstream::println!(
            "{BOLD}{} change{}: {} breaking, {} dangerous, {} compatible{BOLD:#}",
            changes.len(),
            if changes.len() == 1 { "" } else { "s" },
            count(Severity::Breaking),
            count(Severity::Dangerous),
            count(Severity::Compatible)
        );
    }
    Ok(if breaking {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
