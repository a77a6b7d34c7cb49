//! Generates the protocol compliance suites listed in `suites.rs`: for each suite, the client
//! of every test service it covers (one module per service) and one Rust test per
//! client-applicable `httpRequestTests`/`httpResponseTests` case, from the models in
//! `../shared/protocol-tests`. Each model file is read and loaded once, however many services
//! are generated from it.
//!
//! Output, per suite: `OUT_DIR/{suite}/{module}.rs` (a client), `OUT_DIR/{suite}/suite.rs` (the
//! client modules and the tests, included by `tests/{suite}.rs`) and
//! `OUT_DIR/{suite}/summary.txt` (client cases and skipped ones, per service and family).
//!
//! Without `../shared` (a user's fresh clone) nothing is generated and the tests report that
//! they were skipped; with `SHAPEGEN_REQUIRE_SHARED=1` (CI) a missing suite fails the build.

mod cases;
mod skips;
mod suites;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use shapegen_codegen::model::Model;

use suites::{SUITES, Suite};

fn main() {
    println!("cargo::rerun-if-changed=build");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let mut models: Vec<&str> = SUITES.iter().map(|suite| suite.model).collect();
    models.sort_unstable();
    models.dedup();
    let paths: Vec<String> = models
        .iter()
        .map(|model| format!("protocol-tests/{model}"))
        .collect();
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let Some(shared) =
        shapegen_shared_dir::build_cfg("protocol_suite", &paths, "the protocol compliance suites")
    else {
        return;
    };
    let dir = shared.join("protocol-tests");
    for model in models {
        if let Err(error) = generate_from(&dir, model, &out) {
            panic!("cannot generate the compliance tests from {model}: {error}");
        }
    }
}

/// Generates every suite whose cases are in the model file `name`.
fn generate_from(dir: &Path, name: &str, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let source = std::fs::read(dir.join(name))?;
    let model = shapegen_codegen::load(&source, name).map_err(|d| d.to_string())?;
    for suite in SUITES.iter().filter(|suite| suite.model == name) {
        generate_suite(&model, suite, &out.join(suite.name))
            .map_err(|error| format!("suite {}: {error}", suite.name))?;
    }
    Ok(())
}

fn generate_suite(model: &Model, suite: &Suite, out: &Path) -> Result<(), String> {
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let mut modules = Vec::new();
    let mut tests = Vec::new();
    let mut counts = BTreeMap::new();
    for service in suite.services {
        let settings = shapegen_codegen::Settings::new().service(service.id);
        let resolved = shapegen_codegen::resolve_loaded(model, suite.model, &settings)
            .map_err(|d| d.to_string())?;
        if !resolved.warnings.is_empty() {
            // Every case must run against the whole model, with every constraint enforced.
            return Err(format!(
                "{} must generate in full: {}",
                service.id, resolved.warnings
            ));
        }
        let ir = resolved.ir;
        let client = shapegen_codegen::emit(&ir);
        let file = format!("{}.rs", service.module);
        std::fs::write(out.join(&file), client.to_string()).map_err(|e| e.to_string())?;
        let module = Ident::new(service.module, Span::call_site());
        let path = format!("/{}/{file}", suite.name);
        modules.push(quote! {
            #[allow(clippy::all, dead_code, deprecated)]
            mod #module {
                include!(concat!(env!("OUT_DIR"), #path));
            }
        });
        let generated = cases::generate(model, &ir, service)?;
        tests.push(generated.tokens);
        for (family, (total, skipped)) in generated.counts {
            counts.insert((service.module, family), (total, skipped));
        }
    }
    let source: TokenStream = quote! {
        #(#modules)*
        #(#tests)*
    };
    std::fs::write(out.join("suite.rs"), source.to_string()).map_err(|e| e.to_string())?;
    std::fs::write(out.join("summary.txt"), summary(&counts)).map_err(|e| e.to_string())?;
    Ok(())
}

/// One line per service and family: client cases and skipped ones, then the totals.
fn summary(counts: &BTreeMap<(&str, &str), (usize, usize)>) -> String {
    let mut text = String::from("service\tfamily\tclient cases\tskipped\n");
    let (mut all, mut all_skipped) = (0, 0);
    for ((service, family), (total, skipped)) in counts {
        text.push_str(&format!("{service}\t{family}\t{total}\t{skipped}\n"));
        all += total;
        all_skipped += skipped;
    }
    text.push_str(&format!("total\t\t{all}\t{all_skipped}\n"));
    text
}
