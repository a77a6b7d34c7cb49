//! Structures: the type, its `Debug`, its builder, and the JSON and validation impls it needs.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Root, doc_attrs, ident, json, rust_type, validate};
use crate::ir::{Binding, MemberIr, StructureIr, TypeKind};

/// What a structure is used as; decides its extra fields and impls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A shared type in `types`.
    Shared,
    /// An error structure in `types::error`: carries `ErrorMetadata`.
    Error,
    /// An operation input.
    Input,
    /// An operation output: carries the request id.
    Output,
}

impl Role {
    /// Whether the struct gets a private `_private: Sealed` marker. Every generated struct has a
    /// private field (errors their metadata, outputs their request id), so code outside the
    /// generated modules cannot write a struct literal and keeps compiling when the model adds
    /// a member: it builds values with the builders.
    fn has_marker(self) -> bool {
        matches!(self, Role::Shared | Role::Input)
    }

    /// The private field the role adds, with its type.
    fn extra_field(self) -> Option<(TokenStream, TokenStream)> {
        match self {
            Role::Error => Some((quote!(meta), quote!(::shapegen::ErrorMetadata))),
            Role::Output => Some((
                quote!(_request_id),
                quote!(::std::option::Option<::std::string::String>),
            )),
            Role::Shared | Role::Input => None,
        }
    }
}

/// The text every redacted value prints as.
const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// A shared structure in `types`, with its impls.
pub(crate) fn shared(s: &StructureIr, root: &Root) -> TokenStream {
    if s.is_union {
        return super::unions::union(s, root);
    }
    let definition = definition(s, root, Role::Shared, "builders");
    let to_json = s.serialize.then(|| json::to_json_impl(s));
    let from_json = s.deserialize.then(|| json::from_json_impl(s));
    let validate = s.validate.then(|| validate::validate_impl(s, root));
    quote! {
        #definition
        #to_json
        #from_json
        #validate
    }
}

/// An error structure in `types::error`, with `Display`, `Error` and its JSON reader.
pub(crate) fn error(s: &StructureIr, root: &Root) -> TokenStream {
    let definition = definition(s, root, Role::Error, "builders");
    let name = ident(&s.rust_name);
    let code = &s.rust_name;
    // The message member is filled from the reply's `message`, `Message` or `errorMessage`
    // (whichever the service used) when its own key was absent; see `__from_response`.
    let (message, fill_message) = match message_member(s) {
        Some(member) => {
            let field = ident(&member.field);
            if member.optional {
                (
                    quote!(self.#field.as_deref().or(self.meta.message())),
                    quote! {
                        if error.#field.is_none() {
                            error.#field = meta.message().map(::std::borrow::ToOwned::to_owned);
                        }
                    },
                )
            } else {
                (
                    quote! {
                        ::std::option::Option::Some(self.#field.as_str())
                            .filter(|message| !message.is_empty())
                            .or(self.meta.message())
                    },
                    quote! {
                        if error.#field.is_empty() {
                            error.#field =
                                ::std::borrow::ToOwned::to_owned(meta.message().unwrap_or_default());
                        }
                    },
                )
            }
        }
        None => (quote!(self.meta.message()), TokenStream::new()),
    };
    let from_json = json::from_json_impl(s);
    let bound_reads = super::http::read_bound_members(&s.members, &quote!(error), true);
    let uses = |pred: fn(&Binding) -> bool| s.members.iter().any(|m| pred(&m.binding));
    let headers_param = if uses(|b| matches!(b, Binding::Header(_) | Binding::PrefixHeaders(_))) {
        quote!(headers)
    } else {
        quote!(_headers)
    };
    let status =
        uses(|b| matches!(b, Binding::ResponseCode)).then(|| quote!(let status = meta.status();));
    quote! {
        #definition
        impl #name {
            /// The error's message: the modeled `message` member, else the one in the response.
            pub fn message(&self) -> ::std::option::Option<&str> {
                #message
            }
            /// The error code, message and request id of the response this error came from.
            pub fn meta(&self) -> &::shapegen::ErrorMetadata {
                &self.meta
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(#code)?;
                if let ::std::option::Option::Some(message) = self.message() {
                    ::std::write!(f, ": {}", message)?;
                }
                ::std::result::Result::Ok(())
            }
        }
        impl ::std::error::Error for #name {}
        impl #name {
            #[doc(hidden)]
            pub fn __from_response(
                #headers_param: &::shapegen::__private::http::HeaderMap,
                body: &[u8],
                meta: ::shapegen::ErrorMetadata,
            ) -> Self {
                // The error was identified by its code; a body (or header) that cannot be read
                // still yields the error, with the members it could not read left empty.
                let mut error: Self = ::shapegen::__private::json::from_body_or_default(body);
                #status
                #(#bound_reads)*
                #fill_message
                error.meta = meta;
                error
            }
        }
        #from_json
    }
}

