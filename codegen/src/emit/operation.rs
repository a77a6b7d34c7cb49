//! One module per operation: input, output, error enum, builders, request serialization and
//! response parsing.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::structure::{self, Role};
use super::{Root, doc_attrs, ident, json, validate};
use crate::ir::{Binding, Ir, OperationIr, TypeKind};

/// `pub mod <op> { … }`.
pub(crate) fn module(ir: &Ir, op: &OperationIr) -> TokenStream {
    let module = ident(&op.snake);
    let root = Root::new(2);
    let builders_root = root.deeper();
    let module_doc = format!(
        "Types for the `{}` operation (`{} {}`).",
        op.name, op.http.method, op.http.uri
    );
    let input = structure::definition(&op.input, &root, Role::Input, "builders");
    let output = structure::definition(&op.output, &root, Role::Output, "builders");
    let input_json = op
        .input
        .members
        .iter()
        .any(|m| m.binding == Binding::Body)
        .then(|| json::to_json_impl(&op.input, &root));
    let output_json = json::from_json_impl(&op.output, &root);
    let error = error_enum(ir, op, &root);
    let spec = operation_spec(ir, op);
    let serialize = super::http::serialize_request(op, &root);
    let parse = parse_response(op, &root);
    let input_name = ident(&op.input.rust_name);
    let output_name = ident(&op.output.rust_name);
    let input_builder = structure::builder_for(
        &op.input,
        &builders_root,
        Role::Input,
        quote!(super::#input_name),
    );
    let build_checked = build_checked(op, &builders_root);
    let input_builder_name = format_ident!("{}Builder", op.input.rust_name);
    let output_builder = structure::builder_for(
        &op.output,
        &builders_root,
        Role::Output,
        quote!(super::#output_name),
    );
    let fluent = fluent_builder(op, &builders_root);
    quote! {
        #[doc = #module_doc]
        pub mod #module {
            #input
            #input_json
            #output
            #output_json
            #error
            #spec
            #serialize
            #parse
            /// Builders for this operation's input and output, and the fluent builder the
            /// client returns.
            pub mod builders {
                #input_builder
                impl #input_builder_name {
                    #build_checked
                }
                #output_builder
                #fluent
            }
        }
    }
}

