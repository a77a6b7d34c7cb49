//! Problems found in a model, each located by a JSON path, reported all together.
//!
//! A problem is an [error](Severity::Error) (nothing is generated) or a
//! [warning](Severity::Warning): generation succeeds, but part of the model is not honoured
//! (a `pattern` with no ECMA-262 equivalent is not enforced, an event-stream operation is
//! skipped) and the message says which part.

use std::fmt;

/// One step of a [`JsonPath`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Segment {
    Key(String),
    Index(usize),
}

/// A location inside a JSON document, printed like `shapes."ns#Name".members.Id.target`.
///
/// Keys that are plain identifiers print bare; any other key is quoted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct JsonPath {
    segments: Vec<Segment>,
}

impl JsonPath {
    /// The document root.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path extended by an object key.
    pub fn key(&self, key: &str) -> Self {
        let mut path = self.clone();
        path.segments.push(Segment::Key(key.to_owned()));
        path
    }

    /// This path extended by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut path = self.clone();
        path.segments.push(Segment::Index(index));
        path
    }

    /// The path of a top-level shape: `shapes."<id>"`.
    pub fn shape(id: &str) -> Self {
        Self::root().key("shapes").key(id)
    }

    /// The path of a trait on this shape or member: `<self>.traits."<trait>"`.
    pub fn trait_(&self, trait_id: &str) -> Self {
        self.key("traits").key(trait_id)
    }

    /// Whether this is the document root.
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }
}

fn is_bare_key(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.segments.is_empty() {
            return f.write_str("(document root)");
        }
        for (i, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Index(index) => write!(f, "[{index}]")?,
                Segment::Key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    if is_bare_key(key) {
                        f.write_str(key)?;
                    } else {
                        write!(f, "{key:?}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Where a problem was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A position in the model file's text (used for syntax errors).
    LineColumn { line: usize, column: usize },
    /// A JSON path into the parsed model.
    Path(JsonPath),
    /// The file as a whole (for example: it could not be read).
    File,
    /// The generator's arguments rather than the model (for example `operations: [...]`).
    Argument(String),
}

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Severity {
    /// Nothing can be generated until it is fixed.
    Error,
    /// Generation succeeds without the part of the model the message names.
    Warning,
}

/// One problem with a model or with the arguments given to the generator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    severity: Severity,
    location: Location,
    message: String,
}

impl Diagnostic {
    fn error(location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            location,
            message: message.into(),
        }
    }

    /// An error at a JSON path.
    pub fn at(path: JsonPath, message: impl Into<String>) -> Self {
        Self::error(Location::Path(path), message)
    }

    /// A warning at a JSON path: generation goes on without what the message names.
    pub fn warning(path: JsonPath, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            location: Location::Path(path),
            message: message.into(),
        }
    }

    /// An error with the file as a whole.
    pub fn file(message: impl Into<String>) -> Self {
        Self::error(Location::File, message)
    }

    /// A syntax error at a line and column (both 1-based).
    pub fn syntax(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self::error(Location::LineColumn { line, column }, message)
    }

    /// An error in a generator argument such as `operations`.
    pub fn argument(name: &str, message: impl Into<String>) -> Self {
        Self::error(Location::Argument(name.to_owned()), message)
    }

    /// Whether this is an error or a warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Whether this is an error (generation fails).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Where the problem is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// What the problem is.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Renders the problem as one line, prefixed by the model file's name (the severity is
    /// left to the caller, which may style it).
    pub fn render(&self, file: &str) -> String {
        match &self.location {
            Location::LineColumn { line, column } => {
                format!("{file}:{line}:{column}: {}", self.message)
            }
            Location::Path(path) => format!("{file}: {path}: {}", self.message),
            Location::File => format!("{file}: {}", self.message),
            Location::Argument(name) => format!("{file}: argument `{name}`: {}", self.message),
        }
    }
}

