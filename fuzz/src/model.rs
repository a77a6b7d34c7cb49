//! The model targets: any model file (raw, or a built-in model edited as JSON) either generates
//! code that parses as a Rust file, or yields diagnostics that each name the file and a JSON
//! path (or the generator argument, or the line and column of a syntax error).

use std::collections::BTreeSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Mutex;

use serde_json::{Map, Value};
use shapegen_codegen::{Location, Settings};

/// The name diagnostics are rendered with.
const FILE: &str = "fuzz-model.json";

/// Generates from `source` with every setting and the variation `variant` picks; panics on a
/// finding.
pub fn check(source: &[u8], variant: u8) {
    check_with(source, &Settings::new());
    if let Some(settings) = variation(source, variant) {
        check_with(source, &settings);
    }
}

/// Generates with `settings` and checks the outcome.
pub fn check_with(source: &[u8], settings: &Settings) {
    match shapegen_codegen::generate(source, FILE, settings) {
        Ok(generated) => {
            let text = generated.tokens.to_string();
            if first_time(&text)
                && let Err(error) = syn::parse_file(&text)
            {
                panic!("generated code does not parse: {error}\n{text}");
            }
        }
        Err(diagnostics) => {
            assert!(!diagnostics.is_empty(), "failed without a diagnostic");
            let _ = diagnostics.to_string();
            for diagnostic in diagnostics.iter() {
                let rendered = diagnostic.render(FILE);
                assert!(rendered.starts_with(FILE), "no file name: {rendered}");
                assert!(!diagnostic.message().is_empty(), "no message: {rendered}");
                if let Location::File = diagnostic.location() {
                    panic!("a diagnostic without a JSON path: {rendered}");
                }
            }
        }
    }
}

/// Whether `code` is new to this process. Parsing generated code costs ten times what
/// generating it does, so each distinct output is parsed once; an input replayed alone is
/// always parsed.
fn first_time(code: &str) -> bool {
    static SEEN: Mutex<BTreeSet<u64>> = Mutex::new(BTreeSet::new());
    let mut hasher = DefaultHasher::new();
    code.hash(&mut hasher);
    SEEN.lock()
        .map_or(true, |mut seen| seen.insert(hasher.finish()))
}

/// Settings other than the default, chosen by `variant`: the model's first operation (by name
/// or by id), an operation that does not exist, or the model's first service by id.
fn variation(source: &[u8], variant: u8) -> Option<Settings> {
    let document: Value = serde_json::from_slice(source).ok()?;
    let shapes = document.get("shapes")?.as_object()?;
    let (service_id, service) = shapes
        .iter()
        .find(|(_, shape)| shape.get("type").and_then(Value::as_str) == Some("service"))?;
    let first_operation = service
        .get("operations")
        .and_then(Value::as_array)
        .and_then(|operations| operations.first())
        .and_then(|operation| operation.get("target"))
        .and_then(Value::as_str);
    let settings = match (variant % 4, first_operation) {
        (0, Some(id)) => Settings::new().operations([id.rsplit('#').next().unwrap_or(id)]),
        (1, Some(id)) => Settings::new().operations([id, id]),
        (2, _) => Settings::new().operations(["NoSuchOperation", ""]),
        _ => Settings::new().service(service_id.as_str()),
    };
    Some(settings)
}

/// The models `model_mutate` starts from.
pub const MODELS: &[&[u8]] = &[
    include_bytes!("../models/replies.json"),
    include_bytes!("../../spec/weather.json"),
    include_bytes!("../../spec/chime.json"),
    include_bytes!("../../tests/models/field-trial.json"),
    include_bytes!("../../tests/ui/fail/models/several-problems.json"),
    include_bytes!("../../tests/ui/fail/models/bad-pattern.json"),
];