/// The member holding an error's message, if the model has one.
fn message_member(s: &StructureIr) -> Option<&MemberIr> {
    s.members.iter().find(|m| {
        (m.name.eq_ignore_ascii_case("message") || m.name.eq_ignore_ascii_case("errorMessage"))
            && matches!(m.ty.kind, TypeKind::String)
            && m.binding == Binding::Body
    })
}

/// The struct, its `builder()` constructor and its `Debug`.
pub(crate) fn definition(
    s: &StructureIr,
    root: &Root,
    role: Role,
    builders_module: &str,
) -> TokenStream {
    let name = ident(&s.rust_name);
    let builder = format_ident!("{}Builder", s.rust_name.trim_start_matches("r#"));
    let builders_module = ident(builders_module);
    let docs = doc_attrs(s.docs.as_deref(), Some(format!("Smithy shape `{}`.", s.id)));
    let fields = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let ty = field_type(m, root);
        let docs = member_docs(m);
        quote! {
            #docs
            pub #field: #ty,
        }
    });
    let extra = role.extra_field().map(|(field, ty)| quote!(#field: #ty,));
    let marker = role.has_marker().then(|| {
        quote! {
            /// Keeps struct literals to the builders, so a member the model adds later does not
            /// break code that builds this type.
            _private: ::shapegen::__private::Sealed,
        }
    });
    let debug = debug_impl(&s.rust_name, &s.members, role.extra_field().map(|f| f.0));
    let (derive_default, default_impl) = default_impl(s, role);
    let extra_accessor = match role {
        Role::Output => Some(quote! {
            /// The request id the service returned (`x-amzn-requestid`), for support requests.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self._request_id.as_deref()
            }
        }),
        _ => None,
    };
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq #derive_default)]
        pub struct #name {
            #(#fields)*
            #extra
            #marker
        }
        #default_impl
        impl #name {
            /// A builder for this type.
            pub fn builder() -> #builders_module::#builder {
                ::std::default::Default::default()
            }
            #extra_accessor
        }
        #debug
    }
}

