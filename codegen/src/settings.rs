//! What to generate: the one settings type shared by the macro, `build.rs` and the CLI.

/// Generation settings.
///
/// ```
/// let settings = shapegen_codegen::Settings::new()
///     .service("com.amazonaws.chime#UCBuzzConsoleService")
///     .operations(["BatchCreateAttendee"]);
/// assert_eq!(settings.selected_operations(), Some(&["BatchCreateAttendee".to_owned()][..]));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    service: Option<String>,
    operations: Option<Vec<String>>,
}

impl Settings {
    /// Every operation of the model's only service.
    pub fn new() -> Self {
        Self::default()
    }

    /// Selects the service by absolute shape id (needed when the model has several).
    pub fn service(mut self, id: impl Into<String>) -> Self {
        self.service = Some(id.into());
        self
    }

    /// Generates only these operations (by shape name or absolute id) and the shapes they reach.
    pub fn operations<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.operations = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// The selected service id, if one was given.
    pub fn selected_service(&self) -> Option<&str> {
        self.service.as_deref()
    }

    /// The selected operations, or `None` for all of them.
    pub fn selected_operations(&self) -> Option<&[String]> {
        self.operations.as_deref()
    }
}
