//! Evaluating a rule set for one set of parameter values.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use super::aws::{is_virtual_hostable_s3_bucket, parse_arn};
use super::error::ResolveError;
use super::params::Params;
use super::partitions::Partitions;
use super::resolved::Endpoint;
use super::stdlib::{is_valid_host_label, split, substring, uri_encode};
use super::syntax::{
    EndpointTemplate, Expr, Function, Outcome, Parameter, Path, PathPart, Rule, RuleSet, Slot,
    TemplatePart,
};
use super::url::parse_url;
use super::value::Value;

impl RuleSet {
    /// Resolves the endpoint for `params`, with `partitions` for `aws.partition`.
    ///
    /// Parameters left out take their defaults; a required parameter that still has no value is
    /// [`ResolveError::MissingParameter`]. A matching error rule is [`ResolveError::Rule`].
    pub fn evaluate(
        &self,
        params: &Params,
        partitions: &Partitions,
    ) -> Result<Endpoint, ResolveError> {
        let mut slots = vec![Value::None; self.slot_count];
        for (slot, parameter) in slots.iter_mut().zip(&self.parameters) {
            let value = match params.get(&parameter.name) {
                Some(value) if value.param_type() != parameter.param_type => {
                    return Err(ResolveError::ParameterType {
                        name: parameter.name.clone(),
                        expected: parameter.param_type,
                        found: value.param_type(),
                    });
                }
                Some(value) => Some(value),
                None => parameter.default.as_ref(),
            };
            match value {
                Some(value) => *slot = Value::from(value),
                None if parameter.required => {
                    return Err(ResolveError::MissingParameter(parameter.name.clone()));
                }
                None => {}
            }
        }
        let mut evaluator = Evaluator { slots, partitions };
        evaluator
            .rules(&self.rules)?
            .ok_or(ResolveError::NoRuleMatched)
    }

    /// The parameters the rule set declares, in the order of the rule set.
    pub fn parameters(&self) -> &[Parameter] {
        &self.parameters
    }

    /// The rules engine version the rule set declares (`1.0`, `1.1`...).
    pub fn version(&self) -> &str {
        &self.version
    }
}

/// The value of every variable in scope, by slot.
struct Evaluator<'p> {
    slots: Vec<Value>,
    partitions: &'p Partitions,
}

type Evaluated<'s> = Result<Cow<'s, Value>, ResolveError>;

static NONE: Value = Value::None;

