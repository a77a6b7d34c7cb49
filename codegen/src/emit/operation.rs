//! One module per operation: input, output, error enum, builders, request serialization and
//! response parsing.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::structure::{self, Role};
use super::validate::{self, Held};
use super::{Root, doc_attrs, ident, json};
use crate::ir::{Binding, EndpointParamValue, FieldStep, Ir, OperationIr, TypeIr, TypeKind};

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
        .then(|| json::to_json_impl(&op.input));
    let output_json = json::from_json_impl(&op.output);
    let error = error_enum(op, &root);
    let spec = operation_spec(op);
    let endpoint_params = endpoint_params(op);
    let serialize = super::protocol::serialize_request(ir, op);
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
            #endpoint_params
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

fn operation_spec(op: &OperationIr) -> TokenStream {
    let name = &op.name;
    let errors = op.errors.iter().flat_map(|e| {
        let (retryable, throttling) = (e.info.retryable, e.info.throttling);
        std::iter::once(&e.code)
            .chain(e.query_code.as_ref())
            .map(move |code| {
                quote! {
                    ::shapegen::__private::ErrorSpec {
                        code: #code,
                        retryable: #retryable,
                        throttling: #throttling,
                    },
                }
            })
    });
    let static_params = op.endpoint_params.iter().filter_map(|param| {
        let EndpointParamValue::Static(value) = &param.value else {
            return None;
        };
        let name = &param.name;
        let value = match value {
            serde_json::Value::Bool(b) => quote!(::shapegen::__private::StaticParam::Bool(#b)),
            serde_json::Value::String(text) => {
                quote!(::shapegen::__private::StaticParam::String(#text))
            }
            serde_json::Value::Array(items) => {
                let items = items.iter().filter_map(serde_json::Value::as_str);
                quote!(::shapegen::__private::StaticParam::StringArray(&[#(#items),*]))
            }
            _ => return None,
        };
        Some(quote!((#name, #value),))
    });
    let signed = op.signed;
    quote! {
        static OPERATION: ::shapegen::__private::OperationSpec = ::shapegen::__private::OperationSpec {
            name: #name,
            errors: &[#(#errors)*],
            static_params: &[#(#static_params)*],
            signed: #signed,
        };
    }
}

/// `endpoint_params(&Input)`: the endpoint parameters bound from the input, when the operation
/// binds any.
fn endpoint_params(op: &OperationIr) -> Option<TokenStream> {
    let params: Vec<TokenStream> = op
        .endpoint_params
        .iter()
        .filter_map(|param| match &param.value {
            EndpointParamValue::Input(path) => Some(super::endpoint::bind(&param.name, path)),
            EndpointParamValue::Static(_) => None,
        })
        .collect();
    if params.is_empty() {
        return None;
    }
    let input_name = ident(&op.input.rust_name);
    Some(quote! {
        /// The endpoint parameters this call's input sets (`contextParam`,
        /// `operationContextParams`).
        fn endpoint_params(
            input: &#input_name,
        ) -> ::std::vec::Vec<(&'static str, ::shapegen::__private::ParamValue)> {
            let mut params = ::std::vec::Vec::new();
            #(#params)*
            params
        }
    })
}

/// `parse_response(Response) -> Result<Output, Error<OpError>>`.
fn parse_response(op: &OperationIr, root: &Root) -> TokenStream {
    let output_name = ident(&op.output.rust_name);
    let error_name = format_ident!("{}Error", op.rust_name);
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
    let arms: Vec<TokenStream> = op
        .errors
        .iter()
        .map(|e| {
            let variant = ident(&e.name);
            let path = root.error(&e.name);
            let codes = std::iter::once(&e.code).chain(e.query_code.as_ref());
            quote! {
                #(::std::option::Option::Some(#codes))|* => #error_name::#variant(#path::__from_response(response.headers(), response.body(), meta)),
            }
        })
        .collect();
    let unhandled = quote!(#error_name::Unhandled(::shapegen::Unhandled::new(meta)));
    // Without modeled errors, every error is unhandled (a `match` with one arm is a lint).
    let error = if arms.is_empty() {
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
        /// Reads the classified reply: the output on success, else the typed service error.
        fn parse_response(
            reply: ::shapegen::__private::Reply,
        ) -> ::std::result::Result<#output_name, ::shapegen::Error<#error_name>> {
            let (response, meta) = match reply {
                ::shapegen::__private::Reply::Success(response) => {
                    let request_id = ::shapegen::__private::request_id(response.headers());
                    let status = response.status().as_u16();
                    return match parse_output(status, response.headers(), response.body()) {
                        ::std::result::Result::Ok(mut output) => {
                            output._request_id = request_id;
                            ::std::result::Result::Ok(output)
                        }
                        ::std::result::Result::Err(error) => ::std::result::Result::Err(
                            ::shapegen::Error::Response(::shapegen::ResponseError::new(
                                status, request_id, error,
                            )),
                        ),
                    };
                }
                ::shapegen::__private::Reply::Error { response, meta } => (response, meta),
            };
            let status = response.status().as_u16();
            let request_id = meta.request_id().map(::std::borrow::ToOwned::to_owned);
            let error = #error;
            ::std::result::Result::Err(::shapegen::Error::Service(::shapegen::ServiceError::new(
                error, status, request_id,
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
fn error_enum(op: &OperationIr, root: &Root) -> TokenStream {
    let name = format_ident!("{}Error", op.rust_name);
    let doc = format!(
        "Errors `{}` can return: one variant per error in the model, plus `Unhandled` for any \
         other.",
        op.name
    );
    let variants = op.errors.iter().map(|e| {
        let variant = ident(&e.name);
        let path = root.error(&e.name);
        let status = e
            .info
            .http_status
            .map(|status| format!(" (HTTP {status})"))
            .unwrap_or_default();
        let docs = doc_attrs(
            e.docs.as_deref(),
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
            /// Code, message, request id, status and retry class of the reply.
            pub fn meta(&self) -> &::shapegen::ErrorMetadata {
                match self {
                    #(#meta_arms)*
                    Self::Unhandled(error) => error.meta(),
                }
            }
            /// The request id of the reply (`x-amzn-requestid`).
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                self.meta().request_id()
            }
            /// Whether retrying may succeed (throttling, transient, or modeled `@retryable`).
            pub fn is_retryable(&self) -> bool {
                self.meta().is_retryable()
            }
            /// Whether the service is throttling the caller.
            pub fn is_throttling(&self) -> bool {
                self.meta().is_throttling()
            }
        }
        impl ::shapegen::OperationError for #name {
            fn code(&self) -> ::std::option::Option<&str> {
                Self::code(self)
            }
            fn message(&self) -> ::std::option::Option<&str> {
                Self::message(self)
            }
            fn meta(&self) -> &::shapegen::ErrorMetadata {
                Self::meta(self)
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::shapegen::__private::fmt_service_error(f, self)
            }
        }
        impl ::std::error::Error for #name {}
    }
}

/// `build_checked(handle, overrides)`: the input, or every missing member and (when this call
/// validates) every violated constraint, in member order.
fn build_checked(op: &OperationIr, root: &Root) -> TokenStream {
    let input_name = ident(&op.input.rust_name);
    let mut statements = Vec::new();
    let mut uses_validate = false;
    for m in &op.input.members {
        statements.extend(validate::missing_check(m));
        if let Some(checks) =
            validate::member_check(m, quote!(self), Held::BuilderWhenValidating, root)
        {
            uses_validate = true;
            statements.push(checks);
        }
    }
    let assignments = op.input.members.iter().map(|m| {
        let field = ident(&m.field);
        let value = if m.idempotency_token && m.optional {
            quote! {
                self.#field
                    .or_else(|| ::std::option::Option::Some(handle.config().idempotency_token()))
            }
        } else if m.idempotency_token {
            quote!(self.#field.unwrap_or_else(|| handle.config().idempotency_token()))
        } else if m.optional {
            quote!(self.#field)
        } else {
            structure::value_or_default(m, quote!(self.#field))
        };
        quote!(#field: #value,)
    });
    let uses_handle = uses_validate || op.input.members.iter().any(|m| m.idempotency_token);
    let handle_param = if uses_handle {
        quote!(handle)
    } else {
        quote!(_handle)
    };
    let (overrides_param, validate_binding) = if uses_validate {
        (
            quote!(overrides),
            quote!(let validate = overrides.validation_for(handle.config());),
        )
    } else {
        (quote!(_overrides), TokenStream::new())
    };
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
            #overrides_param: &::shapegen::ConfigOverride,
        ) -> ::std::result::Result<super::#input_name, ::shapegen::ValidationError> {
            #validate_binding
            #check_block
            ::std::result::Result::Ok(super::#input_name {
                #(#assignments)*
                _private: ::shapegen::__private::Sealed,
            })
        }
    }
}

/// The builder the client method returns: the input's setters plus `send()`.
fn fluent_builder(op: &OperationIr, root: &Root) -> TokenStream {
    let name = format_ident!("{}FluentBuilder", op.rust_name);
    let input_builder = format_ident!("{}Builder", op.input.rust_name);
    let output_name = ident(&op.output.rust_name);
    let error_name = format_ident!("{}Error", op.rust_name);
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
    let context = if op
        .endpoint_params
        .iter()
        .any(|p| matches!(p.value, EndpointParamValue::Input(_)))
    {
        quote!(super::endpoint_params(&input))
    } else {
        quote!(::std::vec::Vec::new())
    };
    quote! {
        #[doc = #doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #name {
            handle: ::std::sync::Arc<::shapegen::__private::Handle>,
            inner: #input_builder,
            overrides: ::shapegen::ConfigOverride,
        }
        impl #name {
            pub(crate) fn new(handle: ::std::sync::Arc<::shapegen::__private::Handle>) -> Self {
                Self {
                    handle,
                    inner: ::std::default::Default::default(),
                    overrides: ::std::default::Default::default(),
                }
            }
            /// The input as set so far.
            pub fn as_input(&self) -> &#input_builder {
                &self.inner
            }
            /// Changes client settings for this call only: validation, attempts, timeouts.
            ///
            /// `client.op().customize(|call| call.validation(false).max_attempts(1))`
            pub fn customize(
                mut self,
                change: impl ::std::ops::FnOnce(::shapegen::ConfigOverride) -> ::shapegen::ConfigOverride,
            ) -> Self {
                self.overrides = change(self.overrides);
                self
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
                    .build_checked(&self.handle, &self.overrides)
                    .map_err(::shapegen::Error::Validation)?;
                let request = super::serialize_request(&input).map_err(::shapegen::Error::Construction)?;
                let reply = self
                    .handle
                    .send(&super::OPERATION, request, #context, &self.overrides)
                    .await?;
                super::parse_response(reply)
            }
            #paginator
        }
    }
}

/// `into_paginator()` (and `into_items()`) for operations with `smithy.api#paginated`.
fn paginator(op: &OperationIr, root: &Root) -> TokenStream {
    let Some(pagination) = &op.pagination else {
        return TokenStream::new();
    };
    let output_name = ident(&op.output.rust_name);
    let error_name = format_ident!("{}Error", op.rust_name);
    let set_token = format_ident!("set_{}", pagination.input_token.trim_start_matches("r#"));
    let token = super::rust_type(&pagination.token, root);
    let next_token = token_at(&pagination.output_token);
    let items = pagination
        .items
        .as_ref()
        .map(|(path, ty)| into_items(op, path, ty, &token, root));
    let items_note = if items.is_some() {
        " [`into_items`](Self::into_items) streams the items across pages."
    } else {
        " The model names no items member for this operation, so there is no `into_items()`: \
         read the items from each page."
    };
    let doc = format!(
        " Sends this request once per page, following the model's pagination tokens: a stream \
         of pages (`Result<Output, Error>`), ending after a page without a next token (absent \
         or empty).{items_note}"
    );
    quote! {
        #[doc = #doc]
        pub fn into_paginator(
            self,
        ) -> ::shapegen::Paginator<super::#output_name, super::#error_name, #token> {
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

/// An expression reading a clone of the token at `path` from `output: &Output`, as an
/// `Option` (`None` when the token or a structure on the way is absent).
fn token_at(path: &[FieldStep]) -> TokenStream {
    let mut expression = quote!(output);
    // Whether `expression` is already an `Option<&_>` (a step on the way was optional).
    let mut in_option = false;
    for (index, step) in path.iter().enumerate() {
        let field = ident(&step.field);
        let last = index + 1 == path.len();
        expression = match (in_option, step.optional, last) {
            (false, true, true) => quote!(#expression.#field.clone()),
            (false, false, true) => quote!(::std::option::Option::Some(#expression.#field.clone())),
            (false, true, false) => quote!(#expression.#field.as_ref()),
            (false, false, false) => quote!(#expression.#field),
            (true, true, true) => quote!(#expression.and_then(|value| value.#field.clone())),
            (true, false, true) => quote!(#expression.map(|value| value.#field.clone())),
            (true, true, false) => quote!(#expression.and_then(|value| value.#field.as_ref())),
            (true, false, false) => quote!(#expression.map(|value| &value.#field)),
        };
        in_option |= step.optional;
    }
    expression
}

/// An expression taking the items at `path` out of `output: Output` (by value), as the
/// collection itself (empty when it or a structure on the way is absent).
fn take_at(path: &[FieldStep]) -> TokenStream {
    let mut expression = quote!(output);
    let mut in_option = false;
    for step in path {
        let field = ident(&step.field);
        expression = match (in_option, step.optional) {
            (false, _) => quote!(#expression.#field),
            (true, true) => quote!(#expression.and_then(|value| value.#field)),
            (true, false) => quote!(#expression.map(|value| value.#field)),
        };
        in_option |= step.optional;
    }
    if in_option {
        quote!(#expression.unwrap_or_default())
    } else {
        expression
    }
}

/// `into_items()`: the items of every page, for a list or map at `path`.
fn into_items(
    op: &OperationIr,
    path: &[FieldStep],
    ty: &TypeIr,
    token: &TokenStream,
    root: &Root,
) -> TokenStream {
    let output_name = ident(&op.output.rust_name);
    let error_name = format_ident!("{}Error", op.rust_name);
    let optional = |ty: TokenStream, sparse: bool| {
        if sparse {
            quote!(::std::option::Option<#ty>)
        } else {
            ty
        }
    };
    let item = match &ty.kind {
        TypeKind::List { element, sparse } => optional(super::rust_type(element, root), *sparse),
        TypeKind::Map { value, sparse, .. } => {
            let value = optional(super::rust_type(value, root), *sparse);
            quote!((::std::string::String, #value))
        }
        _ => return TokenStream::new(),
    };
    let take = take_at(path);
    let names: Vec<&str> = path.iter().map(|step| step.name.as_str()).collect();
    let doc = format!(
        "Every item of `{}` across all pages, fetching pages as needed.",
        names.join(".")
    );
    quote! {
        #[doc = #doc]
        pub fn into_items(
            self,
        ) -> ::shapegen::Items<super::#output_name, super::#error_name, #item, #token> {
            self.into_paginator().items(|output| {
                ::std::iter::IntoIterator::into_iter(#take).collect()
            })
        }
    }
}
