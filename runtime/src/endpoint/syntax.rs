//! A parsed rule set: parameters, rules, conditions and expressions, with every reference
//! resolved to a variable slot.

use super::params::{ParamType, ParamValue};
use super::value::Value;

/// The index of a variable (a parameter or an `assign`ed name) in the evaluation scope.
pub(crate) type Slot = usize;

/// An endpoint rule set, parsed and checked, ready to evaluate; see [`RuleSet::parse`].
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub(crate) version: String,
    /// Parameter `i` lives in slot `i`.
    pub(crate) parameters: Vec<Parameter>,
    pub(crate) rules: Vec<Rule>,
    /// Parameters plus distinct assigned names.
    pub(crate) slot_count: usize,
}

/// A parameter the rule set declares.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub(crate) name: String,
    pub(crate) param_type: ParamType,
    pub(crate) built_in: Option<String>,
    pub(crate) required: bool,
    pub(crate) default: Option<ParamValue>,
}

impl Parameter {
    /// The parameter's name (`Region`, `Bucket`...).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The parameter's type.
    pub fn param_type(&self) -> ParamType {
        self.param_type
    }

    /// The built-in value it is bound to (`AWS::Region`, `SDK::Endpoint`...), if any.
    pub fn built_in(&self) -> Option<&str> {
        self.built_in.as_deref()
    }

    /// Whether evaluation fails when the parameter has no value (after its default).
    pub fn is_required(&self) -> bool {
        self.required
    }

    /// The value used when none is given.
    pub fn default(&self) -> Option<&ParamValue> {
        self.default.as_ref()
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub(crate) conditions: Vec<Condition>,
    pub(crate) outcome: Outcome,
}

#[derive(Debug, Clone)]
pub(crate) enum Outcome {
    Endpoint(EndpointTemplate),
    /// The error message expression.
    Error(Expr),
    Tree(Vec<Rule>),
}

#[derive(Debug, Clone)]
pub(crate) struct EndpointTemplate {
    pub(crate) url: Expr,
    pub(crate) headers: Vec<(String, Vec<Expr>)>,
    pub(crate) properties: Vec<(String, Expr)>,
}

/// A function call whose value must be neither `None` nor `false`, optionally bound to a name.
#[derive(Debug, Clone)]
pub(crate) struct Condition {
    pub(crate) test: Expr,
    pub(crate) assign: Option<Slot>,
}

#[derive(Debug, Clone)]
pub(crate) enum Expr {
    /// A constant: a string without placeholders, a boolean, an integer.
    Literal(Value),
    /// A string with `{name}` or `{name#path}` placeholders.
    Template(Vec<TemplatePart>),
    Ref(Slot),
    Call(Function, Vec<Expr>),
    /// `getAttr`, its path parsed with the rule set.
    GetAttr(Box<Expr>, Path),
    Array(Vec<Expr>),
    Record(Vec<(String, Expr)>),
}

#[derive(Debug, Clone)]
pub(crate) enum TemplatePart {
    Text(String),
    Ref(Slot),
    Attr(Slot, Path),
}

/// A `getAttr` path such as `resourceId[2]` or `a.b`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Path(pub(crate) Vec<PathPart>);

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PathPart {
    Key(String),
    Index(usize),
}

/// The functions of the standard and AWS libraries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Function {
    BooleanEquals,
    Coalesce,
    /// Parsed into [`Expr::GetAttr`]; never in an [`Expr::Call`].
    GetAttr,
    IsSet,
    IsValidHostLabel,
    Ite,
    Not,
    ParseUrl,
    Split,
    StringEquals,
    Substring,
    UriEncode,
    AwsPartition,
    AwsParseArn,
    AwsIsVirtualHostableS3Bucket,
}

/// How many arguments a function takes.
pub(crate) enum Arity {
    Exactly(usize),
    AtLeast(usize),
}

impl Function {
    /// The function named `name`, if the engine knows it.
    pub(crate) fn from_name(name: &str) -> Option<Function> {
        Some(match name {
            "booleanEquals" => Function::BooleanEquals,
            "coalesce" => Function::Coalesce,
            "getAttr" => Function::GetAttr,
            "isSet" => Function::IsSet,
            "isValidHostLabel" => Function::IsValidHostLabel,
            "ite" => Function::Ite,
            "not" => Function::Not,
            "parseURL" => Function::ParseUrl,
            "split" => Function::Split,
            "stringEquals" => Function::StringEquals,
            "substring" => Function::Substring,
            "uriEncode" => Function::UriEncode,
            "aws.partition" => Function::AwsPartition,
            "aws.parseArn" => Function::AwsParseArn,
            "aws.isVirtualHostableS3Bucket" => Function::AwsIsVirtualHostableS3Bucket,
            _ => return None,
        })
    }

    /// The function's name in rule sets.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Function::BooleanEquals => "booleanEquals",
            Function::Coalesce => "coalesce",
            Function::GetAttr => "getAttr",
            Function::IsSet => "isSet",
            Function::IsValidHostLabel => "isValidHostLabel",
            Function::Ite => "ite",
            Function::Not => "not",
            Function::ParseUrl => "parseURL",
            Function::Split => "split",
            Function::StringEquals => "stringEquals",
            Function::Substring => "substring",
            Function::UriEncode => "uriEncode",
            Function::AwsPartition => "aws.partition",
            Function::AwsParseArn => "aws.parseArn",
            Function::AwsIsVirtualHostableS3Bucket => "aws.isVirtualHostableS3Bucket",
        }
    }

    /// The number of arguments in the rule set (`getAttr` counts its path).
    pub(crate) fn arity(self) -> Arity {
        match self {
            Function::IsSet
            | Function::Not
            | Function::ParseUrl
            | Function::UriEncode
            | Function::AwsPartition
            | Function::AwsParseArn => Arity::Exactly(1),
            Function::BooleanEquals
            | Function::StringEquals
            | Function::GetAttr
            | Function::IsValidHostLabel
            | Function::AwsIsVirtualHostableS3Bucket => Arity::Exactly(2),
            Function::Ite | Function::Split => Arity::Exactly(3),
            Function::Substring => Arity::Exactly(4),
            Function::Coalesce => Arity::AtLeast(2),
        }
    }
}