/// Derived `Default`, or an impl that uses the model's `default` values where there are any
/// (so a reply that omits such a member reads as its modeled default).
fn default_impl(s: &StructureIr, role: Role) -> (TokenStream, TokenStream) {
    let modeled = s
        .members
        .iter()
        .any(|m| !m.optional && default_value(m).is_some());
    if !modeled {
        return (quote!(, ::std::default::Default), TokenStream::new());
    }
    let name = ident(&s.rust_name);
    let fields = s.members.iter().map(|m| {
        let field = ident(&m.field);
        match default_value(m).filter(|_| !m.optional) {
            Some(value) => quote!(#field: #value,),
            None => quote!(#field: ::std::default::Default::default(),),
        }
    });
    let extra = role
        .extra_field()
        .map(|(field, _)| quote!(#field: ::std::default::Default::default(),));
    let marker = role
        .has_marker()
        .then(|| quote!(_private: ::shapegen::__private::Sealed,));
    let doc = "Every member unset, except those with a default in the model, which take it.";
    (
        TokenStream::new(),
        quote! {
            #[doc = #doc]
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self {
                        #(#fields)*
                        #extra
                        #marker
                    }
                }
            }
        },
    )
}

/// The Rust type of a member's field.
pub(crate) fn field_type(m: &MemberIr, root: &Root) -> TokenStream {
    let ty = rust_type(&m.ty, root);
    if m.optional {
        quote!(::std::option::Option<#ty>)
    } else {
        ty
    }
}

/// Member docs: the model's text plus a line on requiredness, constraints and deprecation.
pub(crate) fn member_docs(m: &MemberIr) -> TokenStream {
    let mut notes = Vec::new();
    if m.must_be_set() {
        notes.push("**Required.**".to_owned());
    } else if m.idempotency_token {
        notes.push("Idempotency token: a fresh UUID is sent when it is not set.".to_owned());
    }
    notes.extend(validate::describe(&m.ty));
    if m.sensitive {
        notes.push("Sensitive: redacted in `Debug` output.".to_owned());
    }
    if let Some(deprecation) = &m.deprecated {
        notes.push(format!(
            "**Deprecated:** {}.",
            deprecation.note().trim_end_matches('.')
        ));
    }
    let note = (!notes.is_empty()).then(|| notes.join(" "));
    doc_attrs(m.docs.as_deref(), note)
}

/// `Debug` that prints sensitive members as a redaction marker.
fn debug_impl(name: &str, members: &[MemberIr], extra: Option<TokenStream>) -> TokenStream {
    let type_ident = ident(name);
    let label = name.trim_start_matches("r#");
    let fields = members.iter().map(|m| {
        let field = ident(&m.field);
        let label = m.field.trim_start_matches("r#");
        if m.sensitive {
            quote!(.field(#label, &#REDACTED))
        } else {
            quote!(.field(#label, &self.#field))
        }
    });
    let extra = extra.map(|field| {
        let label = field.to_string().trim_start_matches('_').to_owned();
        quote!(.field(#label, &self.#field))
    });
    quote! {
        impl ::std::fmt::Debug for #type_ident {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label)
                    #(#fields)*
                    #extra
                    .finish()
            }
        }
    }
}

/// The builder of a structure, in a `builders` module one level below the type.
pub(crate) fn builder(s: &StructureIr, root: &Root) -> TokenStream {
    let role = if s.error.is_some() {
        Role::Error
    } else {
        Role::Shared
    };
    let target = if role == Role::Error {
        let name = ident(&s.rust_name);
        quote!(super::#name)
    } else {
        root.ty(&s.rust_name)
    };
    builder_for(s, root, role, target)
}

/// A rustdoc link to `label` at `path` (relative, as generated code may sit in any module).
fn doc_link(label: &str, path: &TokenStream) -> String {
    format!("[`{label}`]({})", path.to_string().replace(' ', ""))
}

/// A builder for `s`, building `target` (the path of the type from the builder's module).
pub(crate) fn builder_for(
    s: &StructureIr,
    root: &Root,
    role: Role,
    target: TokenStream,
) -> TokenStream {
    let builder = format_ident!("{}Builder", s.rust_name.trim_start_matches("r#"));
    let type_label = s.rust_name.trim_start_matches("r#");
    let doc = format!("A builder for {}.", doc_link(type_label, &target));
    let fields = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let ty = rust_type(&m.ty, root);
        quote!(#field: ::std::option::Option<#ty>,)
    });
    let extra_field = role.extra_field().map(|(field, ty)| quote!(#field: #ty,));
    let setters = s
        .members
        .iter()
        .map(|m| setters(m, root, SetterTarget::Builder));
    let extra_setter = match role {
        Role::Error => Some(quote! {
            /// Sets the error metadata (code, message, request id).
            pub fn meta(mut self, meta: ::shapegen::ErrorMetadata) -> Self {
                self.meta = meta;
                self
            }
        }),
        Role::Output => Some(quote! {
            /// Sets the request id (`request_id()` of the output), e.g. for test doubles.
            pub fn _request_id(mut self, request_id: impl ::std::convert::Into<::std::string::String>) -> Self {
                self._request_id = ::std::option::Option::Some(request_id.into());
                self
            }
        }),
        _ => None,
    };
    let build = build_fn(s, role, &target);
    let debug = debug_impl(
        &format!("{type_label}Builder"),
        &s.members,
        role.extra_field().map(|f| f.0),
    );
    quote! {
        #[doc = #doc]
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::default::Default)]
        pub struct #builder {
            #(#fields)*
            #extra_field
        }
        impl #builder {
            #(#setters)*
            #extra_setter
            #build
        }
        #debug
    }
}

/// Where setters store what they are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SetterTarget {
    /// A builder's own `Option` fields.
    Builder,
    /// A fluent builder, which forwards to the input builder in its `inner` field.
    Fluent,
}

/// `member(value)`, `set_member(Option)`, `get_member()`; lists append, maps insert.
pub(crate) fn setters(m: &MemberIr, root: &Root, target: SetterTarget) -> TokenStream {
    let field = ident(&m.field);
    let plain = m.field.trim_start_matches("r#");
    let set = format_ident!("set_{}", plain);
    let get = format_ident!("get_{}", plain);
    let ty = rust_type(&m.ty, root);
    let docs = member_docs(m);
    let fluent = target == SetterTarget::Fluent;
    let (signature, store) = match &m.ty.kind {
        TypeKind::List { element, sparse } => {
            let element = rust_type(element, root);
            let element = if *sparse {
                quote!(::std::option::Option<#element>)
            } else {
                element
            };
            (
                quote! {
                    ///
                    /// Appends one item; call it once per item.
                    pub fn #field(mut self, item: impl ::std::convert::Into<#element>) -> Self
                },
                if fluent {
                    quote!(self.inner = self.inner.#field(item);)
                } else {
                    quote!(self.#field.get_or_insert_with(::std::vec::Vec::new).push(item.into());)
                },
            )
        }
        TypeKind::Map { value, sparse, .. } => {
            let value = rust_type(value, root);
            let value = if *sparse {
                quote!(::std::option::Option<#value>)
            } else {
                value
            };
            (
                quote! {
                    ///
                    /// Inserts one entry; call it once per entry.
                    pub fn #field(
                        mut self,
                        key: impl ::std::convert::Into<::std::string::String>,
                        value: impl ::std::convert::Into<#value>,
                    ) -> Self
                },
                if fluent {
                    quote!(self.inner = self.inner.#field(key, value);)
                } else {
                    quote! {
                        self.#field
                            .get_or_insert_with(::std::collections::HashMap::new)
                            .insert(key.into(), value.into());
                    }
                },
            )
        }
        kind => {
            let (accepted, wrap) = match kind {
                TypeKind::Structure {
                    name, boxed: true, ..
                } => (root.ty(name), quote!(::std::boxed::Box::new(value.into()))),
                _ => (ty.clone(), quote!(value.into())),
            };
            (
                quote!(pub fn #field(mut self, value: impl ::std::convert::Into<#accepted>) -> Self),
                if fluent {
                    quote!(self.inner = self.inner.#field(value);)
                } else {
                    quote!(self.#field = ::std::option::Option::Some(#wrap);)
                },
            )
        }
    };
    let (store_all, read) = if fluent {
        (
            quote!(self.inner = self.inner.#set(value);),
            quote!(self.inner.#get()),
        )
    } else {
        (quote!(self.#field = value;), quote!(&self.#field))
    };
    let set_doc = format!("Sets or clears `{}`.", m.name);
    let get_doc = format!("The value of `{}`, if set.", m.name);
    quote! {
        #docs
        #signature {
            #store
            self
        }
        #[doc = #set_doc]
        pub fn #set(mut self, value: ::std::option::Option<#ty>) -> Self {
            #store_all
            self
        }
        #[doc = #get_doc]
        pub fn #get(&self) -> &::std::option::Option<#ty> {
            #read
        }
    }
}

/// `build()`: fallible when a member must be set, else infallible.
fn build_fn(s: &StructureIr, role: Role, target: &TokenStream) -> TokenStream {
    let type_label = s.rust_name.trim_start_matches("r#");
    let assignments = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let value = if m.optional {
            quote!(self.#field)
        } else if m.idempotency_token {
            quote!(self.#field.unwrap_or_else(::shapegen::__private::http_binding::idempotency_token))
        } else {
            value_or_default(m, quote!(self.#field))
        };
        quote!(#field: #value,)
    });
    let extra = role
        .extra_field()
        .map(|(field, _)| quote!(#field: self.#field,));
    let marker = role
        .has_marker()
        .then(|| quote!(_private: ::shapegen::__private::Sealed,));
    let construct = quote! {
        #target {
            #(#assignments)*
            #extra
            #marker
        }
    };
    let required: Vec<_> = s.members.iter().filter(|m| m.must_be_set()).collect();
    if required.is_empty() {
        let doc = format!("Builds the {}.", doc_link(type_label, target));
        return quote! {
            #[doc = #doc]
            pub fn build(self) -> #target {
                #construct
            }
        };
    }
    let checks = required.iter().filter_map(|m| validate::missing_check(m));
    let doc = format!(
        "Builds the {}, or reports every required member that was not set.",
        doc_link(type_label, target)
    );
    quote! {
        #[doc = #doc]
        pub fn build(self) -> ::std::result::Result<#target, ::shapegen::BuildError> {
            let mut violations = ::shapegen::__private::Violations::new();
            {
                let violations = &mut violations;
                let path = ::shapegen::__private::Path::root();
                #(#checks)*
            }
            violations.into_build_result(#type_label)?;
            ::std::result::Result::Ok(#construct)
        }
    }
}

/// A `::shapegen::Document` expression for a JSON value.
fn document_literal(value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    match value {
        Value::Null => quote!(::shapegen::Document::Null),
        Value::Bool(b) => quote!(::shapegen::Document::Bool(#b)),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => quote!(::shapegen::Document::Number(::shapegen::Number::PosInt(#u))),
            (None, Some(i), _) => {
                quote!(::shapegen::Document::Number(::shapegen::Number::NegInt(#i)))
            }
            (_, _, f) => {
                let f = f.unwrap_or_default();
                quote!(::shapegen::Document::Number(::shapegen::Number::Float(#f)))
            }
        },
        Value::String(text) => {
            quote!(::shapegen::Document::String(::std::string::String::from(#text)))
        }
        Value::Array(items) => {
            let items = items.iter().map(document_literal);
            quote!(::shapegen::Document::Array(::std::vec![#(#items),*]))
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(key, value)| {
                let value = document_literal(value);
                quote!((::std::string::String::from(#key), #value))
            });
            quote!(::shapegen::Document::Object(::std::collections::HashMap::from([#(#entries),*])))
        }
    }
}

/// `option` (an `Option<T>` expression) unwrapped, falling back to the member's default.
pub(crate) fn value_or_default(m: &MemberIr, option: TokenStream) -> TokenStream {
    match default_value(m) {
        Some(default) if is_literal_default(m) => quote!(#option.unwrap_or(#default)),
        Some(default) => quote!(#option.unwrap_or_else(|| #default)),
        None => quote!(#option.unwrap_or_default()),
    }
}

/// Whether the default is a plain literal (cheap enough for `unwrap_or`).
fn is_literal_default(m: &MemberIr) -> bool {
    matches!(
        m.ty.kind,
        TypeKind::Boolean
            | TypeKind::Byte
            | TypeKind::Short
            | TypeKind::Integer
            | TypeKind::Long
            | TypeKind::Float
            | TypeKind::Double
    )
}

/// The expression of a member's modeled default value, when it differs from `Default`.
pub(crate) fn default_value(m: &MemberIr) -> Option<TokenStream> {
    use serde_json::Value;
    let value = m.default.as_ref()?;
    let root = Root::new(0);
    Some(match (&m.ty.kind, value) {
        (TypeKind::Boolean, Value::Bool(b)) => quote!(#b),
        (TypeKind::String, Value::String(text)) => quote!(::std::string::String::from(#text)),
        (TypeKind::Byte, Value::Number(n)) => {
            let n = i8::try_from(n.as_i64()?).ok()?;
            quote!(#n)
        }
        (TypeKind::Short, Value::Number(n)) => {
            let n = i16::try_from(n.as_i64()?).ok()?;
            quote!(#n)
        }
        (TypeKind::Integer, Value::Number(n)) => {
            let n = i32::try_from(n.as_i64()?).ok()?;
            quote!(#n)
        }
        (TypeKind::Long, Value::Number(n)) => {
            let n = n.as_i64()?;
            quote!(#n)
        }
        (TypeKind::Float, Value::Number(n)) => {
            let n = n.as_f64()? as f32;
            quote!(#n)
        }
        (TypeKind::Double, Value::Number(n)) => {
            let n = n.as_f64()?;
            quote!(#n)
        }
        (TypeKind::Document, value) => document_literal(value),
        (TypeKind::Blob, Value::String(base64)) => {
            quote!(::shapegen::Blob::from_base64(#base64).unwrap_or_default())
        }
        (TypeKind::Timestamp { .. }, Value::Number(n)) => {
            let seconds = n.as_f64()?;
            quote!(::shapegen::DateTime::from_secs_f64(#seconds))
        }
        (TypeKind::Enum { .. } | TypeKind::IntEnum { .. }, Value::String(_) | Value::Number(_)) => {
            // Enum types are resolved relative to the use site by the caller's `Into`.
            let _ = root;
            let literal = match value {
                Value::String(text) => quote!(#text),
                Value::Number(n) => {
                    let n = i32::try_from(n.as_i64()?).ok()?;
                    quote!(#n)
                }
                _ => return None,
            };
            quote!(::std::convert::From::from(#literal))
        }
        _ => return None,
    })
}
