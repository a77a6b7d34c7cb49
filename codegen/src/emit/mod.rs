//! IR → Rust tokens. Reads only the IR; output is deterministic and uses fully qualified paths.
//!
//! Generated layout, relative to where the macro is invoked:
//!
//! ```text
//! Client                                  the client, one method per operation
//! types::{Structure, Enum}                shared shapes; builders in types::builders
//! types::error::{Error}                   error structures; builders in types::error::builders
//! operation::<op>::{<Op>Input, <Op>Output, <Op>Error}; builders in operation::<op>::builders
//! ```
//!
//! Generated code reaches the runtime only through `::shapegen::__private` and the runtime's
//! public types.

mod aws_json;
mod client;
mod endpoint;
mod enums;
mod http;
mod json;
mod operation;
mod protocol;
mod structure;
mod unions;
mod validate;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::docs;
use crate::ir::names;
use crate::ir::{Ir, TypeIr, TypeKind};

/// Generates the client for `ir`.
pub fn emit(ir: &Ir) -> TokenStream {
    let client = client::client(ir);
    let types = types_module(ir);
    let operations = ir.operations.iter().map(|op| operation::module(ir, op));
    let patterns = patterns_module(ir);
    quote! {
        #client
        #types
        /// Operations of the service: input, output and error types, and builders.
        pub mod operation {
            #(#operations)*
        }
        #patterns
    }
}

fn types_module(ir: &Ir) -> TokenStream {
    let root = Root::new(1);
    let structures = ir.structures.iter().map(|s| structure::shared(s, &root));
    let structure_builders = ir
        .structures
        .iter()
        .filter(|s| !s.is_union)
        .map(|s| structure::builder(s, &root.deeper()));
    let enums = ir.enums.iter().map(enums::enumeration);
    let error_root = root.deeper();
    let errors = ir.errors.iter().map(|s| structure::error(s, &error_root));
    let error_builders = ir
        .errors
        .iter()
        .map(|s| structure::builder(s, &error_root.deeper()));
    quote! {
        /// Data types shared by the operations.
        pub mod types {
            #(#structures)*
            #(#enums)*
            /// Builders for the structures in [`types`](super).
            pub mod builders {
                #(#structure_builders)*
            }
            /// Errors the service returns.
            pub mod error {
                #(#errors)*
                /// Builders for the errors in [`error`](super).
                pub mod builders {
                    #(#error_builders)*
                }
            }
        }
    }
}

