//! The values a caller gives a rule set's parameters.

use std::borrow::Cow;
use std::fmt;

/// The type of a rule-set parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamType {
    /// `string`
    String,
    /// `boolean`
    Boolean,
    /// `stringArray`: a list of strings.
    StringArray,
}

impl fmt::Display for ParamType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParamType::String => "string",
            ParamType::Boolean => "boolean",
            ParamType::StringArray => "stringArray",
        })
    }
}

/// The value of one parameter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ParamValue {
    /// A `string` value.
    String(String),
    /// A `boolean` value.
    Bool(bool),
    /// A `stringArray` value.
    StringArray(Vec<String>),
}

impl ParamValue {
    /// The parameter type this value belongs to.
    pub fn param_type(&self) -> ParamType {
        match self {
            ParamValue::String(_) => ParamType::String,
            ParamValue::Bool(_) => ParamType::Boolean,
            ParamValue::StringArray(_) => ParamType::StringArray,
        }
    }
}

impl From<&str> for ParamValue {
    fn from(value: &str) -> Self {
        ParamValue::String(value.to_owned())
    }
}

impl From<String> for ParamValue {
    fn from(value: String) -> Self {
        ParamValue::String(value)
    }
}

impl From<bool> for ParamValue {
    fn from(value: bool) -> Self {
        ParamValue::Bool(value)
    }
}

impl From<Vec<String>> for ParamValue {
    fn from(value: Vec<String>) -> Self {
        ParamValue::StringArray(value)
    }
}

impl From<&[&str]> for ParamValue {
    fn from(value: &[&str]) -> Self {
        ParamValue::StringArray(value.iter().map(|s| (*s).to_owned()).collect())
    }
}

/// Parameter values by name, given to [`RuleSet::evaluate`](super::RuleSet::evaluate) or
/// [`Resolver::resolve`](super::Resolver::resolve).
///
/// Names are the rule set's parameter names (`Region`, `UseFIPS`, `Bucket`...), not built-in
/// names. A parameter left out takes its default, if it has one. Values for names the rule set
/// does not declare are ignored. Two `Params` with the same values are equal and hash alike
/// whatever the order they were set in, so they can key a cache.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Params {
    /// Sorted by name, names unique.
    values: Vec<(Cow<'static, str>, ParamValue)>,
}

impl Params {
    /// No values.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `name` to `value`, replacing any earlier value.
    pub fn set(
        &mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<ParamValue>,
    ) -> &mut Self {
        let name = name.into();
        let value = value.into();
        match self.position(&name) {
            Ok(index) => self.values[index].1 = value,
            Err(index) => self.values.insert(index, (name, value)),
        }
        self
    }

    /// `self` with `name` set to `value`.
    pub fn with(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<ParamValue>,
    ) -> Self {
        self.set(name, value);
        self
    }

    /// Removes the value of `name`, returning it.
    pub fn remove(&mut self, name: &str) -> Option<ParamValue> {
        let index = self.position(name).ok()?;
        Some(self.values.remove(index).1)
    }

    /// The value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        let index = self.position(name).ok()?;
        Some(&self.values[index].1)
    }

    /// The values, ordered by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ParamValue)> {
        self.values.iter().map(|(name, value)| (&**name, value))
    }

    /// The number of values set.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether no value is set.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    fn position(&self, name: &str) -> Result<usize, usize> {
        self.values.binary_search_by(|(key, _)| (**key).cmp(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_of_setting_does_not_matter() {
        let a = Params::new()
            .with("Region", "us-east-1")
            .with("UseFIPS", true);
        let b = Params::new()
            .with("UseFIPS", false)
            .with("Region", "us-east-1")
            .with("UseFIPS", true);
        assert_eq!(a, b);
        assert_eq!(a.len(), 2);
        let names: Vec<_> = a.iter().map(|(name, _)| name).collect();
        assert_eq!(names, ["Region", "UseFIPS"]);
    }

    #[test]
    fn get_and_remove() {
        let mut params = Params::new().with("Names", &["a", "b"][..]);
        assert_eq!(
            params.get("Names"),
            Some(&ParamValue::StringArray(vec!["a".into(), "b".into()]))
        );
        assert_eq!(params.get("Other"), None);
        assert!(params.remove("Names").is_some());
        assert!(params.is_empty());
        assert_eq!(params.remove("Names"), None);
    }
}
