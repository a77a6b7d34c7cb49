//! JSON text to a checked [`RuleSet`]: every function known and given the right number of
//! arguments, every reference and template placeholder naming a variable in scope, no name
//! assigned twice in one scope, every template and `getAttr` path well formed.

use std::collections::HashMap;

use super::error::{RuleSetError, RuleSetErrorKind};
use super::json_tree::Json;
use super::params::{ParamType, ParamValue};
use super::syntax::{
    Arity, Condition, EndpointTemplate, Expr, Function, Outcome, Parameter, Path, PathPart, Rule,
    RuleSet, Slot, TemplatePart,
};
use super::value::Value;

impl RuleSet {
    /// Parses the JSON of a `smithy.rules#endpointRuleSet` trait (rules engine 1.x).
    pub fn parse(json: &str) -> Result<RuleSet, RuleSetError> {
        let root = Json::parse(json)
            .map_err(|e| RuleSetError::new(String::new(), RuleSetErrorKind::Json(e.to_string())))?;
        Parser::default().rule_set(&root)
    }
}

/// A place in the rule set, for error messages: a chain of member names and indexes.
#[derive(Clone, Copy)]
struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    const ROOT: At<'static> = At {
        parent: None,
        step: Step::Root,
    };

    fn key(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Key(key),
        }
    }

    fn index(&'a self, index: usize) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Index(index),
        }
    }

    fn render(&self) -> String {
        let mut steps = Vec::new();
        let mut at = Some(self);
        while let Some(here) = at {
            steps.push(here.step);
            at = here.parent;
        }
        let mut out = String::new();
        for step in steps.iter().rev() {
            match step {
                Step::Root => {}
                Step::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Step::Index(index) => {
                    out.push('[');
                    out.push_str(&index.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    fn error(&self, kind: RuleSetErrorKind) -> RuleSetError {
        RuleSetError::new(self.render(), kind)
    }

    fn invalid(&self, message: impl Into<String>) -> RuleSetError {
        self.error(RuleSetErrorKind::Invalid(message.into()))
    }
}

type Parsed<T> = Result<T, RuleSetError>;

/// The names in scope while parsing, each bound to its slot.
#[derive(Default)]
struct Parser {
    /// Every name seen (parameters and assigned names) and its slot. An assigned name reuses
    /// its slot in every rule that assigns it: at most one binding of a name is in scope.
    slots: HashMap<String, Slot>,
    parameter_count: usize,
    /// Assigned slots in scope, innermost last.
    assigned: Vec<Slot>,
}

impl Parser {
    fn rule_set(mut self, root: &Json) -> Parsed<RuleSet> {
        let at = At::ROOT;
        expect_object(root, &at)?;
        let version = string_member(root, "version", &at)?;
        if !is_supported_version(version) {
            return Err(at
                .key("version")
                .error(RuleSetErrorKind::UnsupportedVersion(version.to_owned())));
        }
        let parameters =
            self.parameters(member(root, "parameters", &at)?, &at.key("parameters"))?;
        let rules_at = at.key("rules");
        let rules = self.rules(member(root, "rules", &at)?, &rules_at)?;
        if rules.is_empty() {
            return Err(rules_at.invalid("a rule set needs at least one rule"));
        }
        Ok(RuleSet {
            version: version.to_owned(),
            parameters,
            rules,
            slot_count: self.slots.len(),
        })
    }

    fn parameters(&mut self, json: &Json, at: &At<'_>) -> Parsed<Vec<Parameter>> {
        let Json::Object(members) = json else {
            return Err(at.invalid(format!("expected an object, found {}", json.kind())));
        };
        let mut parameters = Vec::with_capacity(members.len());
        for (name, definition) in members {
            let at = at.key(name);
            if !is_identifier(name) {
                return Err(at.invalid(format!("{name:?} is not a valid parameter name")));
            }
            if self.slots.contains_key(name) {
                return Err(at.invalid(format!("parameter `{name}` is declared twice")));
            }
            self.slots.insert(name.clone(), parameters.len());
            parameters.push(parameter(name, definition, &at)?);
        }
        self.parameter_count = parameters.len();
        Ok(parameters)
    }

    fn rules(&mut self, json: &Json, at: &At<'_>) -> Parsed<Vec<Rule>> {
        let Json::Array(items) = json else {
            return Err(at.invalid(format!("expected an array of rules, found {}", json.kind())));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| self.rule(item, &at.index(i)))
            .collect()
    }

    fn rule(&mut self, json: &Json, at: &At<'_>) -> Parsed<Rule> {
        expect_object(json, at)?;
        let kind = string_member(json, "type", at)?;
        let scope_depth = self.assigned.len();
        let conditions = self.conditions(member(json, "conditions", at)?, &at.key("conditions"));
        let result = conditions.and_then(|conditions| {
            let outcome = match kind {
                "endpoint" => Outcome::Endpoint(
                    self.endpoint(member(json, "endpoint", at)?, &at.key("endpoint"))?,
                ),
                "error" => Outcome::Error(self.expr(member(json, "error", at)?, &at.key("error"))?),
                "tree" => {
                    let rules_at = at.key("rules");
                    let rules = self.rules(member(json, "rules", at)?, &rules_at)?;
                    if rules.is_empty() {
                        return Err(rules_at.invalid("a tree rule needs at least one rule"));
                    }
                    Outcome::Tree(rules)
                }
                other => {
                    return Err(at.key("type").invalid(format!(
                        "unknown rule type {other:?} (expected endpoint, error or tree)"
                    )));
                }
            };
            Ok(Rule {
                conditions,
                outcome,
            })
        });
        // The rule's assignments go out of scope with it.
        self.assigned.truncate(scope_depth);
        result
    }

    fn conditions(&mut self, json: &Json, at: &At<'_>) -> Parsed<Vec<Condition>> {
        let Json::Array(items) = json else {
            return Err(at.invalid(format!("expected an array, found {}", json.kind())));
        };
        let mut conditions = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = at.index(i);
            if item.get("fn").is_none() {
                return Err(at.invalid("a condition must be a function call (`fn`, `argv`)"));
            }
            let test = self.call(item, &at)?;
            let assign = match item.get("assign") {
                None => None,
                Some(Json::String(name)) => Some(self.assign(name, &at.key("assign"))?),
                Some(other) => {
                    return Err(at
                        .key("assign")
                        .invalid(format!("expected a string, found {}", other.kind())));
                }
            };
            conditions.push(Condition { test, assign });
        }
        Ok(conditions)
    }

    /// Brings `name` into scope, returning its slot.
    fn assign(&mut self, name: &str, at: &At<'_>) -> Parsed<Slot> {
        if !is_identifier(name) {
            return Err(at.invalid(format!("{name:?} is not a valid variable name")));
        }
        let slot = match self.slots.get(name) {
            Some(&slot) => {
                if self.is_visible(slot) {
                    return Err(at.invalid(format!("`{name}` is already defined in this scope")));
                }
                slot
            }
            None => {
                let slot = self.slots.len();
                self.slots.insert(name.to_owned(), slot);
                slot
            }
        };
        self.assigned.push(slot);
        Ok(slot)
    }

    fn is_visible(&self, slot: Slot) -> bool {
        slot < self.parameter_count || self.assigned.contains(&slot)
    }

    fn resolve(&self, name: &str, at: &At<'_>) -> Parsed<Slot> {
        match self.slots.get(name) {
            Some(&slot) if self.is_visible(slot) => Ok(slot),
            _ => Err(at.error(RuleSetErrorKind::UnknownName(name.to_owned()))),
        }
    }

    fn endpoint(&mut self, json: &Json, at: &At<'_>) -> Parsed<EndpointTemplate> {
        expect_object(json, at)?;
        let url = self.expr(member(json, "url", at)?, &at.key("url"))?;
        let mut headers = Vec::new();
        if let Some(json) = json.get("headers") {
            let at = at.key("headers");
            let Json::Object(members) = json else {
                return Err(at.invalid(format!("expected an object, found {}", json.kind())));
            };
            for (name, values) in members {
                let at = at.key(name);
                let Json::Array(values) = values else {
                    return Err(at.invalid(format!("expected an array, found {}", values.kind())));
                };
                let values = values
                    .iter()
                    .enumerate()
                    .map(|(i, value)| self.expr(value, &at.index(i)))
                    .collect::<Parsed<Vec<_>>>()?;
                headers.push((name.clone(), values));
            }
        }
        let mut properties = Vec::new();
        if let Some(json) = json.get("properties") {
            let at = at.key("properties");
            let Json::Object(members) = json else {
                return Err(at.invalid(format!("expected an object, found {}", json.kind())));
            };
            for (name, value) in members {
                properties.push((name.clone(), self.expr(value, &at.key(name))?));
            }
        }
        Ok(EndpointTemplate {
            url,
            headers,
            properties,
        })
    }

    fn expr(&mut self, json: &Json, at: &At<'_>) -> Parsed<Expr> {
        match json {
            Json::Null => Err(at.invalid("null is not an expression")),
            Json::Bool(b) => Ok(Expr::Literal(Value::Bool(*b))),
            Json::Number(text) => text
                .parse::<i64>()
                .map(|i| Expr::Literal(Value::Int(i)))
                .map_err(|_| at.invalid(format!("{text} is not an integer"))),
            Json::String(text) => self.template(text, at),
            Json::Array(items) => Ok(Expr::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.expr(item, &at.index(i)))
                    .collect::<Parsed<_>>()?,
            )),
            Json::Object(members) => {
                if let Some(name) = json.get("ref") {
                    let Json::String(name) = name else {
                        return Err(at
                            .key("ref")
                            .invalid(format!("expected a string, found {}", name.kind())));
                    };
                    return Ok(Expr::Ref(self.resolve(name, &at.key("ref"))?));
                }
                if json.get("fn").is_some() {
                    return self.call(json, at);
                }
                Ok(Expr::Record(
                    members
                        .iter()
                        .map(|(key, value)| Ok((key.clone(), self.expr(value, &at.key(key))?)))
                        .collect::<Parsed<_>>()?,
                ))
            }
        }
    }

    fn call(&mut self, json: &Json, at: &At<'_>) -> Parsed<Expr> {
        let name = string_member(json, "fn", at)?;
        let function = Function::from_name(name).ok_or_else(|| {
            at.key("fn")
                .error(RuleSetErrorKind::UnknownFunction(name.into()))
        })?;
        let argv_at = at.key("argv");
        let args = match member(json, "argv", at)? {
            Json::Array(args) => args,
            other => {
                return Err(argv_at.invalid(format!("expected an array, found {}", other.kind())));
            }
        };
        let (fits, expected) = match function.arity() {
            Arity::Exactly(n) => (args.len() == n, n.to_string()),
            Arity::AtLeast(n) => (args.len() >= n, format!("at least {n}")),
        };
        if !fits {
            return Err(argv_at.error(RuleSetErrorKind::ArgumentCount {
                function: function.name(),
                expected,
                found: args.len(),
            }));
        }
        if function == Function::GetAttr {
            let target = self.expr(&args[0], &argv_at.index(0))?;
            let path_at = argv_at.index(1);
            let Json::String(path) = &args[1] else {
                return Err(path_at.invalid("the path of `getAttr` must be a literal string"));
            };
            let path = parse_path(path).map_err(|message| path_at.invalid(message))?;
            return Ok(Expr::GetAttr(Box::new(target), path));
        }
        let args = args
            .iter()
            .enumerate()
            .map(|(i, arg)| self.expr(arg, &argv_at.index(i)))
            .collect::<Parsed<Vec<_>>>()?;
        Ok(Expr::Call(function, args))
    }

    /// A string literal: `{name}` and `{name#path}` are placeholders, `{{` and `}}` stand for
    /// `{` and `}`.
    fn template(&self, text: &str, at: &At<'_>) -> Parsed<Expr> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(i) = rest.find(['{', '}']) {
            literal.push_str(&rest[..i]);
            let tail = &rest[i..];
            if let Some(after) = tail.strip_prefix("{{") {
                literal.push('{');
                rest = after;
            } else if let Some(after) = tail.strip_prefix("}}") {
                literal.push('}');
                rest = after;
            } else if tail.starts_with('}') {
                return Err(at.invalid(format!("unmatched `}}` in template {text:?}")));
            } else {
                let inner = &tail[1..];
                let end = inner
                    .find('}')
                    .ok_or_else(|| at.invalid(format!("unmatched `{{` in template {text:?}")))?;
                if !literal.is_empty() {
                    parts.push(TemplatePart::Text(std::mem::take(&mut literal)));
                }
                parts.push(self.placeholder(&inner[..end], at)?);
                rest = &inner[end + 1..];
            }
        }
        literal.push_str(rest);
        if parts.is_empty() {
            return Ok(Expr::Literal(Value::String(literal)));
        }
        if !literal.is_empty() {
            parts.push(TemplatePart::Text(literal));
        }
        Ok(Expr::Template(parts))
    }

    fn placeholder(&self, inner: &str, at: &At<'_>) -> Parsed<TemplatePart> {
        match inner.split_once('#') {
            None => Ok(TemplatePart::Ref(self.resolve(inner, at)?)),
            Some((name, path)) => {
                let path = parse_path(path).map_err(|message| at.invalid(message))?;
                Ok(TemplatePart::Attr(self.resolve(name, at)?, path))
            }
        }
    }
}

