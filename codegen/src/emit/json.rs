//! JSON bodies: `ToJson`/`FromJson` impls written member by member, with wire names.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Root, ident};
use crate::ir::{Binding, MemberIr, StructureIr};

/// `impl ToJson` for a structure (all of its members are body members).
pub(crate) fn to_json_impl(s: &StructureIr, _root: &Root) -> TokenStream {
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
pub(crate) fn from_json_impl(s: &StructureIr, _root: &Root) -> TokenStream {
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
            quote! {
                if let ::std::option::Option::Some(value) = &#this.#field {
                    #w.key(#wire);
                    ::shapegen::__private::json::ToJson::to_json(value, #w);
                }
            }
        } else {
            quote! {
                #w.key(#wire);
                ::shapegen::__private::json::ToJson::to_json(&#this.#field, #w);
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
            if m.optional {
                quote! {
                    #wire => out.#field = ::shapegen::__private::json::FromJson::from_json(#r)?,
                }
            } else {
                // A required member sent as `null` keeps its zero value (error correction).
                quote! {
                    #wire => {
                        if !#r.try_null()? {
                            out.#field = ::shapegen::__private::json::FromJson::from_json(#r)?;
                        }
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
