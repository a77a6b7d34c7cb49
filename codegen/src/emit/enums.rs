//! String and int enums: one variant per value plus `Unknown`, for forward compatibility.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, ident};
use crate::ir::EnumIr;

/// The enum type with its conversions and JSON impls.
pub(crate) fn enumeration(e: &EnumIr) -> TokenStream {
    if e.int { int_enum(e) } else { string_enum(e) }
}

fn variant_docs(value: &str, docs: Option<&str>, deprecated: Option<String>) -> TokenStream {
    let mut note = format!("`{value}`");
    if let Some(deprecated) = deprecated {
        note.push_str(&format!(" (**deprecated:** {deprecated})"));
    }
    doc_attrs(docs, Some(note))
}

fn string_enum(e: &EnumIr) -> TokenStream {
    let name = ident(&e.rust_name);
    let docs = doc_attrs(
        e.docs.as_deref(),
        Some(format!(
            "Smithy enum `{}`. Values this client does not know arrive as `Unknown`.",
            e.id
        )),
    );
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let docs = variant_docs(
            &v.value,
            v.docs.as_deref(),
            v.deprecated.as_ref().map(|d| d.note()),
        );
        quote!(#docs #variant,)
    });
    let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
    let to_str = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = &v.value;
        quote!(Self::#variant => #value,)
    });
    let from_str = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let value = &v.value;
        quote!(#value => Self::#variant,)
    });
    quote! {
        #docs
        #[derive(
            ::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq, ::std::cmp::Eq,
            ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord
        )]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know (the service is newer than the model).
            Unknown(::shapegen::UnknownValue),
        }
        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
            /// Every value the model defines, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
            /// Whether this is one of the values the model defines.
            pub fn is_known(&self) -> bool {
                !::std::matches!(self, Self::Unknown(_))
            }
        }
        impl ::std::convert::From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(::shapegen::UnknownValue::__new(
                        ::std::string::String::from(other),
                    )),
                }
            }
        }
        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Unknown(_) => Self::Unknown(::shapegen::UnknownValue::__new(value)),
                    known => known,
                }
            }
        }
        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::convert::AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        /// The zero value Smithy's error correction uses for a missing required member.
        impl ::std::default::Default for #name {
            fn default() -> Self {
                Self::Unknown(::shapegen::UnknownValue::__new(::std::string::String::new()))
            }
        }
        impl ::shapegen::__private::json::ToJson for #name {
            fn to_json(&self, w: &mut ::shapegen::__private::json::Writer) {
                w.string(self.as_str());
            }
        }
        impl ::shapegen::__private::json::FromJson for #name {
            fn from_json(
                r: &mut ::shapegen::__private::json::Reader<'_>,
            ) -> ::std::result::Result<Self, ::shapegen::__private::json::JsonError> {
                ::std::result::Result::Ok(Self::from(r.read_str()?.as_ref()))
            }
        }
        impl ::shapegen::__private::HttpValue for #name {
            fn http_value(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
            fn parse_http_value(text: &str) -> ::std::option::Option<Self> {
                ::std::option::Option::Some(Self::from(text))
            }
        }
    }
}

fn int_enum(e: &EnumIr) -> TokenStream {
    let name = ident(&e.rust_name);
    let docs = doc_attrs(
        e.docs.as_deref(),
        Some(format!(
            "Smithy intEnum `{}`. Values this client does not know arrive as `Unknown`.",
            e.id
        )),
    );
    let parsed: Vec<i32> = e
        .variants
        .iter()
        .map(|v| v.value.parse().unwrap_or_default())
        .collect();
    let variants = e.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let docs = variant_docs(
            &v.value,
            v.docs.as_deref(),
            v.deprecated.as_ref().map(|d| d.note()),
        );
        quote!(#docs #variant,)
    });
    let to_int = e.variants.iter().zip(&parsed).map(|(v, n)| {
        let variant = ident(&v.rust_name);
        quote!(Self::#variant => #n,)
    });
    let from_int = e.variants.iter().zip(&parsed).map(|(v, n)| {
        let variant = ident(&v.rust_name);
        quote!(#n => Self::#variant,)
    });
    quote! {
        #docs
        #[derive(
            ::std::clone::Clone, ::std::marker::Copy, ::std::fmt::Debug, ::std::cmp::PartialEq,
            ::std::cmp::Eq, ::std::hash::Hash, ::std::cmp::PartialOrd, ::std::cmp::Ord
        )]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know (the service is newer than the model).
            Unknown(::shapegen::UnknownValue<i32>),
        }
        impl #name {
            /// The value as sent on the wire.
            pub fn value(&self) -> i32 {
                match self {
                    #(#to_int)*
                    Self::Unknown(value) => *value.get(),
                }
            }
            /// Every value the model defines, in model order.
            pub const fn values() -> &'static [i32] {
                &[#(#parsed),*]
            }
            /// Whether this is one of the values the model defines.
            pub fn is_known(&self) -> bool {
                !::std::matches!(self, Self::Unknown(_))
            }
        }
        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#from_int)*
                    other => Self::Unknown(::shapegen::UnknownValue::__new(other)),
                }
            }
        }
        /// The zero value Smithy's error correction uses for a missing required member.
        impl ::std::default::Default for #name {
            fn default() -> Self {
                Self::from(0)
            }
        }
        impl ::shapegen::__private::json::ToJson for #name {
            fn to_json(&self, w: &mut ::shapegen::__private::json::Writer) {
                w.i64(i64::from(self.value()));
            }
        }
        impl ::shapegen::__private::json::FromJson for #name {
            fn from_json(
                r: &mut ::shapegen::__private::json::Reader<'_>,
            ) -> ::std::result::Result<Self, ::shapegen::__private::json::JsonError> {
                ::std::result::Result::Ok(Self::from(r.read_i32()?))
            }
        }
        impl ::shapegen::__private::HttpValue for #name {
            fn http_value(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Owned(self.value().to_string())
            }
            fn parse_http_value(text: &str) -> ::std::option::Option<Self> {
                text.parse::<i32>().ok().map(Self::from)
            }
        }
    }
}