fn parameter(name: &str, json: &Json, at: &At<'_>) -> Parsed<Parameter> {
    expect_object(json, at)?;
    let type_name = string_member(json, "type", at)?;
    let param_type = match type_name.to_ascii_lowercase().as_str() {
        "string" => ParamType::String,
        "boolean" => ParamType::Boolean,
        "stringarray" => ParamType::StringArray,
        _ => {
            return Err(at.key("type").invalid(format!(
                "unknown parameter type {type_name:?} (expected string, boolean or stringArray)"
            )));
        }
    };
    let required = match json.get("required") {
        None => false,
        Some(Json::Bool(required)) => *required,
        Some(other) => {
            return Err(at
                .key("required")
                .invalid(format!("expected a boolean, found {}", other.kind())));
        }
    };
    let built_in = match json.get("builtIn") {
        None => None,
        Some(Json::String(built_in)) => Some(built_in.clone()),
        Some(other) => {
            return Err(at
                .key("builtIn")
                .invalid(format!("expected a string, found {}", other.kind())));
        }
    };
    let default = match json.get("default") {
        None => None,
        Some(value) => Some(default_value(value, param_type).ok_or_else(|| {
            at.key("default").invalid(format!(
                "expected a {param_type} default, found {}",
                value.kind()
            ))
        })?),
    };
    Ok(Parameter {
        name: name.to_owned(),
        param_type,
        built_in,
        required,
        default,
    })
}