impl Evaluator<'_> {
    /// The first rule that matches; `None` when none does.
    fn rules(&mut self, rules: &[Rule]) -> Result<Option<Endpoint>, ResolveError> {
        for rule in rules {
            if let Some(endpoint) = self.rule(rule)? {
                return Ok(Some(endpoint));
            }
        }
        Ok(None)
    }

    /// `None` when a condition fails; an error rule that matches is `Err`.
    fn rule(&mut self, rule: &Rule) -> Result<Option<Endpoint>, ResolveError> {
        for condition in &rule.conditions {
            let value = self.eval(&condition.test)?;
            if !value.is_truthy() {
                return Ok(None);
            }
            if let Some(slot) = condition.assign {
                let value = value.into_owned();
                self.slots[slot] = value;
            }
        }
        match &rule.outcome {
            Outcome::Endpoint(template) => self.endpoint(template).map(Some),
            Outcome::Error(message) => {
                let message = self.eval(message)?;
                Err(ResolveError::Rule(
                    expect_string("an error rule", &message)?.to_owned(),
                ))
            }
            // A tree whose conditions matched is terminal: exhausting it is an error.
            Outcome::Tree(rules) => match self.rules(rules)? {
                Some(endpoint) => Ok(Some(endpoint)),
                None => Err(ResolveError::NoRuleMatched),
            },
        }
    }

    fn endpoint(&self, template: &EndpointTemplate) -> Result<Endpoint, ResolveError> {
        let url = self.eval(&template.url)?;
        let url = expect_string("an endpoint url", &url)?.to_owned();
        let mut headers = BTreeMap::new();
        for (name, exprs) in &template.headers {
            let mut values = Vec::with_capacity(exprs.len());
            for expr in exprs {
                let value = self.eval(expr)?;
                values.push(expect_string("a header value", &value)?.to_owned());
            }
            headers.insert(name.clone(), values);
        }
        let mut properties = HashMap::with_capacity(template.properties.len());
        for (name, expr) in &template.properties {
            properties.insert(name.clone(), self.eval(expr)?.to_document());
        }
        Ok(Endpoint {
            url,
            headers,
            properties,
        })
    }

    fn slot(&self, slot: Slot) -> &Value {
        self.slots.get(slot).unwrap_or(&NONE)
    }

    fn eval<'s>(&'s self, expr: &'s Expr) -> Evaluated<'s> {
        match expr {
            Expr::Literal(value) => Ok(Cow::Borrowed(value)),
            Expr::Ref(slot) => Ok(Cow::Borrowed(self.slot(*slot))),
            Expr::Template(parts) => self.template(parts).map(|s| Cow::Owned(Value::String(s))),
            Expr::Array(items) => {
                let items = items
                    .iter()
                    .map(|item| self.eval(item).map(Cow::into_owned))
                    .collect::<Result<_, _>>()?;
                Ok(Cow::Owned(Value::Array(items)))
            }
            Expr::Record(fields) => {
                let fields = fields
                    .iter()
                    .map(|(key, item)| Ok((key.clone(), self.eval(item)?.into_owned())))
                    .collect::<Result<_, ResolveError>>()?;
                Ok(Cow::Owned(Value::Record(fields)))
            }
            Expr::GetAttr(target, path) => match self.eval(target)? {
                Cow::Borrowed(target) => get_attr(target, path).map(Cow::Borrowed),
                Cow::Owned(target) => get_attr(&target, path).map(|v| Cow::Owned(v.clone())),
            },
            Expr::Call(function, args) => self.call(*function, args),
        }
    }

    fn template(&self, parts: &[TemplatePart]) -> Result<String, ResolveError> {
        let mut out = String::new();
        for part in parts {
            match part {
                TemplatePart::Text(text) => out.push_str(text),
                TemplatePart::Ref(slot) => {
                    out.push_str(expect_string("a template", self.slot(*slot))?);
                }
                TemplatePart::Attr(slot, path) => {
                    let value = get_attr(self.slot(*slot), path)?;
                    out.push_str(expect_string("a template", value)?);
                }
            }
        }
        Ok(out)
    }

    fn call<'s>(&'s self, function: Function, args: &'s [Expr]) -> Evaluated<'s> {
        let name = function.name();
        let arg = |i: usize| match args.get(i) {
            Some(expr) => self.eval(expr),
            None => Err(ResolveError::Evaluation(format!(
                "`{name}` is missing argument {i}"
            ))),
        };
        let owned = |value: Value| Ok(Cow::Owned(value));
        match function {
            Function::IsSet => owned(Value::Bool(!matches!(*arg(0)?, Value::None))),
            Function::Not => owned(Value::Bool(!expect_bool(name, &*arg(0)?)?)),
            Function::BooleanEquals => {
                let (a, b) = (arg(0)?, arg(1)?);
                owned(Value::Bool(
                    expect_bool(name, &a)? == expect_bool(name, &b)?,
                ))
            }
            Function::StringEquals => {
                let (a, b) = (arg(0)?, arg(1)?);
                owned(Value::Bool(
                    expect_string(name, &a)? == expect_string(name, &b)?,
                ))
            }
            Function::Substring => {
                let (input, start, stop, reverse) = (arg(0)?, arg(1)?, arg(2)?, arg(3)?);
                let found = substring(
                    expect_string(name, &input)?,
                    expect_int(name, &start)?,
                    expect_int(name, &stop)?,
                    expect_bool(name, &reverse)?,
                );
                owned(found.map_or(Value::None, |s| Value::String(s.to_owned())))
            }
            Function::UriEncode => {
                owned(Value::String(uri_encode(expect_string(name, &*arg(0)?)?)))
            }
            Function::ParseUrl => {
                let url = parse_url(expect_string(name, &*arg(0)?)?);
                owned(url.map_or(Value::None, |url| {
                    Value::Record(vec![
                        ("scheme".into(), Value::String(url.scheme)),
                        ("authority".into(), Value::String(url.authority)),
                        ("path".into(), Value::String(url.path)),
                        ("normalizedPath".into(), Value::String(url.normalized_path)),
                        ("isIp".into(), Value::Bool(url.is_ip)),
                    ])
                }))
            }
            Function::IsValidHostLabel => {
                let (value, sub_domains) = (arg(0)?, arg(1)?);
                owned(Value::Bool(is_valid_host_label(
                    expect_string(name, &value)?,
                    expect_bool(name, &sub_domains)?,
                )))
            }
            Function::AwsIsVirtualHostableS3Bucket => {
                let (value, sub_domains) = (arg(0)?, arg(1)?);
                owned(Value::Bool(is_virtual_hostable_s3_bucket(
                    expect_string(name, &value)?,
                    expect_bool(name, &sub_domains)?,
                )))
            }
            Function::Coalesce => {
                let (last, first) = args
                    .split_last()
                    .ok_or_else(|| ResolveError::Evaluation("`coalesce` needs arguments".into()))?;
                for expr in first {
                    let value = self.eval(expr)?;
                    if !matches!(*value, Value::None) {
                        return Ok(value);
                    }
                }
                self.eval(last)
            }
            Function::Ite => {
                if expect_bool(name, &*arg(0)?)? {
                    arg(1)
                } else {
                    arg(2)
                }
            }
            Function::Split => {
                let (value, delimiter, limit) = (arg(0)?, arg(1)?, arg(2)?);
                let (value, delimiter) = (
                    expect_string(name, &value)?,
                    expect_string(name, &delimiter)?,
                );
                let parts =
                    split(value, delimiter, expect_int(name, &limit)?).ok_or_else(|| {
                        ResolveError::Evaluation(
                            "`split` needs a non-empty delimiter and a limit of at least 0".into(),
                        )
                    })?;
                owned(Value::Array(parts.into_iter().map(Value::String).collect()))
            }
            Function::AwsPartition => {
                let region = arg(0)?;
                let found = self.partitions.lookup(expect_string(name, &region)?);
                owned(found.cloned().unwrap_or(Value::None))
            }
            Function::AwsParseArn => {
                let arn = arg(0)?;
                let arn = parse_arn(expect_string(name, &arn)?);
                owned(arn.map_or(Value::None, |arn| {
                    let resource_id = arn
                        .resource_id
                        .iter()
                        .map(|part| Value::String((*part).to_owned()))
                        .collect();
                    Value::Record(vec![
                        ("partition".into(), Value::String(arn.partition.to_owned())),
                        ("service".into(), Value::String(arn.service.to_owned())),
                        ("region".into(), Value::String(arn.region.to_owned())),
                        ("accountId".into(), Value::String(arn.account_id.to_owned())),
                        ("resourceId".into(), Value::Array(resource_id)),
                    ])
                }))
            }
            // Parsed into `Expr::GetAttr`; never called.
            Function::GetAttr => Err(ResolveError::Evaluation(
                "`getAttr` without a parsed path".into(),
            )),
        }
    }
}