fn operation_spec(ir: &Ir, op: &OperationIr) -> TokenStream {
    let name = &op.name;
    let retryable: Vec<&str> = op
        .errors
        .iter()
        .filter(|e| {
            ir.errors
                .iter()
                .find(|s| s.rust_name == e.name)
                .and_then(|s| s.error.as_ref())
                .is_some_and(|info| info.retryable)
        })
        .map(|e| e.code.as_str())
        .collect();
    quote! {
        static OPERATION: ::shapegen::__private::OperationSpec = ::shapegen::__private::OperationSpec {
            name: #name,
            retryable_errors: &[#(#retryable),*],
        };
    }
}

/// `parse_response(Response) -> Result<Output, Error<OpError>>`.
fn parse_response(op: &OperationIr, root: &Root) -> TokenStream {
    let output_name = ident(&op.output.rust_name);
    let error_name = format_ident!("{}Error", op.name);
    let bound_reads = super::http::read_bound_members(&op.output.members, &quote!(output), false);
    let has_body_members = op.output.members.iter().any(|m| m.binding == Binding::Body);
    let output_mut = if bound_reads.is_empty() {
        quote!()
    } else {
        quote!(mut)
    };
    let read_body = if has_body_members {
        quote!(::shapegen::__private::json::from_body(body)?)
    } else {
        quote!(::std::default::Default::default())
    };
    let status_param = if op
        .output
        .members
        .iter()
        .any(|m| m.binding == Binding::ResponseCode)
    {
        quote!(status)
    } else {
        quote!(_status)
    };
    let body_param = if has_body_members
        || op
            .output
            .members
            .iter()
            .any(|m| matches!(m.binding, Binding::Payload { .. }))
    {
        quote!(body)
    } else {
        quote!(_body)
    };
    let headers_param = if op
        .output
        .members
        .iter()
        .any(|m| matches!(m.binding, Binding::Header(_) | Binding::PrefixHeaders(_)))
    {
        quote!(headers)
    } else {
        quote!(_headers)
    };
    let arms: Vec<TokenStream> = op.errors.iter().map(|e| {
        let variant = ident(&e.name);
        let path = root.error(&e.name);
        let code = &e.code;
        quote! {
            ::std::option::Option::Some(#code) => #error_name::#variant(#path::__from_response(&parts.headers, &body, meta)),
        }
    }).collect();
    let unhandled = quote!(#error_name::Unhandled(::shapegen::Unhandled::new(meta)));
    // Without modeled errors, a `match` with only the catch-all arm would be noise.
    let error_value = if arms.is_empty() {
        unhandled
    } else {
        quote! {
            match meta.code() {
                #(#arms)*
                _ => #unhandled,
            }
        }
    };
    quote! {
        /// Reads the HTTP response: the output on success, else the typed service error.
        fn parse_response(
            response: ::shapegen::__private::HttpResponse,
        ) -> ::std::result::Result<#output_name, ::shapegen::Error<#error_name>> {
            let (parts, body) = response.into_parts();
            if parts.status.is_success() {
                let request_id = ::shapegen::__private::rest_json::request_id(&parts.headers);
                return match parse_output(parts.status.as_u16(), &parts.headers, &body) {
                    ::std::result::Result::Ok(mut output) => {
                        output._request_id = request_id;
                        ::std::result::Result::Ok(output)
                    }
                    ::std::result::Result::Err(error) => ::std::result::Result::Err(
                        ::shapegen::Error::Response(::shapegen::ResponseError::new(
                            parts.status.as_u16(),
                            request_id,
                            error,
                        )),
                    ),
                };
            }
            let meta = ::shapegen::__private::rest_json::error_metadata(parts.status.as_u16(), &parts.headers, &body);
            let request_id = meta.request_id().map(::std::borrow::ToOwned::to_owned);
            let error = #error_value;
            ::std::result::Result::Err(::shapegen::Error::Service(::shapegen::ServiceError::new(
                error,
                parts.status.as_u16(),
                request_id,
            )))
        }

        fn parse_output(
            #status_param: u16,
            #headers_param: &::shapegen::__private::http::HeaderMap,
            #body_param: &[u8],
        ) -> ::std::result::Result<#output_name, ::shapegen::__private::ParseError> {
            let #output_mut output: #output_name = #read_body;
            #(#bound_reads)*
            ::std::result::Result::Ok(output)
        }
    }
}

/// The operation's error enum: one variant per modeled error, plus `Unhandled`.
fn error_enum(ir: &Ir, op: &OperationIr, root: &Root) -> TokenStream {
    let name = format_ident!("{}Error", op.name);
    let doc = format!(
        "Errors `{}` can return: one variant per error in the model, plus `Unhandled` for any \
         other.",
        op.name
    );
    let infos: Vec<_> = op
        .errors
        .iter()
        .map(|e| {
            let structure = ir.errors.iter().find(|s| s.rust_name == e.name);
            (e, structure)
        })
        .collect();
    let variants = infos.iter().map(|(e, s)| {
        let variant = ident(&e.name);
        let path = root.error(&e.name);
        let status = s
            .and_then(|s| s.error.as_ref())
            .and_then(|info| info.http_status)
            .map(|status| format!(" (HTTP {status})"))
            .unwrap_or_default();
        let docs = doc_attrs(
            s.and_then(|s| s.docs.as_deref()),
            Some(format!("Error code `{}`{status}.", e.code)),
        );
        quote!(#docs #variant(#path),)
    });
    let predicates = op.errors.iter().map(|e| {
        let variant = ident(&e.name);
        let predicate = format_ident!("is_{}", crate::ir::snake_name(&e.name));
        let doc = format!("Whether this is a `{}`.", e.code);
        quote! {
            #[doc = #doc]
            pub fn #predicate(&self) -> bool {
                ::std::matches!(self, Self::#variant(_))
            }
        }
    });
    let meta_arms = op.errors.iter().map(|e| {
        let variant = ident(&e.name);
        quote!(Self::#variant(error) => error.meta(),)
    });
    let message_arms = op.errors.iter().map(|e| {
        let variant = ident(&e.name);
        quote!(Self::#variant(error) => error.message(),)
    });
    let code_arms = op.errors.iter().map(|e| {
        let variant = ident(&e.name);
        let code = &e.code;
        quote!(Self::#variant(_) => ::std::option::Option::Some(#code),)
    });
    let source_arms = op.errors.iter().map(|e| {
        let variant = ident(&e.name);
        quote!(Self::#variant(error) => ::std::option::Option::Some(error),)
    });
    let retry_arms = infos.iter().map(|(e, s)| {
        let variant = ident(&e.name);
        let info = s.and_then(|s| s.error.as_ref());
        let retryable = info.is_some_and(|i| i.retryable);
        let throttling = info.is_some_and(|i| i.throttling);
        quote!(Self::#variant(error) => (#retryable, #throttling, error.meta()),)
    });
    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An error this operation's model does not define (or an unreadable error reply).
            Unhandled(::shapegen::Unhandled),
        }
        impl #name {
            #(#predicates)*
            /// Whether this is an error the model does not define.
            pub fn is_unhandled(&self) -> bool {
                ::std::matches!(self, Self::Unhandled(_))
            }
            /// The error's code: the modeled error's name, else the code the service sent.
            pub fn code(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#code_arms)*
                    Self::Unhandled(error) => error.meta().code(),
                }
            }
            /// The error's message.
            pub fn message(&self) -> ::std::option::Option<&str> {
                match self {
                    #(#message_arms)*
                    Self::Unhandled(error) => error.meta().message(),
                }
            }
            /// The request id of the response (`x-amzn-requestid`).
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.meta().request_id()
            }
            /// Code, message, request id and status of the response.
            pub fn meta(&self) -> &::shapegen::ErrorMetadata {
                match self {
                    #(#meta_arms)*
                    Self::Unhandled(error) => error.meta(),
                }
            }
            fn retry_facts(&self) -> (bool, bool, &::shapegen::ErrorMetadata) {
                match self {
                    #(#retry_arms)*
                    Self::Unhandled(error) => (false, false, error.meta()),
                }
            }
            /// Whether retrying may succeed (throttling, transient, or modeled `@retryable`).
            pub fn is_retryable(&self) -> bool {
                let (modeled, throttling, meta) = self.retry_facts();
                modeled || throttling || ::shapegen::__private::retry::is_retryable(meta)
            }
            /// Whether the service is throttling the caller.
            pub fn is_throttling(&self) -> bool {
                let (_, throttling, meta) = self.retry_facts();
                throttling || ::shapegen::__private::retry::is_throttling(meta)
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::shapegen::__private::fmt_service_error(f, self.code(), self.message(), self.meta())
            }
        }
        impl ::std::error::Error for #name {
            fn source(&self) -> ::std::option::Option<&(dyn ::std::error::Error + 'static)> {
                match self {
                    #(#source_arms)*
                    Self::Unhandled(error) => ::std::option::Option::Some(error),
                }
            }
        }
    }
}

/// `build_checked(validate)`: the input, or every missing member and violated constraint.
fn build_checked(op: &OperationIr, root: &Root) -> TokenStream {
    let input_name = ident(&op.input.rust_name);
    let mut statements = Vec::new();
    let mut uses_validate = false;
    for m in &op.input.members {
        let field = ident(&m.field);
        let name = &m.name;
        let checks = validate::value_check(&m.ty, &quote!(value), root);
        if checks.is_some() {
            uses_validate = true;
        }
        let checks = checks.map(|checks| {
            quote! {
                if validate {
                    let path = path.field(#name);
                    #checks
                }
            }
        });
        if m.must_be_set() {
            statements.push(quote! {
                match &self.#field {
                    ::std::option::Option::Some(value) => {
                        let _ = value;
                        #checks
                    }
                    ::std::option::Option::None => violations.missing(&path.field(#name)),
                }
            });
        } else if let Some(checks) = validate::value_check(&m.ty, &quote!(value), root) {
            statements.push(quote! {
                if let (true, ::std::option::Option::Some(value)) = (validate, &self.#field) {
                    let path = path.field(#name);
                    #checks
                }
            });
        }
    }
    let assignments = op.input.members.iter().map(|m| {
        let field = ident(&m.field);
        let value = if m.idempotency_token && m.optional {
            quote! {
                self.#field
                    .or_else(|| ::std::option::Option::Some(handle.config().idempotency_token()))
            }
        } else if m.optional {
            quote!(self.#field)
        } else {
            structure::value_or_default(m, quote!(self.#field))
        };
        quote!(#field: #value,)
    });
    let uses_handle = uses_validate
        || op
            .input
            .members
            .iter()
            .any(|m| m.idempotency_token && m.optional);
    let handle_param = if uses_handle {
        quote!(handle)
    } else {
        quote!(_handle)
    };
    let validate_binding =
        uses_validate.then(|| quote!(let validate = handle.validation_enabled();));
    let check_block = if statements.is_empty() {
        quote!()
    } else {
        quote! {
            let mut collected = ::shapegen::__private::Violations::new();
            {
                let violations = &mut collected;
                let path = ::shapegen::__private::Path::root();
                #(#statements)*
            }
            collected.into_result()?;
        }
    };
    quote! {
        /// Builds the input for sending: every required member that is missing and (when
        /// `validate`) every constraint violation is reported at once.
        pub(crate) fn build_checked(
            self,
            #handle_param: &::shapegen::__private::Handle,
        ) -> ::std::result::Result<super::#input_name, ::shapegen::ValidationError> {
            #validate_binding
            #check_block
            ::std::result::Result::Ok(super::#input_name {
                #(#assignments)*
            })
        }
    }
}

/// The builder the client method returns: the input's setters plus `send()`.
fn fluent_builder(op: &OperationIr, root: &Root) -> TokenStream {
    let name = format_ident!("{}FluentBuilder", op.name);
    let input_builder = format_ident!("{}Builder", op.input.rust_name);
    let output_name = ident(&op.output.rust_name);
    let error_name = format_ident!("{}Error", op.name);
    let doc = format!(
        "Builds and sends a `{}` request. Obtain it from the client's `{}()` method.",
        op.name, op.snake
    );
    let setters = op
        .input
        .members
        .iter()
        .map(|m| structure::setters(m, root, structure::SetterTarget::Fluent));
    let paginator = paginator(op, root);
    quote! {
        #[doc = #doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #name {
            handle: ::std::sync::Arc<::shapegen::__private::Handle>,
            inner: #input_builder,
        }
        impl #name {
            pub(crate) fn new(handle: ::std::sync::Arc<::shapegen::__private::Handle>) -> Self {
                Self {
                    handle,
                    inner: ::std::default::Default::default(),
                }
            }
            /// The input as set so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.inner
            }
            #(#setters)*
            /// Validates the input, then sends the request, retrying per the client's config.
            ///
            /// Nothing is sent when validation fails: the error lists every violation.
            pub async fn send(
                self,
            ) -> ::std::result::Result<super::#output_name, ::shapegen::Error<super::#error_name>> {
                let input = self
                    .inner
                    .build_checked(&self.handle)
                    .map_err(::shapegen::Error::Validation)?;
                let request = super::serialize_request(&input).map_err(::shapegen::Error::Construction)?;
                let response = self.handle.send(&super::OPERATION, request).await?;
                super::parse_response(response)
            }
            #paginator
        }
    }
}

/// `into_paginator()` (and `items()` on it) for operations with `smithy.api#paginated`.
fn paginator(op: &OperationIr, root: &Root) -> TokenStream {
    let Some(pagination) = &op.pagination else {
        return TokenStream::new();
    };
    let output_name = ident(&op.output.rust_name);
    let error_name = format_ident!("{}Error", op.name);
    let set_token = format_ident!("set_{}", pagination.input_token.trim_start_matches("r#"));
    let token_member = op
        .output
        .members
        .iter()
        .find(|m| Some(&m.field) == pagination.output_token.first());
    let next_token = match token_member {
        Some(m) if m.optional => {
            let field = ident(&m.field);
            quote!(output.#field.clone())
        }
        Some(m) => {
            let field = ident(&m.field);
            quote!(::std::option::Option::Some(output.#field.clone()))
        }
        None => return TokenStream::new(),
    };
    let items = pagination.items.as_ref().and_then(|(path, ty)| {
        let m = op
            .output
            .members
            .iter()
            .find(|m| Some(&m.field) == path.first())?;
        let field = ident(&m.field);
        let (item, collect) = match &ty.kind {
            TypeKind::List { element, sparse } => {
                let element = super::rust_type(element, root);
                let item = if *sparse {
                    quote!(::std::option::Option<#element>)
                } else {
                    element
                };
                (
                    item,
                    quote!(::std::iter::IntoIterator::into_iter(items).collect()),
                )
            }
            TypeKind::Map { value, sparse, .. } => {
                let value = super::rust_type(value, root);
                let value = if *sparse {
                    quote!(::std::option::Option<#value>)
                } else {
                    value
                };
                (
                    quote!((::std::string::String, #value)),
                    quote!(::std::iter::IntoIterator::into_iter(items).collect()),
                )
            }
            _ => return None,
        };
        let take = if m.optional {
            quote!(let items = output.#field.unwrap_or_default();)
        } else {
            quote!(let items = output.#field;)
        };
        let doc = format!(
            "Every item of `{}` across all pages, fetching pages as needed.",
            m.name
        );
        Some(quote! {
            #[doc = #doc]
            pub fn into_items(
                self,
            ) -> ::shapegen::Items<super::#output_name, super::#error_name, #item> {
                self.into_paginator().items(|output| {
                    #take
                    #collect
                })
            }
        })
    });
    quote! {
        /// Sends this request once per page, following the model's pagination tokens: a
        /// stream of pages (`Result<Output, Error>`).
        pub fn into_paginator(self) -> ::shapegen::Paginator<super::#output_name, super::#error_name> {
            ::shapegen::Paginator::new(
                move |token| {
                    let request = match token {
                        ::std::option::Option::Some(token) => {
                            self.clone().#set_token(::std::option::Option::Some(token))
                        }
                        ::std::option::Option::None => self.clone(),
                    };
                    ::std::boxed::Box::pin(request.send())
                },
                |output| #next_token,
            )
        }
        #items
    }
}