fn default_value(json: &Json, param_type: ParamType) -> Option<ParamValue> {
    match (param_type, json) {
        (ParamType::String, Json::String(s)) => Some(ParamValue::String(s.clone())),
        (ParamType::Boolean, Json::Bool(b)) => Some(ParamValue::Bool(*b)),
        (ParamType::StringArray, Json::Array(items)) => items
            .iter()
            .map(|item| match item {
                Json::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(ParamValue::StringArray),
        _ => None,
    }
}

/// Parses a `getAttr` path: keys separated by `.`, each optionally followed by `[index]`.
pub(crate) fn parse_path(path: &str) -> Result<Path, String> {
    let bad = || format!("invalid getAttr path {path:?}");
    let mut parts = Vec::new();
    for component in path.split('.') {
        match component.find('[') {
            None => {
                if component.is_empty() {
                    return Err(bad());
                }
                parts.push(PathPart::Key(component.to_owned()));
            }
            Some(open) => {
                let key = &component[..open];
                if !key.is_empty() {
                    parts.push(PathPart::Key(key.to_owned()));
                }
                let index = component[open + 1..]
                    .strip_suffix(']')
                    .filter(|digits| {
                        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
                    })
                    .and_then(|digits| digits.parse::<usize>().ok())
                    .ok_or_else(bad)?;
                parts.push(PathPart::Index(index));
            }
        }
    }
    Ok(Path(parts))
}

/// Versions `1.0`, `1.1`, ...: the 1.x line adds functions, which are checked by name.
fn is_supported_version(version: &str) -> bool {
    version
        .strip_prefix("1.")
        .is_some_and(|minor| !minor.is_empty() && minor.bytes().all(|b| b.is_ascii_digit()))
}

/// A Smithy identifier: a letter or `_`, then letters, digits and `_`.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn expect_object(json: &Json, at: &At<'_>) -> Parsed<()> {
    match json {
        Json::Object(_) => Ok(()),
        other => Err(at.invalid(format!("expected an object, found {}", other.kind()))),
    }
}

fn member<'j>(json: &'j Json, key: &str, at: &At<'_>) -> Parsed<&'j Json> {
    json.get(key)
        .ok_or_else(|| at.invalid(format!("missing member `{key}`")))
}

fn string_member<'j>(json: &'j Json, key: &str, at: &At<'_>) -> Parsed<&'j str> {
    match member(json, key, at)? {
        Json::String(s) => Ok(s),
        other => Err(at
            .key(key)
            .invalid(format!("expected a string, found {}", other.kind()))),
    }
}