/// `getAttr`: a missing record member or an index past the end is `None`; anything other than
/// a record or array on the way is an error.
fn get_attr<'v>(value: &'v Value, path: &Path) -> Result<&'v Value, ResolveError> {
    let mut current = value;
    for part in &path.0 {
        current = match (part, current) {
            (PathPart::Key(key), Value::Record(_)) => current.field(key).unwrap_or(&NONE),
            (PathPart::Index(index), Value::Array(items)) => items.get(*index).unwrap_or(&NONE),
            (PathPart::Key(key), other) => {
                return Err(ResolveError::Evaluation(format!(
                    "`getAttr` cannot read `{key}` of {}",
                    other.type_name()
                )));
            }
            (PathPart::Index(index), other) => {
                return Err(ResolveError::Evaluation(format!(
                    "`getAttr` cannot read [{index}] of {}",
                    other.type_name()
                )));
            }
        };
    }
    Ok(current)
}

fn type_error(context: &str, expected: &str, found: &Value) -> ResolveError {
    ResolveError::Evaluation(format!(
        "{context} expects {expected}, found {}",
        found.type_name()
    ))
}

fn expect_string<'v>(context: &str, value: &'v Value) -> Result<&'v str, ResolveError> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(type_error(context, "a string", other)),
    }
}

fn expect_bool(context: &str, value: &Value) -> Result<bool, ResolveError> {
    match value {
        Value::Bool(b) => Ok(*b),
        other => Err(type_error(context, "a boolean", other)),
    }
}

fn expect_int(context: &str, value: &Value) -> Result<i64, ResolveError> {
    match value {
        Value::Int(i) => Ok(*i),
        other => Err(type_error(context, "an integer", other)),
    }
}
