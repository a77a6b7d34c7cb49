//! restJson1 HTTP bindings: building the request from an input, and reading the members bound
//! to the status, headers and payload of a response.

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, json, timestamp_format};
use crate::ir::{Binding, MemberIr, OperationIr, PathSegment, TimestampFormat, TypeIr, TypeKind};

/// Where a scalar travels in a request: each place has its own rules for text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// A URI label or query parameter: timestamps as date-times.
    Uri,
    /// A header: timestamps as HTTP dates, strings with a media type in base64.
    Header,
}

/// Text of a scalar `value` (`&T`) in `place`, as a `&str`-like expression; a timestamp uses
/// its own format, else the place's.
fn scalar_text(ty: &TypeIr, value: &TokenStream, place: Place) -> TokenStream {
    match &ty.kind {
        TypeKind::String if ty.media_type.is_some() && place == Place::Header => {
            quote!(::shapegen::Blob::from((#value).as_str()).to_base64())
        }
        TypeKind::Timestamp { format } => {
            let default = match place {
                Place::Uri => TimestampFormat::DateTime,
                Place::Header => TimestampFormat::HttpDate,
            };
            let format = timestamp_format(*format, default);
            quote!(::shapegen::__private::http_binding::timestamp_text(#value, #format))
        }
        _ => quote!(::shapegen::__private::HttpValue::http_value(#value)),
    }
}

/// Runs `body(value)` with `value: &T` when the member is set (always for non-optional ones).
fn with_value(
    m: &MemberIr,
    this: &TokenStream,
    body: impl Fn(&TokenStream) -> TokenStream,
) -> TokenStream {
    let field = ident(&m.field);
    if m.optional {
        let inner = body(&quote!(value));
        quote! {
            if let ::std::option::Option::Some(value) = &#this.#field {
                #inner
            }
        }
    } else {
        body(&quote!(&#this.#field))
    }
}

/// `serialize_request(&Input) -> Result<HttpRequest, ConstructionError>`.
pub(crate) fn serialize_request(op: &OperationIr) -> TokenStream {
    let input_name = ident(&op.input.rust_name);
    let members = &op.input.members;
    let this = quote!(input);
    let path = op.http.path.iter().map(|segment| match segment {
        PathSegment::Literal(text) => match text.chars().collect::<Vec<_>>().as_slice() {
            [single] => quote!(uri.push(#single);),
            _ => quote!(uri.push_str(#text);),
        },
        PathSegment::Label { member, greedy } => {
            let m = &members[*member];
            let field = ident(&m.field);
            let name = &m.name;
            let value = if m.optional {
                quote! {
                    match &input.#field {
                        ::std::option::Option::Some(value) => value,
                        ::std::option::Option::None => {
                            return ::std::result::Result::Err(
                                ::shapegen::ConstructionError::missing_label(#name),
                            );
                        }
                    }
                }
            } else {
                quote!(&input.#field)
            };
            let text = scalar_text(&m.ty, &quote!(value), Place::Uri);
            quote! {
                {
                    let value = #value;
                    ::shapegen::__private::http_binding::push_label(&mut uri, #name, &#text, #greedy)?;
                }
            }
        }
    });
    let explicit_query: Vec<&str> = members
        .iter()
        .filter_map(|m| match &m.binding {
            Binding::Query(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let has_query = !op.http.query.is_empty()
        || members
            .iter()
            .any(|m| matches!(m.binding, Binding::Query(_) | Binding::QueryParams));
    let query = has_query.then(|| {
        let literals = op.http.query.iter().map(|(key, value)| match value {
            Some(value) => quote!(query.param(#key, #value);),
            None => quote!(query.key(#key);),
        });
        let params = members.iter().filter_map(|m| match &m.binding {
            Binding::Query(name) => Some(with_value(m, &this, |value| match &m.ty.kind {
                TypeKind::List { element, .. } => {
                    let text = scalar_text(element, &quote!(item), Place::Uri);
                    quote! {
                        for item in #value {
                            query.param(#name, &#text);
                        }
                    }
                }
                _ => {
                    let text = scalar_text(&m.ty, value, Place::Uri);
                    quote!(query.param(#name, &#text);)
                }
            })),
            Binding::QueryParams => Some(with_value(m, &this, |value| {
                let TypeKind::Map { value: entry, .. } = &m.ty.kind else {
                    return TokenStream::new();
                };
                // Members bound with `httpQuery` take precedence over the map's keys.
                let write = match &entry.kind {
                    TypeKind::List { element, .. } => {
                        let text = scalar_text(element, &quote!(item), Place::Uri);
                        quote! {
                            for item in items {
                                query.param(key, &#text);
                            }
                        }
                    }
                    _ => {
                        let text = scalar_text(entry, &quote!(items), Place::Uri);
                        quote!(query.param(key, &#text);)
                    }
                };
                quote! {
                    for (key, items) in #value {
                        if ![#(#explicit_query),*].contains(&key.as_str()) {
                            #write
                        }
                    }
                }
            })),
            _ => None,
        });
        quote! {
            let mut query = ::shapegen::__private::http_binding::QueryWriter::new(&mut uri);
            #(#literals)*
            #(#params)*
        }
    });
    let explicit_headers: Vec<&str> = members
        .iter()
        .filter_map(|m| match &m.binding {
            Binding::Header(name) => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let headers: Vec<TokenStream> = members
        .iter()
        .filter_map(|m| match &m.binding {
            Binding::Header(name) => Some(with_value(m, &this, |value| match &m.ty.kind {
                TypeKind::List { element, .. } => {
                    let text = scalar_text(element, &quote!(item), Place::Header);
                    let quote_items =
                        matches!(element.kind, TypeKind::String | TypeKind::Enum { .. });
                    quote! {
                        request.header(
                            #name,
                            &::shapegen::__private::http_binding::join_header_values(
                                #value.iter().map(|item| #text.into()),
                                #quote_items,
                            ),
                        )?;
                    }
                }
                _ => {
                    let text = scalar_text(&m.ty, value, Place::Header);
                    quote!(request.header(#name, &#text)?;)
                }
            })),
            Binding::PrefixHeaders(prefix) => Some(with_value(m, &this, |value| {
                // Headers bound to their own members win over the map's entries.
                quote! {
                    for (suffix, item) in #value {
                        let name = ::std::format!("{}{}", #prefix, suffix);
                        let explicit: &[&str] = &[#(#explicit_headers),*];
                        if !explicit.iter().any(|h| h.eq_ignore_ascii_case(&name)) {
                            request.header(&name, item)?;
                        }
                    }
                }
            })),
            _ => None,
        })
        .collect();
    let payload = members.iter().find_map(|m| match &m.binding {
        Binding::Payload {
            media_type,
            empty_object,
        } => {
            let payload = request_payload(m, media_type.as_deref(), &this);
            // An unset structure payload is an empty object; unset unions and others send nothing.
            let field_of_payload = ident(&m.field);
            Some(if *empty_object && m.optional {
                quote! {
                    #payload
                    if input.#field_of_payload.is_none() {
                        request.json_body(::std::vec::Vec::from(&b"{}"[..]));
                    }
                }
            } else {
                payload
            })
        }
        _ => None,
    });
    let has_body_members = members.iter().any(|m| m.binding == Binding::Body);
    let body = if let Some(payload) = payload {
        Some(payload)
    } else if has_body_members {
        Some(quote! {
            let mut writer = ::shapegen::__private::json::Writer::with_capacity(256);
            ::shapegen::__private::json::ToJson::to_json(input, &mut writer);
            request.json_body(writer.into_bytes());
        })
    } else {
        None
    };
    let finish = super::protocol::finish_request(op);
    let method = &op.http.method;
    let input_param = if members.is_empty() {
        quote!(_input)
    } else {
        quote!(input)
    };
    let request_mut = if headers.is_empty() && body.is_none() && finish.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    quote! {
        /// Builds the HTTP request (HTTP bindings, JSON body) for an input that passed
        /// validation.
        fn serialize_request(
            #input_param: &#input_name,
        ) -> ::std::result::Result<::shapegen::__private::HttpRequest, ::shapegen::ConstructionError> {
            let mut uri = ::std::string::String::with_capacity(64);
            #(#path)*
            #query
            let #request_mut request = ::shapegen::__private::HttpRequest::new(#method, uri)?;
            #(#headers)*
            #body
            #finish
            ::std::result::Result::Ok(request)
        }
    }
}

/// The body of an input whose member is bound with `httpPayload`.
fn request_payload(m: &MemberIr, media_type: Option<&str>, this: &TokenStream) -> TokenStream {
    // `value` is `&input.field` or a reference bound by `if let`: naming it first keeps
    // `(&input.field).method()` (a needless borrow to clippy) out of the generated code.
    with_value(m, this, |value| match &m.ty.kind {
        TypeKind::Blob => {
            let content_type = media_type.unwrap_or("application/octet-stream");
            quote! {
                let payload = #value;
                request.body_with_type(payload.as_bytes().to_vec(), #content_type);
            }
        }
        TypeKind::String => {
            let content_type = media_type.unwrap_or("text/plain");
            quote! {
                let payload = #value;
                request.body_with_type(payload.clone().into_bytes(), #content_type);
            }
        }
        TypeKind::Enum { .. } => {
            let content_type = media_type.unwrap_or("text/plain");
            quote! {
                let payload = #value;
                request.body_with_type(payload.as_str().as_bytes().to_vec(), #content_type);
            }
        }
        _ => quote! {
            let mut writer = ::shapegen::__private::json::Writer::with_capacity(256);
            ::shapegen::__private::json::ToJson::to_json(#value, &mut writer);
            request.json_body(writer.into_bytes());
        },
    })
}

/// Substitutes host labels into the operation's host prefix.
pub(crate) fn host_prefix(prefix: &str, members: &[MemberIr]) -> TokenStream {
    let mut format = String::new();
    let mut args = Vec::new();
    let mut checks = Vec::new();
    let mut rest = prefix;
    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        format.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
        format.push_str("{}");
        let label = &rest[start + 1..start + end];
        if let Some(m) = members.iter().find(|m| m.name == label) {
            let field = ident(&m.field);
            let value = if m.optional {
                quote!(input.#field.as_deref().unwrap_or_default())
            } else {
                quote!(input.#field.as_str())
            };
            checks.push(quote!(::shapegen::__private::http_binding::host_label(#label, #value)?;));
            args.push(value);
        }
        rest = &rest[start + end + 1..];
    }
    format.push_str(&rest.replace('{', "{{").replace('}', "}}"));
    if args.is_empty() {
        return quote!(request.host_prefix(::std::string::String::from(#prefix)););
    }
    quote! {
        #(#checks)*
        request.host_prefix(::std::format!(#format #(, #args)*));
    }
}

/// Statements reading the members of `out` bound to the status, headers and payload of a
/// response (`status: u16`, `headers: &HeaderMap` and `body: &[u8]` in scope).
///
/// `lenient` ignores unreadable values (for errors, which must not be lost); otherwise an
/// unreadable value is a `ParseError` returned with `?`.
pub(crate) fn read_bound_members(
    members: &[MemberIr],
    out: &TokenStream,
    lenient: bool,
) -> Vec<TokenStream> {
    let finish = |read: TokenStream| {
        if lenient {
            quote!(#read.ok().flatten())
        } else {
            quote!(#read?)
        }
    };
    members
        .iter()
        .filter_map(|m| {
            let field = ident(&m.field);
            let read = match &m.binding {
                Binding::Header(name) => {
                    let read = match &m.ty.kind {
                        TypeKind::Timestamp { .. } => {
                            quote!(::shapegen::__private::http_binding::header_timestamp(headers, #name))
                        }
                        TypeKind::List { element, .. } => match &element.kind {
                            TypeKind::Timestamp { format } => {
                                let format = timestamp_format(*format, TimestampFormat::HttpDate);
                                quote!(::shapegen::__private::http_binding::header_timestamp_list(headers, #name, #format))
                            }
                            _ => quote!(::shapegen::__private::http_binding::header_list(headers, #name)),
                        },
                        TypeKind::String if m.ty.media_type.is_some() => quote!(
                            ::shapegen::__private::http_binding::header_base64_string(headers, #name)
                        ),
                        _ => quote!(::shapegen::__private::http_binding::header_value(headers, #name)),
                    };
                    finish(read)
                }
                Binding::PrefixHeaders(prefix) => {
                    finish(quote!(::shapegen::__private::http_binding::prefix_headers(headers, #prefix)))
                }
                Binding::ResponseCode => quote!(::std::option::Option::Some(i32::from(status))),
                Binding::Payload { .. } => {
                    let read = response_payload(&m.ty);
                    finish(quote!((|| -> ::std::result::Result<_, ::shapegen::__private::ParseError> { #read })()))
                }
                _ => return None,
            };
            let assign = if m.optional {
                quote!(#out.#field = ::std::option::Option::Some(value);)
            } else {
                quote!(#out.#field = value;)
            };
            Some(quote! {
                if let ::std::option::Option::Some(value) = #read {
                    #assign
                }
            })
        })
        .collect()
}

/// An expression of type `Result<Option<T>, ParseError>` reading a payload member from `body`
/// (`None` for an empty body).
fn response_payload(ty: &TypeIr) -> TokenStream {
    let read = match &ty.kind {
        TypeKind::Blob => quote!(::shapegen::Blob::new(body.to_vec())),
        TypeKind::String => quote! {
            ::std::string::String::from_utf8(body.to_vec())
                .map_err(|_| ::shapegen::__private::ParseError::new("the payload is not UTF-8 text"))?
        },
        TypeKind::Enum { .. } => quote! {
            ::std::convert::From::from(
                ::std::str::from_utf8(body)
                    .map_err(|_| ::shapegen::__private::ParseError::new("the payload is not UTF-8 text"))?,
            )
        },
        _ => {
            let read = json::read_value(ty, &quote!(reader));
            quote!(::shapegen::__private::json::from_payload(body, |reader| #read)?)
        }
    };
    // An empty body means "not set"; JSON payloads may also be just whitespace.
    let empty = if matches!(
        ty.kind,
        TypeKind::Blob | TypeKind::String | TypeKind::Enum { .. }
    ) {
        quote!(body.is_empty())
    } else {
        quote!(body.iter().all(u8::is_ascii_whitespace))
    };
    quote! {
        if #empty {
            return ::std::result::Result::Ok(::std::option::Option::None);
        }
        ::std::result::Result::Ok(::std::option::Option::Some(#read))
    }
}
