//! Turns `smithy.test#httpRequestTests` / `httpResponseTests` cases into Rust tests.
//!
//! Inputs are built with the generated fluent builders (`set_*` per parameter); expected
//! outputs and errors are built as values and compared member by member.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;
use shapegen_codegen::ir::{Ir, MemberIr, OperationIr, StructureIr, TypeIr, TypeKind};
use shapegen_codegen::model::Model;

use crate::skips;
use crate::suites::Service;

/// The tests of one service, and their counts per test family.
pub struct Generated {
    pub tokens: TokenStream,
    pub counts: Counts,
}

/// Counts per family: (client cases, skipped).
pub type Counts = BTreeMap<&'static str, (usize, usize)>;

/// The tests of every client case on `service`'s operations and errors; `ir` is its client.
pub fn generate(model: &Model, ir: &Ir, service: &Service) -> Result<Generated, String> {
    let values = Values::new(ir, service.module);
    let mut tests = Vec::new();
    let mut counts = Counts::new();
    let cases = |id: &str, key: &str| -> Vec<Value> {
        model
            .shape(id)
            .and_then(|shape| shape.traits.get(key))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    for op in &ir.operations {
        let family = (service.family)(&op.name);
        for case in cases(&op.id, "smithy.test#httpRequestTests") {
            if applies_to_client(&case) {
                tests.push(test(&case, Kind::Request, family, &mut counts, || {
                    request_test(&values, op, &case)
                })?);
            }
        }
        for case in cases(&op.id, "smithy.test#httpResponseTests") {
            if applies_to_client(&case) {
                tests.push(test(&case, Kind::Response, family, &mut counts, || {
                    response_test(&values, op, &case)
                })?);
            }
        }
    }
    for error in &ir.errors {
        let Some(op) = ir
            .operations
            .iter()
            .find(|op| op.errors.iter().any(|e| e.name == error.rust_name))
        else {
            continue;
        };
        let family = (service.family)(&op.name);
        for case in cases(&error.id, "smithy.test#httpResponseTests") {
            if applies_to_client(&case) {
                tests.push(test(&case, Kind::Response, family, &mut counts, || {
                    error_test(&values, op, error, &case)
                })?);
            }
        }
    }
    Ok(Generated {
        tokens: quote! {
            #(#tests)*
        },
        counts,
    })
}

fn applies_to_client(case: &Value) -> bool {
    case.get("appliesTo").and_then(Value::as_str) != Some("server")
}

/// Which trait a case comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Request,
    Response,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Request => "request",
            Kind::Response => "response",
        }
    }
}

/// A test function for `case`, or an ignored one with the reason from `skips`.
fn test(
    case: &Value,
    kind: Kind,
    family: &'static str,
    counts: &mut Counts,
    body: impl FnOnce() -> Result<TokenStream, String>,
) -> Result<TokenStream, String> {
    let id = case
        .get("id")
        .and_then(Value::as_str)
        .ok_or("a case without id")?;
    let name = format_ident!("{}_{}", kind.prefix(), snake(id));
    let doc = format!(
        "`{id}` ({family}): {}",
        case.get("documentation")
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
    );
    let entry = counts.entry(family).or_default();
    entry.0 += 1;
    if let Some(reason) = skips::reason(kind, id) {
        entry.1 += 1;
        return Ok(quote! {
            #[doc = #doc]
            #[test]
            #[ignore = #reason]
            fn #name() {}
        });
    }
    let body = body().map_err(|error| format!("{id}: {error}"))?;
    Ok(quote! {
        #[doc = #doc]
        #[tokio::test]
        async fn #name() {
            #body
        }
    })
}

