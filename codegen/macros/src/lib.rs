//! The `generate!` proc macro of shapegen: parses its arguments, reads the model file and hands
//! both to `shapegen-codegen`. Use it through the `shapegen` crate (`shapegen::generate!`).

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use shapegen_codegen::Settings;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, LitStr, Token, bracketed};

/// Generates a typed client from a Smithy JSON AST model.
///
/// ```ignore
/// shapegen::generate! {
///     spec: "spec/chime.json",                              // relative to Cargo.toml's directory
///     service: "com.amazonaws.chime#UCBuzzConsoleService",  // optional with one service
///     operations: [BatchCreateAttendee],                    // optional; default: all
/// }
/// ```
///
/// Problems in the model are reported as one compile error on the `spec` string, each with the
/// JSON path where it was found.
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    let args = syn::parse_macro_input!(input as Args);
    expand(&args).into()
}

/// The macro's arguments.
struct Args {
    spec: LitStr,
    service: Option<LitStr>,
    operations: Option<Vec<String>>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut spec = None;
        let mut service = None;
        let mut operations = None;
        while !input.is_empty() {
            let key: Ident = input.parse()?;
            input.parse::<Token![:]>()?;
            match key.to_string().as_str() {
                "spec" => set_once(&mut spec, input.parse::<LitStr>()?, &key)?,
                "service" => set_once(&mut service, input.parse::<LitStr>()?, &key)?,
                "operations" => {
                    let content;
                    bracketed!(content in input);
                    let names = Punctuated::<OperationName, Token![,]>::parse_terminated(&content)?;
                    let names = names.into_iter().map(|n| n.0).collect();
                    set_once(&mut operations, names, &key)?;
                }
                other => {
                    return Err(syn::Error::new(
                        key.span(),
                        format!(
                            "unknown argument `{other}`; expected `spec`, `service` or `operations`"
                        ),
                    ));
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        let spec = spec.ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                "missing `spec: \"path/to/model.json\"` (a Smithy JSON AST model, relative to Cargo.toml)",
            )
        })?;
        Ok(Self {
            spec,
            service,
            operations,
        })
    }
}

fn set_once<T>(slot: &mut Option<T>, value: T, key: &Ident) -> syn::Result<()> {
    if slot.is_some() {
        return Err(syn::Error::new(
            key.span(),
            format!("`{key}` is given twice"),
        ));
    }
    *slot = Some(value);
    Ok(())
}

/// An operation name: `BatchCreateAttendee` or `"com.amazonaws.chime#BatchCreateAttendee"`.
struct OperationName(String);

impl Parse for OperationName {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.peek(LitStr) {
            Ok(Self(input.parse::<LitStr>()?.value()))
        } else {
            Ok(Self(input.parse::<Ident>()?.to_string()))
        }
    }
}

fn expand(args: &Args) -> proc_macro2::TokenStream {
    let spec = args.spec.value();
    let path = resolve_path(&spec);
    let source = match std::fs::read(&path) {
        Ok(source) => source,
        Err(error) => {
            let message = format!(
                "{spec}: cannot read the model file ({error}); `spec` is relative to the \
                 directory of the crate's Cargo.toml"
            );
            return syn::Error::new(args.spec.span(), message).to_compile_error();
        }
    };
    let mut settings = Settings::new();
    if let Some(service) = &args.service {
        settings = settings.service(service.value());
    }
    if let Some(operations) = &args.operations {
        settings = settings.operations(operations.iter().cloned());
    }
    match shapegen_codegen::generate(&source, &spec, &settings) {
        // A proc macro cannot emit warnings on stable Rust. What a warning says is in the
        // generated rustdoc instead: the member whose pattern is not enforced, the `Client`
        // for operations left out. `shapegen check` and `Generator` (build.rs) print them.
        Ok(generated) => {
            let tokens = generated.tokens;
            let tracked = path.to_string_lossy().into_owned();
            quote! {
                #tokens
                // Rebuild when the model changes.
                const _: &[u8] = ::core::include_bytes!(#tracked);
            }
        }
        Err(diagnostics) => {
            syn::Error::new(args.spec.span(), diagnostics.to_string()).to_compile_error()
        }
    }
}

/// `spec` relative to the invoking crate's directory (`CARGO_MANIFEST_DIR`).
///
/// `SHAPEGEN_MANIFEST_DIR` overrides that directory; shapegen's own trybuild tests set it,
/// because trybuild compiles test cases from a generated crate elsewhere.
fn resolve_path(spec: &str) -> PathBuf {
    let spec_path = Path::new(spec);
    if spec_path.is_absolute() {
        return spec_path.to_owned();
    }
    let base = std::env::var_os("SHAPEGEN_MANIFEST_DIR")
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .map(PathBuf::from)
        .unwrap_or_default();
    base.join(spec_path)
}
