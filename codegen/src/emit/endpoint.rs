//! Endpoint parameters bound from an operation's input (`contextParam`,
//! `operationContextParams`): code that reads them out of the input.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ident;
use crate::ir::{InputPath, PathResult, PathStep};

/// Statements pushing the parameter `name` onto `params` when `path` reaches a value of
/// `input` (an unset optional member on the way leaves the parameter unset).
pub(crate) fn bind(name: &str, path: &InputPath) -> TokenStream {
    let projected = matches!(path.result, PathResult::StringArray)
        && path
            .steps
            .iter()
            .any(|step| matches!(step, PathStep::Each | PathStep::Keys));
    let leaf = quote!(value);
    let push = |value: TokenStream| -> TokenStream {
        quote!(params.push((#name, ::shapegen::__private::ParamValue::from(#value)));)
    };
    let innermost = match (path.result, projected) {
        (_, true) => quote!(values.push(::std::borrow::ToOwned::to_owned(#leaf.as_str()));),
        (PathResult::String, false) => {
            push(quote!(::std::borrow::ToOwned::to_owned(#leaf.as_str())))
        }
        (PathResult::Bool, false) => push(quote!(*#leaf)),
        (PathResult::StringArray, false) => push(quote! {
            #leaf
                .iter()
                .map(|item| ::std::borrow::ToOwned::to_owned(item.as_str()))
                .collect::<::std::vec::Vec<::std::string::String>>()
        }),
    };
    let walk = walk(&path.steps, quote!(input), 0, innermost);
    if projected {
        let finish = push(quote!(values));
        quote! {
            {
                let mut values: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
                #walk
                if !values.is_empty() {
                    #finish
                }
            }
        }
    } else {
        walk
    }
}

/// Code walking `steps` from `current`, running `innermost` with `value` bound to the end.
fn walk(
    steps: &[PathStep],
    current: TokenStream,
    depth: usize,
    innermost: TokenStream,
) -> TokenStream {
    let Some((step, rest)) = steps.split_first() else {
        return quote! {
            let value = #current;
            #innermost
        };
    };
    let next = format_ident!("v{depth}");
    let inner = walk(rest, quote!(#next), depth + 1, innermost);
    match step {
        PathStep::Field {
            field, optional, ..
        } => {
            let field = ident(field);
            if *optional {
                quote! {
                    if let ::std::option::Option::Some(#next) = &#current.#field {
                        #inner
                    }
                }
            } else {
                quote! {
                    let #next = &#current.#field;
                    #inner
                }
            }
        }
        PathStep::Each => quote! {
            for #next in #current.iter() {
                #inner
            }
        },
        PathStep::Keys => quote! {
            for #next in #current.keys() {
                #inner
            }
        },
    }
}
