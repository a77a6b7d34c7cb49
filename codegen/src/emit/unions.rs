//! Unions: an enum with one variant per member, plus `Unknown` for variants this client does
//! not know, with JSON, validation and a redacting `Debug`.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Root, doc_attrs, ident, json, rust_type, validate};
use crate::ir::{StructureIr, TypeKind};

/// The union's enum and its impls.
pub(crate) fn union(s: &StructureIr, root: &Root) -> TokenStream {
    let name = ident(&s.rust_name);
    let docs = doc_attrs(
        s.docs.as_deref(),
        Some(format!(
            "Smithy union `{}`: exactly one variant is set. Variants this client does not know \
             arrive as `Unknown`.",
            s.id
        )),
    );
    let variants = s.members.iter().map(|m| {
        let variant = ident(&m.field);
        let docs = super::structure::member_docs(m);
        if matches!(m.ty.kind, TypeKind::Unit) {
            quote!(#docs #variant,)
        } else {
            let ty = rust_type(&m.ty, root);
            quote!(#docs #variant(#ty),)
        }
    });
    let debug = debug_impl(s);
    let to_json = s.serialize.then(|| to_json_impl(s));
    let from_json = s.deserialize.then(|| from_json_impl(s));
    let validate = s.validate.then(|| validate_impl(s, root));
    let accessors = s.members.iter().map(|m| {
        let variant = ident(&m.field);
        let predicate = quote::format_ident!("is_{}", crate::ir::snake_name(&m.name));
        let doc = format!("Whether this is the `{}` variant.", m.name);
        let pattern = if matches!(m.ty.kind, TypeKind::Unit) {
            quote!(Self::#variant)
        } else {
            quote!(Self::#variant(_))
        };
        quote! {
            #[doc = #doc]
            pub fn #predicate(&self) -> bool {
                ::std::matches!(self, #pattern)
            }
        }
    });
    quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A variant this client does not know (its name is kept); it cannot be sent.
            Unknown(::shapegen::UnknownValue),
        }
        impl #name {
            #(#accessors)*
            /// Whether this is a variant this client does not know.
            pub fn is_unknown(&self) -> bool {
                ::std::matches!(self, Self::Unknown(_))
            }
        }
        /// The zero value Smithy's error correction uses for a missing required member.
        impl ::std::default::Default for #name {
            fn default() -> Self {
                Self::Unknown(::shapegen::UnknownValue::__new(::std::string::String::new()))
            }
        }
        #debug
        #to_json
        #from_json
        #validate
    }
}

fn debug_impl(s: &StructureIr) -> TokenStream {
    let name = ident(&s.rust_name);
    let arms = s.members.iter().map(|m| {
        let variant = ident(&m.field);
        let label = m.field.trim_start_matches("r#");
        if matches!(m.ty.kind, TypeKind::Unit) {
            quote!(Self::#variant => f.write_str(#label),)
        } else if m.sensitive {
            quote!(Self::#variant(_) => f.debug_tuple(#label).field(&"*** Sensitive Data Redacted ***").finish(),)
        } else {
            quote!(Self::#variant(value) => f.debug_tuple(#label).field(value).finish(),)
        }
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self {
                    #(#arms)*
                    Self::Unknown(variant) => f.debug_tuple("Unknown").field(variant).finish(),
                }
            }
        }
    }
}

fn to_json_impl(s: &StructureIr) -> TokenStream {
    let name = ident(&s.rust_name);
    let w = quote!(w);
    let arms = s.members.iter().map(|m| {
        let variant = ident(&m.field);
        let wire = &m.wire;
        if matches!(m.ty.kind, TypeKind::Unit) {
            quote! {
                Self::#variant => {
                    w.key(#wire);
                    w.begin_object();
                    w.end_object();
                }
            }
        } else {
            let write = json::write_value(&m.ty, &quote!(value), &w);
            quote! {
                Self::#variant(value) => {
                    w.key(#wire);
                    #write
                }
            }
        }
    });
    quote! {
        impl ::shapegen::__private::json::ToJson for #name {
            fn to_json(&self, w: &mut ::shapegen::__private::json::Writer) {
                w.begin_object();
                match self {
                    #(#arms)*
                    // Rejected by validation; with validation off, an empty object is sent.
                    Self::Unknown(_) => {}
                }
                w.end_object();
            }
        }
    }
}

fn from_json_impl(s: &StructureIr) -> TokenStream {
    let name = ident(&s.rust_name);
    let r = quote!(r);
    let arms = s.members.iter().map(|m| {
        let variant = ident(&m.field);
        let wire = &m.wire;
        if matches!(m.ty.kind, TypeKind::Unit) {
            quote! {
                #wire => {
                    r.skip_value()?;
                    Self::#variant
                }
            }
        } else {
            let read = json::read_value(&m.ty, &r);
            quote!(#wire => Self::#variant(#read?),)
        }
    });
    quote! {
        impl ::shapegen::__private::json::FromJson for #name {
            fn from_json(
                r: &mut ::shapegen::__private::json::Reader<'_>,
            ) -> ::std::result::Result<Self, ::shapegen::__private::json::JsonError> {
                let start = r.offset();
                let mut value = ::std::option::Option::None;
                r.begin_object()?;
                while let ::std::option::Option::Some(key) = r.next_key()? {
                    // Members set to null and the `__type` discriminator some services add
                    // do not count as the variant.
                    if key == "__type" || r.try_null()? {
                        if key == "__type" {
                            r.skip_value()?;
                        }
                        continue;
                    }
                    if value.is_some() {
                        return ::std::result::Result::Err(::shapegen::__private::json::JsonError::new(
                            start,
                            "a union must have exactly one member set",
                        ));
                    }
                    value = ::std::option::Option::Some(match key.as_ref() {
                        #(#arms)*
                        other => {
                            r.skip_value()?;
                            Self::Unknown(::shapegen::UnknownValue::__new(
                                ::std::string::String::from(other),
                            ))
                        }
                    });
                }
                value.ok_or_else(|| {
                    ::shapegen::__private::json::JsonError::new(start, "a union must have exactly one member set")
                })
            }
        }
    }
}

fn validate_impl(s: &StructureIr, root: &Root) -> TokenStream {
    let name = ident(&s.rust_name);
    let arms: Vec<TokenStream> = s
        .members
        .iter()
        .filter(|m| !matches!(m.ty.kind, TypeKind::Unit))
        .filter_map(|m| {
            let variant = ident(&m.field);
            let member = &m.name;
            let checks = validate::value_check(&m.ty, &quote!(value), root)?;
            Some(quote! {
                Self::#variant(value) => {
                    let path = path.field(#member);
                    #checks
                }
            })
        })
        .collect();
    let body = if arms.is_empty() {
        quote! {
            if let Self::Unknown(_) = self {
                violations.unknown_union_variant(path);
            }
        }
    } else {
        let rest = (arms.len() < s.members.len()).then(|| quote!(_ => {}));
        quote! {
            match self {
                #(#arms)*
                Self::Unknown(_) => violations.unknown_union_variant(path),
                #rest
            }
        }
    };
    quote! {
        impl ::shapegen::__private::Validate for #name {
            fn validate(
                &self,
                path: &::shapegen::__private::Path<'_>,
                violations: &mut ::shapegen::__private::Violations,
            ) {
                #body
            }
        }
    }
}