fn request_test(
    values: &Values<'_>,
    op: &OperationIr,
    case: &Value,
) -> Result<TokenStream, String> {
    let service = &values.service;
    no_vendor_params(case)?;
    let endpoint = endpoint(case);
    let call = call(values, op, case.get("params"))?;
    let string = |key: &str| {
        case.get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let strings = |key: &str| -> Vec<String> {
        case.get(key)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    };
    let method = string("method");
    let uri = string("uri");
    let query = strings("queryParams");
    let forbid_query = strings("forbidQueryParams");
    let require_query = strings("requireQueryParams");
    let headers = headers(case);
    let forbid_headers: Vec<String> = strings("forbidHeaders")
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    let require_headers: Vec<String> = strings("requireHeaders")
        .iter()
        .map(|h| h.to_lowercase())
        .collect();
    let body = option_str(case.get("body").and_then(Value::as_str));
    let media_type = option_str(case.get("bodyMediaType").and_then(Value::as_str));
    let resolved_host = option_str(case.get("resolvedHost").and_then(Value::as_str));
    Ok(quote! {
        let capture = ::shapegen_protocol_tests::Capture::new();
        let client = crate::#service::Client::new(capture.config(#endpoint));
        let _ = #call;
        let request = capture.request();
        ::shapegen_protocol_tests::assert_request(
            &request,
            &::shapegen_protocol_tests::ExpectedRequest {
                method: #method,
                uri: #uri,
                query_params: &[#(#query),*],
                forbid_query_params: &[#(#forbid_query),*],
                require_query_params: &[#(#require_query),*],
                headers: &[#(#headers),*],
                forbid_headers: &[#(#forbid_headers),*],
                require_headers: &[#(#require_headers),*],
                body: #body,
                body_media_type: #media_type,
                resolved_host: #resolved_host,
            },
        );
    })
}

fn response_test(
    values: &Values<'_>,
    op: &OperationIr,
    case: &Value,
) -> Result<TokenStream, String> {
    let service = &values.service;
    no_vendor_params(case)?;
    let capture = capture(case);
    let call = call(values, op, None)?;
    let params = case.get("params").and_then(Value::as_object);
    let checks = member_checks(values, &op.output.members, params, &quote!(output))?;
    let output = if checks.is_empty() {
        quote!(_output)
    } else {
        quote!(output)
    };
    Ok(quote! {
        #capture
        let client = crate::#service::Client::new(capture.config("https://example.com"));
        let #output = #call.expect("the response parses");
        #(#checks)*
    })
}

fn error_test(
    values: &Values<'_>,
    op: &OperationIr,
    error: &StructureIr,
    case: &Value,
) -> Result<TokenStream, String> {
    let service = &values.service;
    let capture = capture(case);
    let call = call(values, op, None)?;
    let params = case.get("params").and_then(Value::as_object);
    let mut checks = member_checks(values, &error.members, params, &quote!(error))?;
    checks.extend(error_code_checks(case)?);
    let module = Ident::new(&op.snake, Span::call_site());
    let enum_name = format_ident!("{}Error", op.name);
    let variant = Ident::new(&error.rust_name, Span::call_site());
    let binding = if checks.is_empty() {
        quote!(_)
    } else {
        quote!(error)
    };
    Ok(quote! {
        #capture
        let client = crate::#service::Client::new(capture.config("https://example.com"));
        let error = #call
            .expect_err("the response is an error")
            .into_service_error()
            .expect("a service error");
        let crate::#service::operation::#module::#enum_name::#variant(#binding) = error else {
            panic!("expected {}, got {error:?}", stringify!(#variant));
        };
        #(#checks)*
    })
}

/// The shape of `vendorParams` that names the error code (and awsQuery error type) an error
/// case expects the client to expose.
const ERROR_CODE_PARAMS: &str = "aws.protocoltests.config#ErrorCodeParams";

/// Checks of the error's code and query error type from the case's `vendorParams`.
fn error_code_checks(case: &Value) -> Result<Vec<TokenStream>, String> {
    let Some(params) = vendor_params(case, ERROR_CODE_PARAMS)? else {
        return Ok(Vec::new());
    };
    let mut checks = Vec::new();
    if let Some(code) = params.get("code").and_then(Value::as_str) {
        checks.push(quote! {
            assert_eq!(error.meta().code(), ::std::option::Option::Some(#code), "error code");
        });
    }
    if let Some(error_type) = params.get("type").and_then(Value::as_str) {
        checks.push(quote! {
            assert_eq!(
                error.meta().query_error_type(),
                ::std::option::Option::Some(#error_type),
                "query error type"
            );
        });
    }
    Ok(checks)
}

/// The case's `vendorParams` when they are of `shape`; vendor parameters of any other shape
/// are an error, so that no expectation is ignored silently.
fn vendor_params<'c>(
    case: &'c Value,
    shape: &str,
) -> Result<Option<&'c serde_json::Map<String, Value>>, String> {
    let Some(params) = case.get("vendorParams").and_then(Value::as_object) else {
        return Ok(None);
    };
    match case.get("vendorParamsShape").and_then(Value::as_str) {
        Some(found) if found == shape => Ok(Some(params)),
        found => Err(format!(
            "vendor parameters of shape {found:?} are not understood here"
        )),
    }
}

/// Vendor parameters are understood only on error cases (error codes); elsewhere they are an
/// error rather than an expectation ignored.
fn no_vendor_params(case: &Value) -> Result<(), String> {
    match case.get("vendorParams") {
        None => Ok(()),
        Some(_) => Err("vendor parameters are not understood on this case".to_owned()),
    }
}

fn capture(case: &Value) -> TokenStream {
    let code = case.get("code").and_then(Value::as_u64).unwrap_or(200) as u16;
    let headers = headers(case);
    let body = case.get("body").and_then(Value::as_str).unwrap_or_default();
    quote! {
        let capture = ::shapegen_protocol_tests::Capture::responding(#code, &[#(#headers),*], #body);
    }
}

fn endpoint(case: &Value) -> String {
    let host = case
        .get("host")
        .and_then(Value::as_str)
        .unwrap_or("example.com");
    format!("https://{host}")
}

fn headers(case: &Value) -> Vec<TokenStream> {
    case.get("headers")
        .and_then(Value::as_object)
        .map(|h| {
            h.iter()
                .map(|(name, value)| {
                    let value = value.as_str().unwrap_or_default();
                    quote!((#name, #value))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn option_str(value: Option<&str>) -> TokenStream {
    match value {
        Some(text) => quote!(::std::option::Option::Some(#text)),
        None => quote!(::std::option::Option::None),
    }
}

/// `client.op().set_a(Some(..))….send().await`; members the params leave out but the input
/// requires get placeholder values so the request can be built.
fn call(
    values: &Values<'_>,
    op: &OperationIr,
    params: Option<&Value>,
) -> Result<TokenStream, String> {
    let method = Ident::new(&op.snake, Span::call_site());
    let params = params.and_then(Value::as_object);
    let mut setters = Vec::new();
    for member in &op.input.members {
        let setter = format_ident!("set_{}", member.field.trim_start_matches("r#"));
        let value = match params
            .and_then(|p| p.get(&member.name))
            .filter(|v| !v.is_null())
        {
            Some(value) => values.expr(&member.ty, value)?,
            None if member.must_be_set() => placeholder(&member.ty),
            None => continue,
        };
        setters.push(quote!(.#setter(::std::option::Option::Some(#value))));
    }
    if let Some(params) = params {
        for key in params.keys() {
            if !op.input.members.iter().any(|m| &m.name == key) {
                return Err(format!("parameter `{key}` is not an input member"));
            }
        }
    }
    Ok(quote!(client.#method() #(#setters)* .send().await))
}

/// A value for a required member a response test does not care about.
fn placeholder(ty: &TypeIr) -> TokenStream {
    match &ty.kind {
        TypeKind::String => quote!(::std::string::String::from("placeholder")),
        _ => quote!(::std::default::Default::default()),
    }
}

/// `assert_same(&out.member, &expected)` for every member of an output or error.
fn member_checks(
    values: &Values<'_>,
    members: &[MemberIr],
    params: Option<&serde_json::Map<String, Value>>,
    out: &TokenStream,
) -> Result<Vec<TokenStream>, String> {
    if let Some(params) = params {
        for key in params.keys() {
            if !members.iter().any(|m| &m.name == key) {
                return Err(format!("parameter `{key}` is not an output member"));
            }
        }
    }
    members
        .iter()
        .map(|member| {
            let field = values.field(member);
            let label = &member.name;
            let expected = match params
                .and_then(|p| p.get(&member.name))
                .filter(|v| !v.is_null())
            {
                Some(value) => {
                    let value = values.expr(&member.ty, value)?;
                    if member.optional {
                        quote!(::std::option::Option::Some(#value))
                    } else {
                        value
                    }
                }
                None => quote!(::std::default::Default::default()),
            };
            Ok(quote! {
                ::shapegen_protocol_tests::assert_same(&#out.#field, &#expected, #label);
            })
        })
        .collect()
}

/// Rust expressions for parameter values, by type.
struct Values<'a> {
    structures: BTreeMap<&'a str, &'a StructureIr>,
    /// The module of the service's client.
    service: Ident,
}

impl<'a> Values<'a> {
    fn new(ir: &'a Ir, module: &str) -> Self {
        Self {
            service: Ident::new(module, Span::call_site()),
            structures: ir
                .structures
                .iter()
                .map(|s| (s.rust_name.as_str(), s))
                .collect(),
        }
    }

    fn field(&self, member: &MemberIr) -> Ident {
        match member.field.strip_prefix("r#") {
            Some(raw) => Ident::new_raw(raw, Span::call_site()),
            None => Ident::new(&member.field, Span::call_site()),
        }
    }

    fn expr(&self, ty: &TypeIr, value: &Value) -> Result<TokenStream, String> {
        let service = &self.service;
        let mismatch = || format!("value {value} does not fit {:?}", ty.kind);
        Ok(match &ty.kind {
            TypeKind::String => {
                let text = value.as_str().ok_or_else(mismatch)?;
                quote!(::std::string::String::from(#text))
            }
            TypeKind::Boolean => {
                let b = value.as_bool().ok_or_else(mismatch)?;
                quote!(#b)
            }
            TypeKind::Byte => {
                let n =
                    i8::try_from(value.as_i64().ok_or_else(mismatch)?).map_err(|_| mismatch())?;
                let lit = Literal::i8_suffixed(n);
                quote!(#lit)
            }
            TypeKind::Short => {
                let n =
                    i16::try_from(value.as_i64().ok_or_else(mismatch)?).map_err(|_| mismatch())?;
                let lit = Literal::i16_suffixed(n);
                quote!(#lit)
            }
            TypeKind::Integer => {
                let n =
                    i32::try_from(value.as_i64().ok_or_else(mismatch)?).map_err(|_| mismatch())?;
                let lit = Literal::i32_suffixed(n);
                quote!(#lit)
            }
            TypeKind::Long => {
                let lit = Literal::i64_suffixed(value.as_i64().ok_or_else(mismatch)?);
                quote!(#lit)
            }
            TypeKind::Float => float(value, quote!(f32)).ok_or_else(mismatch)?,
            TypeKind::Double => float(value, quote!(f64)).ok_or_else(mismatch)?,
            TypeKind::Timestamp { .. } => {
                let seconds = value.as_f64().ok_or_else(mismatch)?;
                if seconds.fract() == 0.0 {
                    let whole = Literal::i64_suffixed(seconds as i64);
                    quote!(::shapegen::DateTime::from_secs(#whole))
                } else {
                    let lit = Literal::f64_suffixed(seconds);
                    quote!(::shapegen::DateTime::from_secs_f64(#lit))
                }
            }
            TypeKind::Blob => {
                let text = value.as_str().ok_or_else(mismatch)?;
                quote!(::shapegen::Blob::from(#text))
            }
            TypeKind::Document => document(value),
            TypeKind::BigInteger | TypeKind::BigDecimal => {
                let text = value.to_string();
                let ty = if matches!(ty.kind, TypeKind::BigInteger) {
                    quote!(BigInteger)
                } else {
                    quote!(BigDecimal)
                };
                quote!(::shapegen::#ty::new(#text).expect("a number"))
            }
            TypeKind::Unit => quote!(()),
            TypeKind::Enum { name } => {
                let ty = Ident::new(name, Span::call_site());
                let text = value.as_str().ok_or_else(mismatch)?;
                quote!(crate::#service::types::#ty::from(#text))
            }
            TypeKind::IntEnum { name } => {
                let ty = Ident::new(name, Span::call_site());
                let n =
                    i32::try_from(value.as_i64().ok_or_else(mismatch)?).map_err(|_| mismatch())?;
                quote!(crate::#service::types::#ty::from(#n))
            }
            TypeKind::List { element, sparse } => {
                let items = value.as_array().ok_or_else(mismatch)?;
                let items = items
                    .iter()
                    .map(|item| self.item(element, *sparse, item))
                    .collect::<Result<Vec<_>, _>>()?;
                quote!(::std::vec![#(#items),*])
            }
            TypeKind::Map {
                value: entry,
                sparse,
                ..
            } => {
                let entries = value.as_object().ok_or_else(mismatch)?;
                let entries = entries
                    .iter()
                    .map(|(key, item)| {
                        let item = self.item(entry, *sparse, item)?;
                        Ok(quote!((::std::string::String::from(#key), #item)))
                    })
                    .collect::<Result<Vec<_>, String>>()?;
                quote!(::std::collections::HashMap::from([#(#entries),*]))
            }
            TypeKind::Structure { name, boxed, .. } => {
                let structure = self.structures.get(name.as_str()).ok_or_else(mismatch)?;
                let object = value.as_object().ok_or_else(mismatch)?;
                let built = if structure.is_union {
                    self.union(structure, object)?
                } else {
                    self.structure(structure, object)?
                };
                if *boxed {
                    quote!(::std::boxed::Box::new(#built))
                } else {
                    built
                }
            }
        })
    }

    fn item(&self, ty: &TypeIr, sparse: bool, value: &Value) -> Result<TokenStream, String> {
        if sparse {
            if value.is_null() {
                return Ok(quote!(::std::option::Option::None));
            }
            let value = self.expr(ty, value)?;
            return Ok(quote!(::std::option::Option::Some(#value)));
        }
        self.expr(ty, value)
    }

    fn structure(
        &self,
        structure: &StructureIr,
        object: &serde_json::Map<String, Value>,
    ) -> Result<TokenStream, String> {
        let service = &self.service;
        let name = Ident::new(&structure.rust_name, Span::call_site());
        let mut fields = Vec::new();
        for (key, value) in object.iter().filter(|(_, v)| !v.is_null()) {
            let member = structure
                .members
                .iter()
                .find(|m| &m.name == key)
                .ok_or_else(|| format!("`{key}` is not a member of {}", structure.rust_name))?;
            let field = self.field(member);
            let value = self.expr(&member.ty, value)?;
            let value = if member.optional {
                quote!(::std::option::Option::Some(#value))
            } else {
                value
            };
            fields.push(quote!(value.#field = #value;));
        }
        // Generated structures keep struct literals to their builders (a private marker
        // field); fields are public, so the expected value is assembled on a default.
        let default = quote!(<crate::#service::types::#name as ::std::default::Default>::default());
        if fields.is_empty() {
            return Ok(default);
        }
        Ok(quote! {{
            let mut value = #default;
            #(#fields)*
            value
        }})
    }

    fn union(
        &self,
        union: &StructureIr,
        object: &serde_json::Map<String, Value>,
    ) -> Result<TokenStream, String> {
        let service = &self.service;
        let name = Ident::new(&union.rust_name, Span::call_site());
        let (key, value) = object
            .iter()
            .next()
            .ok_or_else(|| format!("an empty value for union {}", union.rust_name))?;
        let member = union
            .members
            .iter()
            .find(|m| &m.name == key)
            .ok_or_else(|| format!("`{key}` is not a variant of {}", union.rust_name))?;
        let variant = self.field(member);
        if matches!(member.ty.kind, TypeKind::Unit) {
            return Ok(quote!(crate::#service::types::#name::#variant));
        }
        let value = self.expr(&member.ty, value)?;
        Ok(quote!(crate::#service::types::#name::#variant(#value)))
    }
}

fn float(value: &Value, ty: TokenStream) -> Option<TokenStream> {
    match value {
        Value::String(text) => match text.as_str() {
            "NaN" => Some(quote!(#ty::NAN)),
            "Infinity" => Some(quote!(#ty::INFINITY)),
            "-Infinity" => Some(quote!(#ty::NEG_INFINITY)),
            _ => None,
        },
        Value::Number(n) => {
            let n = n.as_f64()?;
            let lit = if ty.to_string() == "f32" {
                Literal::f32_suffixed(n as f32)
            } else {
                Literal::f64_suffixed(n)
            };
            Some(quote!(#lit))
        }
        _ => None,
    }
}

fn document(value: &Value) -> TokenStream {
    match value {
        Value::Null => quote!(::shapegen::Document::Null),
        Value::Bool(b) => quote!(::shapegen::Document::Bool(#b)),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                quote!(::shapegen::Document::Number(::shapegen::Number::PosInt(#u)))
            } else if let Some(i) = n.as_i64() {
                quote!(::shapegen::Document::Number(::shapegen::Number::NegInt(#i)))
            } else {
                let f = Literal::f64_suffixed(n.as_f64().unwrap_or_default());
                quote!(::shapegen::Document::Number(::shapegen::Number::Float(#f)))
            }
        }
        Value::String(text) => {
            quote!(::shapegen::Document::String(::std::string::String::from(#text)))
        }
        Value::Array(items) => {
            let items = items.iter().map(document);
            quote!(::shapegen::Document::Array(::std::vec![#(#items),*]))
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(key, value)| {
                let value = document(value);
                quote!((::std::string::String::from(#key), #value))
            });
            quote!(::shapegen::Document::Object(::std::collections::HashMap::from([#(#entries),*])))
        }
    }
}

/// `RestJsonFooBar` → `rest_json_foo_bar`.
fn snake(id: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = id.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let previous_lower =
                i > 0 && (chars[i - 1].is_ascii_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if i > 0 && (previous_lower || (next_lower && chars[i - 1].is_ascii_uppercase())) {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(*c);
        } else {
            out.push('_');
        }
    }
    out
}