/// Strings that mean something somewhere in a model: shape ids (known, prelude, unknown,
/// malformed), types, trait ids, member names and trait values.
const WORDS: &[&str] = &[
    "smithy.api#Unit",
    "smithy.api#String",
    "smithy.api#Integer",
    "smithy.api#Timestamp",
    "smithy.api#Blob",
    "smithy.api#Document",
    "smithy.api#PrimitiveBoolean",
    "smithy.api#BigDecimal",
    "smithy.api#Nope",
    "nowhere#Missing",
    "no-hash",
    "a#b#c",
    "#",
    "",
    "1Leading",
    "self",
    "Self",
    "r#type",
    "type",
    "_",
    "__",
    "é",
    "Build",
    "Client",
    "Error",
    "Unknown",
    "Ok",
    "std",
    "structure",
    "union",
    "list",
    "set",
    "map",
    "enum",
    "intEnum",
    "string",
    "blob",
    "boolean",
    "timestamp",
    "document",
    "bigInteger",
    "float",
    "long",
    "operation",
    "service",
    "resource",
    "apply",
    "target",
    "member",
    "members",
    "key",
    "value",
    "traits",
    "mixins",
    "operations",
    "resources",
    "errors",
    "input",
    "output",
    "shapes",
    "smithy.api#required",
    "smithy.api#http",
    "smithy.api#httpLabel",
    "smithy.api#httpQuery",
    "smithy.api#httpQueryParams",
    "smithy.api#httpHeader",
    "smithy.api#httpPrefixHeaders",
    "smithy.api#httpPayload",
    "smithy.api#httpResponseCode",
    "smithy.api#httpError",
    "smithy.api#error",
    "smithy.api#jsonName",
    "smithy.api#timestampFormat",
    "smithy.api#mediaType",
    "smithy.api#streaming",
    "smithy.api#sparse",
    "smithy.api#default",
    "smithy.api#enumValue",
    "smithy.api#enum",
    "smithy.api#length",
    "smithy.api#range",
    "smithy.api#pattern",
    "smithy.api#uniqueItems",
    "smithy.api#idempotencyToken",
    "smithy.api#hostLabel",
    "smithy.api#endpoint",
    "smithy.api#paginated",
    "smithy.api#mixin",
    "smithy.api#retryable",
    "smithy.api#sensitive",
    "smithy.api#documentation",
    "smithy.api#requestCompression",
    "smithy.api#httpChecksumRequired",
    "smithy.api#input",
    "smithy.api#output",
    "smithy.api#clientOptional",
    "smithy.api#deprecated",
    "smithy.api#unitType",
    "aws.protocols#restJson1",
    "aws.protocols#restXml",
    "aws.api#service",
    "aws.auth#sigv4",
    "GET",
    "POST",
    "/",
    "/{Id}",
    "/{Id+}/x?y=z",
    "/{Missing}",
    "/a/{Id}/{Id}",
    "x-header",
    "Content-Type",
    "epoch-seconds",
    "date-time",
    "http-date",
    "client",
    "server",
    "^[a-z]+$",
    "(?<x>",
    "application/json",
    "<p>docs</p>",
    "2.0",
    "1.0",
    "3.0",
];

/// The most edits one input makes (each one walks the whole document).
const MAX_EDITS: usize = 16;

/// A built-in model, edited as the input says: the first byte picks the model, each edit after
/// it picks a place in the document and a change (a value replaced by another, a key removed or
/// renamed, a trait added, a string altered). Returns the edited model's bytes.
pub fn mutate(data: &[u8]) -> Vec<u8> {
    let mut input = Input(data);
    let model = MODELS[usize::from(input.byte()) % MODELS.len()];
    let Ok(mut document) = serde_json::from_slice::<Value>(model) else {
        return model.to_vec();
    };
    let ids: Vec<String> = document
        .get("shapes")
        .and_then(Value::as_object)
        .map(|shapes| shapes.keys().cloned().collect())
        .unwrap_or_default();
    for _ in 0..MAX_EDITS {
        if input.is_empty() {
            break;
        }
        let paths = paths(&document);
        let path = &paths[input.index(paths.len())];
        let donor = pointer(&document, &paths[input.index(paths.len())]).clone();
        let word = input.word(&ids);
        if let Some(node) = pointer_mut(&mut document, path) {
            edit(node, &mut input, word, donor);
        }
    }
    serde_json::to_vec(&document).unwrap_or_default()
}

