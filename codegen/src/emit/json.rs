//! JSON bodies: `ToJson`/`FromJson` impls written member by member, with wire names, and the
//! value writers and readers they use (timestamps need their member's format).

use proc_macro2::TokenStream;
use quote::quote;

use super::{ident, timestamp_format};
use crate::ir::{Binding, MemberIr, StructureIr, TimestampFormat, TypeIr, TypeKind};

/// `impl ToJson` for a structure (its body members).
pub(crate) fn to_json_impl(s: &StructureIr) -> TokenStream {
    let name = ident(&s.rust_name);
    let body = write_object(s.members.iter(), quote!(self), quote!(w));
    quote! {
        impl ::shapegen::__private::json::ToJson for #name {
            fn to_json(&self, w: &mut ::shapegen::__private::json::Writer) {
                #body
            }
        }
    }
}

/// `impl FromJson` for a structure; unknown keys are skipped, `null` means "not set".
pub(crate) fn from_json_impl(s: &StructureIr) -> TokenStream {
    let name = ident(&s.rust_name);
    let body = read_object(s.members.iter(), quote!(r));
    quote! {
        impl ::shapegen::__private::json::FromJson for #name {
            fn from_json(
                r: &mut ::shapegen::__private::json::Reader<'_>,
            ) -> ::std::result::Result<Self, ::shapegen::__private::json::JsonError> {
                #body
            }
        }
    }
}

/// Whether a value needs a format-aware writer/reader rather than `ToJson`/`FromJson`.
fn needs_format(ty: &TypeIr) -> bool {
    match &ty.kind {
        TypeKind::Timestamp { .. } => true,
        TypeKind::List { element, .. } => needs_format(element),
        TypeKind::Map { value, .. } => needs_format(value),
        _ => false,
    }
}

/// Statements writing `value` (an expression of type `&T`) to the writer `w`.
pub(crate) fn write_value(ty: &TypeIr, value: &TokenStream, w: &TokenStream) -> TokenStream {
    if !needs_format(ty) {
        return quote!(::shapegen::__private::json::ToJson::to_json(#value, #w););
    }
    match &ty.kind {
        TypeKind::Timestamp { format } => {
            let format = timestamp_format(*format, TimestampFormat::EpochSeconds);
            quote!(::shapegen::__private::json::write_timestamp(#w, #value, #format);)
        }
        TypeKind::List { element, sparse } => {
            let item = write_value(element, &quote!(item), w);
            let item = if *sparse {
                quote! {
                    match item {
                        ::std::option::Option::Some(item) => { #item }
                        ::std::option::Option::None => #w.null(),
                    }
                }
            } else {
                item
            };
            quote! {
                #w.begin_array();
                for item in #value {
                    #item
                }
                #w.end_array();
            }
        }
        TypeKind::Map {
            value: entry,
            sparse,
            ..
        } => {
            let item = write_value(entry, &quote!(item), w);
            let item = if *sparse {
                quote! {
                    match item {
                        ::std::option::Option::Some(item) => { #item }
                        ::std::option::Option::None => #w.null(),
                    }
                }
            } else {
                item
            };
            quote! {
                #w.begin_object();
                for (key, item) in #value {
                    #w.key(key);
                    #item
                }
                #w.end_object();
            }
        }
        _ => quote!(::shapegen::__private::json::ToJson::to_json(#value, #w);),
    }
}

/// An expression of type `Result<T, JsonError>` reading one value from the reader `r`.
pub(crate) fn read_value(ty: &TypeIr, r: &TokenStream) -> TokenStream {
    if !needs_format(ty) {
        return quote!(::shapegen::__private::json::FromJson::from_json(#r));
    }
    match &ty.kind {
        // Replies are read in whichever timestamp form the server sent.
        TypeKind::Timestamp { .. } => quote!(::shapegen::__private::json::read_timestamp(#r)),
        TypeKind::List { element, sparse } => {
            let item = read_value(element, &quote!(r));
            let read = if *sparse {
                quote!(read_sparse_list)
            } else {
                quote!(read_list)
            };
            quote!(::shapegen::__private::json::#read(#r, |r| #item))
        }
        TypeKind::Map { value, sparse, .. } => {
            let item = read_value(value, &quote!(r));
            let read = if *sparse {
                quote!(read_sparse_map)
            } else {
                quote!(read_map)
            };
            quote!(::shapegen::__private::json::#read(#r, |r| #item))
        }
        _ => quote!(::shapegen::__private::json::FromJson::from_json(#r)),
    }
}

/// Writes `this`'s body members as one JSON object to the writer `w`.
pub(crate) fn write_object<'a>(
    members: impl Iterator<Item = &'a MemberIr>,
    this: TokenStream,
    w: TokenStream,
) -> TokenStream {
    let writes = members.filter(|m| m.binding == Binding::Body).map(|m| {
        let field = ident(&m.field);
        let wire = &m.wire;
        if m.optional {
            let write = write_value(&m.ty, &quote!(value), &w);
            quote! {
                if let ::std::option::Option::Some(value) = &#this.#field {
                    #w.key(#wire);
                    #write
                }
            }
        } else {
            let write = write_value(&m.ty, &quote!(&#this.#field), &w);
            quote! {
                #w.key(#wire);
                #write
            }
        }
    });
    quote! {
        #w.begin_object();
        #(#writes)*
        #w.end_object();
    }
}

/// Reads one JSON object from the reader `r` into a `Self::default()`, returning `Ok(Self)`.
pub(crate) fn read_object<'a>(
    members: impl Iterator<Item = &'a MemberIr>,
    r: TokenStream,
) -> TokenStream {
    let arms: Vec<TokenStream> = members
        .filter(|m| m.binding == Binding::Body)
        .map(|m| {
            let field = ident(&m.field);
            let wire = &m.wire;
            let read = read_value(&m.ty, &r);
            let assign = if m.optional {
                quote!(out.#field = ::std::option::Option::Some(#read?);)
            } else {
                quote!(out.#field = #read?;)
            };
            // `null` means "not set"; a required member keeps its zero value (error correction).
            quote! {
                #wire => {
                    if !#r.try_null()? {
                        #assign
                    }
                }
            }
        })
        .collect();
    if arms.is_empty() {
        return quote! {
            #r.begin_object()?;
            while #r.next_key()?.is_some() {
                #r.skip_value()?;
            }
            ::std::result::Result::Ok(::std::default::Default::default())
        };
    }
    quote! {
        let mut out = <Self as ::std::default::Default>::default();
        #r.begin_object()?;
        while let ::std::option::Option::Some(key) = #r.next_key()? {
            match key.as_ref() {
                #(#arms)*
                _ => #r.skip_value()?,
            }
        }
        ::std::result::Result::Ok(out)
    }
}
