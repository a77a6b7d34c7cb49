//! Client-side validation: checks for every constraint, collecting each violation with its path.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Root, bound_u64, ident};
use crate::ir::{Bounds, MemberIr, StructureIr, TypeIr, TypeKind};

/// `impl Validate` for a structure reachable from an operation input.
pub(crate) fn validate_impl(s: &StructureIr, root: &Root) -> TokenStream {
    let name = ident(&s.rust_name);
    let checks: Vec<TokenStream> = s
        .members
        .iter()
        .filter_map(|m| member_check(m, quote!(self), Held::Field, root))
        .collect();
    let (path, violations) = if checks.is_empty() {
        (quote!(_path), quote!(_violations))
    } else {
        (quote!(path), quote!(violations))
    };
    quote! {
        impl ::shapegen::__private::Validate for #name {
            fn validate(
                &self,
                #path: &::shapegen::__private::Path<'_>,
                #violations: &mut ::shapegen::__private::Violations,
            ) {
                #(#checks)*
            }
        }
    }
}

/// How a value to check is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    /// In a struct's field: `Option<T>` when the member is optional, else `T`.
    Field,
    /// In a builder's field (always `Option<T>`), checked only when a `validate: bool` in
    /// scope is true.
    BuilderWhenValidating,
}

/// The checks of one member of `this` (a struct or builder value), or `None` if there is
/// nothing to check.
///
/// Expects `path: &Path` and `violations: &mut Violations` in scope.
pub(crate) fn member_check(
    m: &MemberIr,
    this: TokenStream,
    held: Held,
    root: &Root,
) -> Option<TokenStream> {
    let field = ident(&m.field);
    let name = &m.name;
    let checks = value_check(&m.ty, &quote!(value), root)?;
    Some(if held == Held::BuilderWhenValidating {
        quote! {
            if let (true, ::std::option::Option::Some(value)) = (validate, &#this.#field) {
                let path = path.field(#name);
                #checks
            }
        }
    } else if m.optional {
        quote! {
            if let ::std::option::Option::Some(value) = &#this.#field {
                let path = path.field(#name);
                #checks
            }
        }
    } else {
        quote! {
            {
                let value = &#this.#field;
                let path = path.field(#name);
                #checks
            }
        }
    })
}

/// Reports a member that must be set but is not, in a builder (`self`): the one way a missing
/// member is reported, by `build()` and by sending alike.
///
/// Expects `path: &Path` and `violations: &mut Violations` in scope.
pub(crate) fn missing_check(m: &MemberIr) -> Option<TokenStream> {
    let field = ident(&m.field);
    let name = &m.name;
    m.must_be_set().then(|| {
        quote! {
            if self.#field.is_none() {
                violations.missing(&path.field(#name));
            }
        }
    })
}

/// Checks of a value (`value: &T` and `path: Path` in scope), or `None` if there are none.
pub(crate) fn value_check(ty: &TypeIr, value: &TokenStream, root: &Root) -> Option<TokenStream> {
    let mut checks = Vec::new();
    let constraints = &ty.constraints;
    match &ty.kind {
        TypeKind::String => {
            if let Some(Bounds { min, max }) = &constraints.length {
                let (min, max) = (bound_u64(min.as_ref()), bound_u64(max.as_ref()));
                checks.push(quote!(violations.str_length(&path, #value, #min, #max);));
            }
            if let Some(index) = constraints.checked_pattern() {
                let pattern = root.pattern(index);
                checks.push(quote!(violations.pattern(&path, #value, &#pattern);));
            }
        }
        TypeKind::Byte | TypeKind::Short | TypeKind::Integer | TypeKind::Long => {
            if let Some(Bounds { min, max }) = &constraints.range {
                let min = int_bound(min.as_ref(), f64::ceil);
                let max = int_bound(max.as_ref(), f64::floor);
                let number = if matches!(ty.kind, TypeKind::Long) {
                    quote!(*#value)
                } else {
                    quote!(i64::from(*#value))
                };
                checks.push(quote!(violations.int_range(&path, #number, #min, #max);));
            }
        }
        TypeKind::Float | TypeKind::Double => {
            if let Some(Bounds { min, max }) = &constraints.range {
                let (min, max) = (float_bound(min.as_ref()), float_bound(max.as_ref()));
                let number = if matches!(ty.kind, TypeKind::Double) {
                    quote!(*#value)
                } else {
                    quote!(f64::from(*#value))
                };
                checks.push(quote!(violations.float_range(&path, #number, #min, #max);));
            }
        }
        TypeKind::Blob => {
            if let Some(Bounds { min, max }) = &constraints.length {
                let (min, max) = (bound_u64(min.as_ref()), bound_u64(max.as_ref()));
                checks.push(quote!(violations.count(&path, #value.len(), #min, #max);));
            }
        }
        TypeKind::Boolean
        | TypeKind::Timestamp { .. }
        | TypeKind::Document
        | TypeKind::BigInteger
        | TypeKind::BigDecimal
        | TypeKind::Unit => {}
        TypeKind::Enum { name } => {
            let ty = root.ty(name);
            checks.push(quote! {
                if !#value.is_known() {
                    violations.unknown_enum(&path, #ty::values());
                }
            });
        }
        TypeKind::IntEnum { name } => {
            let ty = root.ty(name);
            checks.push(quote! {
                if !#value.is_known() {
                    violations.unknown_int_enum(&path, #ty::values());
                }
            });
        }
        TypeKind::Structure {
            validate: false, ..
        } => {}
        TypeKind::Structure { boxed, .. } => {
            let target = if *boxed {
                quote!(&**#value)
            } else {
                value.clone()
            };
            checks.push(
                quote!(::shapegen::__private::Validate::validate(#target, &path, violations);),
            );
        }
        TypeKind::List { element, sparse } => {
            if let Some(Bounds { min, max }) = &constraints.length {
                let (min, max) = (bound_u64(min.as_ref()), bound_u64(max.as_ref()));
                checks.push(quote!(violations.count(&path, #value.len(), #min, #max);));
            }
            if let Some(item_checks) = value_check(element, &quote!(item), root) {
                let item_checks = if *sparse {
                    quote! {
                        if let ::std::option::Option::Some(item) = item {
                            #item_checks
                        }
                    }
                } else {
                    item_checks
                };
                checks.push(quote! {
                    for (index, item) in #value.iter().enumerate() {
                        let path = path.index(index);
                        #item_checks
                    }
                });
            }
        }
        TypeKind::Map {
            key,
            value: entry,
            sparse,
        } => {
            if let Some(Bounds { min, max }) = &constraints.length {
                let (min, max) = (bound_u64(min.as_ref()), bound_u64(max.as_ref()));
                checks.push(quote!(violations.count(&path, #value.len(), #min, #max);));
            }
            // Map keys are `String`s in Rust, even when the model's key is an enum.
            let key_checks = match &key.kind {
                TypeKind::Enum { name } => {
                    let ty = root.ty(name);
                    Some(quote! {
                        if !#ty::from(key.as_str()).is_known() {
                            violations.unknown_enum(&path, #ty::values());
                        }
                    })
                }
                _ => value_check(key, &quote!(key), root),
            };
            let entry_checks = value_check(entry, &quote!(item), root).map(|c| {
                if *sparse {
                    quote! {
                        if let ::std::option::Option::Some(item) = item {
                            #c
                        }
                    }
                } else {
                    c
                }
            });
            if key_checks.is_some() || entry_checks.is_some() {
                let key_path = if key.sensitive {
                    quote!(path.redacted_key())
                } else {
                    quote!(path.key(key))
                };
                checks.push(quote! {
                    for (key, item) in #value {
                        let path = #key_path;
                        let _ = item;
                        #key_checks
                        #entry_checks
                    }
                });
            }
        }
    }
    (!checks.is_empty()).then(|| quote!(#(#checks)*))
}

fn int_bound(bound: Option<&serde_json::Number>, round: fn(f64) -> f64) -> TokenStream {
    let value = bound.and_then(|n| n.as_i64().or_else(|| n.as_f64().map(|f| round(f) as i64)));
    match value {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    }
}

fn float_bound(bound: Option<&serde_json::Number>) -> TokenStream {
    match bound.and_then(serde_json::Number::as_f64) {
        Some(n) => quote!(::std::option::Option::Some(#n)),
        None => quote!(::std::option::Option::None),
    }
}

/// Human-readable constraint notes for member docs.
pub(crate) fn describe(ty: &TypeIr) -> Vec<String> {
    let mut notes = Vec::new();
    let unit = match ty.kind {
        TypeKind::String => " characters",
        TypeKind::List { .. } => " items",
        TypeKind::Map { .. } => " entries",
        _ => "",
    };
    if let Some(bounds) = &ty.constraints.length {
        notes.push(format!("Length: {}.", describe_bounds(bounds, unit)));
    }
    if let Some(bounds) = &ty.constraints.range {
        notes.push(format!("Range: {}.", describe_bounds(bounds, "")));
    }
    if let Some(pattern) = &ty.constraints.pattern {
        notes.push(format!("Pattern: {}.", code_span(&pattern.source)));
        if pattern.ecma != pattern.source {
            notes.push(format!(
                "Checked as its ECMA-262 equivalent {}.",
                code_span(&pattern.ecma)
            ));
        }
    }
    if let TypeKind::List { element, .. } = &ty.kind {
        let inner = describe(element);
        if !inner.is_empty() {
            notes.push(format!("Each item: {}", inner.join(" ")));
        }
    }
    notes
}

/// `text` as inline code, fenced so that backticks inside it survive.
fn code_span(text: &str) -> String {
    let fence = if text.contains('`') { "``" } else { "`" };
    format!("{fence}{text}{fence}")
}

fn describe_bounds(bounds: &Bounds, unit: &str) -> String {
    match (&bounds.min, &bounds.max) {
        (Some(min), Some(max)) => format!("{min} to {max}{unit}"),
        (Some(min), None) => format!("at least {min}{unit}"),
        (None, Some(max)) => format!("at most {max}{unit}"),
        (None, None) => "any".to_owned(),
    }
}