fn patterns_module(ir: &Ir) -> TokenStream {
    let statics = ir.patterns.iter().enumerate().map(|(index, source)| {
        let name = pattern_ident(index);
        quote! {
            pub(super) static #name: ::shapegen::__private::Pattern =
                ::shapegen::__private::Pattern::new(#source);
        }
    });
    quote! {
        /// Regular expressions of `pattern` constraints, each compiled once on first use.
        mod __patterns {
            #(#statics)*
        }
    }
}

fn pattern_ident(index: usize) -> Ident {
    Ident::new(&format!("PATTERN_{index}"), Span::call_site())
}

/// A path back to the module the macro was invoked in, from a generated module `depth` deep.
#[derive(Debug, Clone)]
pub(crate) struct Root {
    depth: usize,
}

impl Root {
    pub(crate) fn new(depth: usize) -> Self {
        Self { depth }
    }

    /// The same root seen from one module deeper.
    pub(crate) fn deeper(&self) -> Self {
        Self {
            depth: self.depth + 1,
        }
    }

    /// `self` or `super::super…`.
    pub(crate) fn tokens(&self) -> TokenStream {
        if self.depth == 0 {
            return quote!(self);
        }
        let supers = (0..self.depth).map(|_| quote!(super));
        quote!(#(#supers)::*)
    }

    /// The path of a shared type.
    pub(crate) fn ty(&self, name: &str) -> TokenStream {
        let root = self.tokens();
        let name = ident(name);
        quote!(#root::types::#name)
    }

    /// The path of an error structure.
    pub(crate) fn error(&self, name: &str) -> TokenStream {
        let root = self.tokens();
        let name = ident(name);
        quote!(#root::types::error::#name)
    }

    /// The path of a compiled pattern.
    pub(crate) fn pattern(&self, index: usize) -> TokenStream {
        let root = self.tokens();
        let name = pattern_ident(index);
        quote!(#root::__patterns::#name)
    }
}

/// An identifier, raw when written `r#name`.
///
/// The IR holds only valid identifiers; should one ever not be, it is converted rather than
/// allowed to panic in the macro.
pub(crate) fn ident(name: &str) -> Ident {
    if !names::is_valid_ident(name) {
        let converted = if name.starts_with(|c: char| c.is_uppercase()) {
            names::camel(name)
        } else {
            names::snake(name)
        };
        return ident(&converted);
    }
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc]` attributes from model documentation, plus an optional trailing note.
pub(crate) fn doc_attrs(docs: Option<&str>, note: Option<String>) -> TokenStream {
    let mut lines: Vec<String> = docs.map(docs::rustdoc_lines).unwrap_or_default();
    if let Some(note) = note {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(note);
    }
    let lines = lines.into_iter().map(|line| {
        let line = if line.is_empty() {
            line
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// `#[deprecated]` for a deprecated member, variant or operation.
pub(crate) fn deprecated_attr(deprecation: Option<&crate::ir::Deprecation>) -> TokenStream {
    match deprecation {
        Some(deprecation) => {
            let note = deprecation.note();
            quote!(#[deprecated(note = #note)])
        }
        None => TokenStream::new(),
    }
}

/// The Rust type of a value.
pub(crate) fn rust_type(ty: &TypeIr, root: &Root) -> TokenStream {
    match &ty.kind {
        TypeKind::String => quote!(::std::string::String),
        TypeKind::Boolean => quote!(bool),
        TypeKind::Byte => quote!(i8),
        TypeKind::Short => quote!(i16),
        TypeKind::Integer => quote!(i32),
        TypeKind::Long => quote!(i64),
        TypeKind::Float => quote!(f32),
        TypeKind::Double => quote!(f64),
        TypeKind::Timestamp { .. } => quote!(::shapegen::DateTime),
        TypeKind::Blob => quote!(::shapegen::Blob),
        TypeKind::Document => quote!(::shapegen::Document),
        TypeKind::BigInteger => quote!(::shapegen::BigInteger),
        TypeKind::BigDecimal => quote!(::shapegen::BigDecimal),
        TypeKind::Unit => quote!(()),
        TypeKind::Enum { name } | TypeKind::IntEnum { name } => root.ty(name),
        TypeKind::Structure { name, boxed, .. } => {
            let path = root.ty(name);
            if *boxed {
                quote!(::std::boxed::Box<#path>)
            } else {
                path
            }
        }
        TypeKind::List { element, sparse } => {
            let element = rust_type(element, root);
            if *sparse {
                quote!(::std::vec::Vec<::std::option::Option<#element>>)
            } else {
                quote!(::std::vec::Vec<#element>)
            }
        }
        TypeKind::Map { value, sparse, .. } => {
            let value = rust_type(value, root);
            if *sparse {
                quote!(::std::collections::HashMap<::std::string::String, ::std::option::Option<#value>>)
            } else {
                quote!(::std::collections::HashMap<::std::string::String, #value>)
            }
        }
    }
}

/// `::shapegen::TimestampFormat::…` for a timestamp, with the location's default.
pub(crate) fn timestamp_format(
    format: Option<crate::ir::TimestampFormat>,
    default: crate::ir::TimestampFormat,
) -> TokenStream {
    use crate::ir::TimestampFormat;
    match format.unwrap_or(default) {
        TimestampFormat::DateTime => quote!(::shapegen::TimestampFormat::DateTime),
        TimestampFormat::HttpDate => quote!(::shapegen::TimestampFormat::HttpDate),
        TimestampFormat::EpochSeconds => quote!(::shapegen::TimestampFormat::EpochSeconds),
    }
}

/// A literal `Some(n)`/`None` of type `Option<u64>` for a bound.
pub(crate) fn bound_u64(bound: Option<&serde_json::Number>) -> TokenStream {
    match bound.and_then(|n| n.as_u64().or_else(|| n.as_f64().map(|f| f.max(0.0) as u64))) {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    }
}
