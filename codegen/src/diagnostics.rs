//! Problems found in a model, each located by a JSON path, reported all together.

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

/// One problem with a model or with the arguments given to the generator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    location: Location,
    message: String,
}

impl Diagnostic {
    /// A problem at a JSON path.
    pub fn at(path: JsonPath, message: impl Into<String>) -> Self {
        Self {
            location: Location::Path(path),
            message: message.into(),
        }
    }

    /// A problem with the file as a whole.
    pub fn file(message: impl Into<String>) -> Self {
        Self {
            location: Location::File,
            message: message.into(),
        }
    }

    /// A syntax error at a line and column (both 1-based).
    pub fn syntax(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            location: Location::LineColumn { line, column },
            message: message.into(),
        }
    }

    /// A problem with a generator argument such as `operations`.
    pub fn argument(name: &str, message: impl Into<String>) -> Self {
        Self {
            location: Location::Argument(name.to_owned()),
            message: message.into(),
        }
    }

    /// Where the problem is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// What the problem is.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Renders the problem as one line, prefixed by the model file's name.
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

/// Every problem found in one run, in the order they were found.
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

    /// Records a problem at a JSON path.
    pub fn error(&mut self, path: JsonPath, message: impl Into<String>) {
        self.push(Diagnostic::at(path, message));
    }

    /// Whether no problem was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The number of problems.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The problems, in the order they were found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The model file's name as shown in messages.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// `Err(self)` if any problem was recorded, else `Ok(value)`.
    pub fn into_result<T>(self, value: T) -> Result<T, Self> {
        if self.items.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// Each problem rendered on its own line.
    pub fn lines(&self) -> impl Iterator<Item = String> + '_ {
        self.items.iter().map(|d| d.render(&self.file))
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.items.len();
        if count > 1 {
            writeln!(f, "{count} problems in the model:")?;
        }
        for (i, line) in self.lines().enumerate() {
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
}
