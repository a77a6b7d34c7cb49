//! Unions: an enum with one variant per member, plus `Unknown` for variants this client does
//! not know, with JSON, validation and a redacting `Debug`.
//!
//! Conveniences, for reading and building nested values (DynamoDB's recursive
//! `AttributeValue`, say) without a `match` per level: per variant `is_x()`, `as_x()` (an
//! `Option` of a reference to the value, or of the value itself for `bool` and numbers) and
//! `into_x()` (the value, or the union back as `Err`);
//! and `From<T>` for each value type only one variant holds, so `vec![..].into()` or
//! `HashMap::from(..).into()` picks the list or map variant (types shared by several variants,
//! such as DynamoDB's `S` and `N` strings, have no `From`: the variant must be named).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{Root, doc_attrs, ident, json, rust_type, validate};
use crate::ir::names::Scope;
use crate::ir::{MemberIr, StructureIr, TypeKind};

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
    let accessors = accessors(s, root);
    let conversions = from_impls(s, root);
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
        #(#conversions)*
        #debug
        #to_json
        #from_json
        #validate
    }
}

/// `is_x()` for every variant; `as_x()` and `into_x()` for variants with a value. Method names
/// are unique even when member names collide after conversion (or one is `Unknown`).
fn accessors(s: &StructureIr, root: &Root) -> Vec<TokenStream> {
    let mut stems = Scope::with_reserved(&["unknown"]);
    s.members
        .iter()
        .map(|m| {
            let stem = stems.claim(crate::ir::snake_name(&m.name));
            let variant = ident(&m.field);
            let predicate = format_ident!("is_{stem}");
            let doc = format!("Whether this is the `{}` variant.", m.name);
            let is = if matches!(m.ty.kind, TypeKind::Unit) {
                quote!(::std::matches!(self, Self::#variant))
            } else {
                quote!(::std::matches!(self, Self::#variant(_)))
            };
            let predicate = quote! {
                #[doc = #doc]
                pub fn #predicate(&self) -> bool {
                    #is
                }
            };
            if matches!(m.ty.kind, TypeKind::Unit) {
                return predicate;
            }
            let (value, unbox) = variant_value(m, root);
            let (as_name, into_name) = (format_ident!("as_{stem}"), format_ident!("into_{stem}"));
            let as_doc = format!("The value of the `{}` variant, if it is this one.", m.name);
            let into_doc = format!(
                "The value of the `{}` variant, or `Err(self)` if it is another one.",
                m.name
            );
            // Copied scalars (`bool`, numbers) are returned by value, other values by reference.
            let (as_type, by_ref, by_value) = if unbox {
                (quote!(&#value), quote!(&**value), quote!(*value))
            } else if is_copy(&m.ty.kind) {
                (value.clone(), quote!(*value), quote!(value))
            } else {
                (quote!(&#value), quote!(value), quote!(value))
            };
            quote! {
                #predicate
                #[doc = #as_doc]
                pub fn #as_name(&self) -> ::std::option::Option<#as_type> {
                    match self {
                        Self::#variant(value) => ::std::option::Option::Some(#by_ref),
                        _ => ::std::option::Option::None,
                    }
                }
                #[doc = #into_doc]
                pub fn #into_name(self) -> ::std::result::Result<#value, Self> {
                    match self {
                        Self::#variant(value) => ::std::result::Result::Ok(#by_value),
                        other => ::std::result::Result::Err(other),
                    }
                }
            }
        })
        .collect()
}

/// Whether values of this kind are `Copy` scalars (returned by value from `as_x()`).
fn is_copy(kind: &TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::Boolean
            | TypeKind::Byte
            | TypeKind::Short
            | TypeKind::Integer
            | TypeKind::Long
            | TypeKind::Float
            | TypeKind::Double
    )
}

/// The type a variant's accessors and `From` deal in (a boxed structure unboxed), and whether
/// the variant holds it boxed.
fn variant_value(m: &MemberIr, root: &Root) -> (TokenStream, bool) {
    match &m.ty.kind {
        TypeKind::Structure {
            name, boxed: true, ..
        } => (root.ty(name), true),
        _ => (rust_type(&m.ty, root), false),
    }
}

/// `From<T> for Union` for each value type exactly one variant holds (other than the union
/// itself, which `From<T> for T` already covers).
fn from_impls(s: &StructureIr, root: &Root) -> Vec<TokenStream> {
    let name = ident(&s.rust_name);
    let own = root.ty(&s.rust_name).to_string();
    let values: Vec<(&MemberIr, TokenStream, bool)> = s
        .members
        .iter()
        .filter(|m| !matches!(m.ty.kind, TypeKind::Unit))
        .map(|m| {
            let (value, boxed) = variant_value(m, root);
            (m, value, boxed)
        })
        .collect();
    let text: Vec<String> = values
        .iter()
        .map(|(_, value, _)| value.to_string())
        .collect();
    values
        .iter()
        .zip(&text)
        .filter(|(_, key)| **key != own && text.iter().filter(|other| other == key).count() == 1)
        .map(|((m, value, boxed), _)| {
            let variant = ident(&m.field);
            let wrap = if *boxed {
                quote!(::std::boxed::Box::new(value))
            } else {
                quote!(value)
            };
            let doc = format!("The `{}` variant.", m.name);
            quote! {
                #[doc = #doc]
                impl ::std::convert::From<#value> for #name {
                    fn from(value: #value) -> Self {
                        Self::#variant(#wrap)
                    }
                }
            }
        })
        .collect()
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
    let not_one_member = quote! {
        ::shapegen::__private::json::JsonError::new(start, "a union must have exactly one member set")
    };
    quote! {
        impl ::shapegen::__private::json::FromJson for #name {
            fn from_json(
                r: &mut ::shapegen::__private::json::Reader<'_>,
            ) -> ::std::result::Result<Self, ::shapegen::__private::json::JsonError> {
                let start = r.offset();
                r.begin_object()?;
                // Members set to null and the `__type` discriminator some services add do not
                // count as the variant: the first other member is it, and no other may follow.
                let value = loop {
                    let ::std::option::Option::Some(key) = r.next_key()? else {
                        return ::std::result::Result::Err(#not_one_member);
                    };
                    if key == "__type" {
                        r.skip_value()?;
                    } else if !r.try_null()? {
                        break match key.as_ref() {
                            #(#arms)*
                            other => {
                                r.skip_value()?;
                                Self::Unknown(::shapegen::UnknownValue::__new(
                                    ::std::string::String::from(other),
                                ))
                            }
                        };
                    }
                };
                while let ::std::option::Option::Some(key) = r.next_key()? {
                    if key == "__type" {
                        r.skip_value()?;
                    } else if !r.try_null()? {
                        return ::std::result::Result::Err(#not_one_member);
                    }
                }
                ::std::result::Result::Ok(value)
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