/// One edit of `node`.
fn edit(node: &mut Value, input: &mut Input<'_>, word: String, donor: Value) {
    match input.byte() % 12 {
        0 => *node = Value::String(word),
        1 => *node = donor,
        2 => *node = input.number(),
        3 => {
            *node =
                [Value::Null, Value::Bool(true), Value::Object(Map::new())][input.index(3)].clone()
        }
        4 => *node = Value::Array(Vec::new()),
        5 | 6 => match node {
            Value::Object(map) if !map.is_empty() => {
                let key = map
                    .keys()
                    .nth(input.index(map.len()))
                    .cloned()
                    .unwrap_or_default();
                let value = map.shift_remove(&key).unwrap_or_default();
                if input.byte().is_multiple_of(2) {
                    map.insert(word, value);
                }
            }
            Value::Array(items) if !items.is_empty() => {
                let index = input.index(items.len());
                let item = items.remove(index);
                if input.byte().is_multiple_of(2) {
                    items.push(item.clone());
                    items.push(item);
                }
            }
            _ => *node = Value::String(word),
        },
        7 | 8 => match node {
            Value::Object(map) => {
                let value = match input.byte() % 4 {
                    0 => Value::Object(Map::new()),
                    1 => Value::String(input.word(&[])),
                    2 => input.number(),
                    _ => donor,
                };
                map.insert(word, value);
            }
            Value::Array(items) => items.push(donor),
            _ => *node = donor,
        },
        _ => match node {
            Value::String(text) => alter(text, input, &word),
            _ => *node = Value::String(word),
        },
    }
}

/// A small change to a string: a character added or removed, or a word joined on.
fn alter(text: &mut String, input: &mut Input<'_>, word: &str) {
    const CHARS: &[char] = &[
        '#', '$', '{', '}', '+', ' ', '-', '.', '0', 'é', '_', '/', '?', '"',
    ];
    match input.byte() % 4 {
        0 => text.insert(0, CHARS[input.index(CHARS.len())]),
        1 => text.push(CHARS[input.index(CHARS.len())]),
        2 => {
            text.pop();
        }
        _ => text.push_str(word),
    }
}

/// One step into a JSON value.
#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Every place in `document` (the root first), capped so that big models stay fast.
fn paths(document: &Value) -> Vec<Vec<Step>> {
    const LIMIT: usize = 20_000;
    let mut out = vec![Vec::new()];
    let mut next = 0;
    while next < out.len() && out.len() < LIMIT {
        let path = out[next].clone();
        next += 1;
        match pointer(document, &path) {
            Value::Object(map) => {
                for key in map.keys() {
                    let mut child = path.clone();
                    child.push(Step::Key(key.clone()));
                    out.push(child);
                }
            }
            Value::Array(items) => {
                for index in 0..items.len() {
                    let mut child = path.clone();
                    child.push(Step::Index(index));
                    out.push(child);
                }
            }
            _ => {}
        }
    }
    out
}

fn pointer<'a>(mut value: &'a Value, path: &[Step]) -> &'a Value {
    for step in path {
        let next = match step {
            Step::Key(key) => value.get(key.as_str()),
            Step::Index(index) => value.get(*index),
        };
        match next {
            Some(next) => value = next,
            None => return value,
        }
    }
    value
}

fn pointer_mut<'a>(mut value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    for step in path {
        value = match step {
            Step::Key(key) => value.get_mut(key.as_str())?,
            Step::Index(index) => value.get_mut(*index)?,
        };
    }
    Some(value)
}

/// The fuzz input, read a byte at a time (zeros once it runs out).
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((first, rest)) => {
                self.0 = rest;
                *first
            }
            None => 0,
        }
    }

    /// An index below `len` (which must not be 0), from one or two bytes.
    fn index(&mut self, len: usize) -> usize {
        let value = if len > 256 {
            usize::from(u16::from_le_bytes([self.byte(), self.byte()]))
        } else {
            usize::from(self.byte())
        };
        value % len
    }

    /// A word from the list, one of `ids`, or a short string taken from the input.
    fn word(&mut self, ids: &[String]) -> String {
        match self.byte() % 4 {
            0 | 1 => WORDS[self.index(WORDS.len())].to_owned(),
            2 if !ids.is_empty() => ids[self.index(ids.len())].clone(),
            _ => {
                let len = usize::from(self.byte() % 8).min(self.0.len());
                let (taken, rest) = self.0.split_at(len);
                self.0 = rest;
                String::from_utf8_lossy(taken).into_owned()
            }
        }
    }

    /// A number that is at an edge somewhere.
    fn number(&mut self) -> Value {
        let numbers: [Value; 10] = [
            0.into(),
            1.into(),
            (-1).into(),
            200.into(),
            599.into(),
            i64::from(i32::MAX).into(),
            i64::MIN.into(),
            u64::MAX.into(),
            serde_json::Number::from_f64(0.5).map_or(Value::Null, Value::Number),
            serde_json::Number::from_f64(1e300).map_or(Value::Null, Value::Number),
        ];
        numbers[self.index(numbers.len())].clone()
    }
}