/// Every problem (errors and warnings) found in one run, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    file: String,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection for problems in `file` (the name shown to the user).
    pub fn new(file: impl Into<String>) -> Self {
        Self {
            file: file.into(),
            items: Vec::new(),
        }
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records an error at a JSON path.
    pub fn error(&mut self, path: JsonPath, message: impl Into<String>) {
        self.push(Diagnostic::at(path, message));
    }

    /// Records a warning at a JSON path.
    pub fn warning(&mut self, path: JsonPath, message: impl Into<String>) {
        self.push(Diagnostic::warning(path, message));
    }

    /// Whether nothing at all (no error, no warning) was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The number of problems, errors and warnings.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether any error was recorded (then nothing is generated).
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// The number of warnings.
    pub fn warning_count(&self) -> usize {
        self.len() - self.error_count()
    }

    /// The problems, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The warnings, in the order they were found.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    /// The model file's name as shown in messages.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// `Err(self)` if any error was recorded, else `Ok(value)` (warnings alone do not fail).
    pub fn into_result<T>(self, value: T) -> Result<T, Self> {
        if self.has_errors() {
            Err(self)
        } else {
            Ok(value)
        }
    }

    /// Each problem rendered on its own line, without its severity.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.items.iter().map(|d| d.render(&self.file))
    }

    /// Each problem with its severity: `(severity, line)`.
    pub fn lines_with_severity(&self) -> impl Iterator<Item = (Severity, String)> + '_ {
        self.items
            .iter()
            .map(|d| (d.severity, d.render(&self.file)))
    }
}

/// Errors first, one per line (under an "N problems" header when there are several), then the
/// warnings, each prefixed with `warning: `.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.error_count();
        if count > 1 {
            writeln!(f, "{count} problems in the model:")?;
        }
        let errors = self.items.iter().filter(|d| d.is_error());
        let lines = errors.map(|d| d.render(&self.file)).chain(
            self.warnings()
                .map(|d| format!("warning: {}", d.render(&self.file))),
        );
        for (i, line) in lines.enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            f.write_str(&line)?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_quote_keys_that_are_not_identifiers() {
        let path = JsonPath::shape("com.amazonaws.chime#GuidString").trait_("smithy.api#pattern");
        assert_eq!(
            path.to_string(),
            r#"shapes."com.amazonaws.chime#GuidString".traits."smithy.api#pattern""#
        );
        let path = JsonPath::shape("a#B").key("errors").index(2).key("target");
        assert_eq!(path.to_string(), r#"shapes."a#B".errors[2].target"#);
    }

    #[test]
    fn several_problems_render_together() {
        let mut diagnostics = Diagnostics::new("spec/x.json");
        diagnostics.error(JsonPath::root().key("smithy"), "missing");
        diagnostics.push(Diagnostic::syntax(3, 7, "invalid JSON: expected value"));
        let text = diagnostics.to_string();
        assert_eq!(
            text,
            "2 problems in the model:\nspec/x.json: smithy: missing\nspec/x.json:3:7: invalid JSON: expected value"
        );
    }

    #[test]
    fn warnings_do_not_fail_and_render_after_the_errors() {
        let mut diagnostics = Diagnostics::new("m.json");
        diagnostics.warning(JsonPath::shape("a#B"), "not enforced");
        assert!(!diagnostics.has_errors());
        assert_eq!(diagnostics.warning_count(), 1);
        assert_eq!(diagnostics.clone().into_result(7), Ok(7));
        assert_eq!(
            diagnostics.to_string(),
            r#"warning: m.json: shapes."a#B": not enforced"#
        );
        diagnostics.error(JsonPath::shape("a#C"), "broken");
        assert_eq!(diagnostics.error_count(), 1);
        assert_eq!(
            diagnostics.to_string(),
            "m.json: shapes.\"a#C\": broken\nwarning: m.json: shapes.\"a#B\": not enforced"
        );
        let severities: Vec<Severity> = diagnostics
            .lines_with_severity()
            .map(|(severity, _)| severity)
            .collect();
        assert_eq!(severities, [Severity::Warning, Severity::Error]);
        assert!(diagnostics.into_result(()).is_err());
    }
}
