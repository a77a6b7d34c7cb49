//! Generates, into `OUT_DIR`, the clients of a sample of the published AWS restJson1 models in
//! `../shared/models/aws`, each in full (no operations filter), for `src/lib.rs` to compile.
//!
//! The sample is chosen by a fixed rule over `INDEX.tsv`, never by hand. Candidates are the
//! restJson1 models in index order, less those byte-identical to a model `tests/real-models`
//! already compiles in full (`../shared/models/smithy`). The sample holds:
//!
//! 1. every [`EVERY`]-th candidate (the first, then every `EVERY` further);
//! 2. the biggest restJson1 model by shape count, unless `tests/real-models` compiles it
//!    already (today it does: `quicksight`, 2,348 shapes);
//! 3. for each distinct fallback the generator applies to some candidate, the smallest
//!    candidate (by shapes) that relies on it: a leading `(?s)` translated, a possessive
//!    quantifier translated, a pattern not enforced (one per engine message), operations left
//!    out for using event streams. Every code path of the fallbacks is compiled, at least cost.
//!
//! Rule 3 needs every candidate resolved, which is done here on all cores. Without `../shared`
//! (a user's fresh clone) the crate is empty, with a warning; with `SHAPEGEN_REQUIRE_SHARED=1`
//! (CI) that fails the build.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use shapegen_codegen::Settings;

/// Rule 1: every how many candidates one is taken.
const EVERY: usize = 16;

/// One row of `INDEX.tsv`.
struct Model {
    file: String,
    protocol: String,
    shapes: usize,
}

/// The distinct fallbacks a candidate's client relies on (rule 3), described.
type Fallbacks = BTreeSet<String>;

fn main() {
    let Some(shared) = shapegen_shared_dir::build_cfg(
        "aws_models",
        &["models/aws/INDEX.tsv", "models/smithy"],
        "the AWS model sample",
    ) else {
        return;
    };
    let shared = shared.join("models");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let index = shared.join("aws/INDEX.tsv");
    let text = std::fs::read_to_string(&index).unwrap_or_else(|e| panic!("{e}"));
    let rest_json: Vec<Model> = parse_index(&text)
        .into_iter()
        .filter(|m| m.protocol == "restJson1")
        .collect();
    let biggest = rest_json
        .iter()
        .max_by_key(|m| m.shapes)
        .map(|m| m.file.clone());
    let (elsewhere, candidates): (Vec<Model>, Vec<Model>) = rest_json
        .into_iter()
        .partition(|m| compiled_by_real_models(&shared, &m.file));
    for model in &candidates {
        println!(
            "cargo::rerun-if-changed={}",
            model_path(&shared, &model.file).display()
        );
    }
    let fallbacks = on_all_cores(&candidates, |model| fallbacks(&shared, model));
    let sample = choose(&candidates, &fallbacks, biggest.as_deref());
    let codes = on_all_cores(&sample, |(model, _)| generate(&shared, &model.file));
    let mut lib = String::new();
    let mut listing = String::new();
    for ((model, why), code) in sample.iter().zip(codes) {
        std::fs::write(out_dir.join(format!("{}.rs", model.file)), code)
            .unwrap_or_else(|e| panic!("{e}"));
        let module = model.file.replace('-', "_");
        writeln!(
            lib,
            "/// `{}` ({} shapes): {why}.\npub mod {module} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{}.rs\")); }}",
            model.file, model.shapes, model.file
        )
        .expect("writing to a String");
        writeln!(listing, "    ({:?}, {:?}),", model.file, why).expect("writing to a String");
    }
    let elsewhere: Vec<&str> = elsewhere.iter().map(|m| m.file.as_str()).collect();
    writeln!(
        lib,
        "/// Each sampled model's file stem and why the rule chose it, in index order.\n\
         pub const SAMPLE: &[(&str, &str)] = &[\n{listing}];\n\
         /// restJson1 models left out because `tests/real-models` compiles the same file in full.\n\
         pub const COMPILED_BY_REAL_MODELS: &[&str] = &{elsewhere:?};"
    )
    .expect("writing to a String");
    std::fs::write(out_dir.join("sample.rs"), lib).unwrap_or_else(|e| panic!("{e}"));
}

fn parse_index(text: &str) -> Vec<Model> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            Some(Model {
                file: (*columns.first()?).to_owned(),
                protocol: (*columns.get(2)?).to_owned(),
                shapes: columns.get(4)?.parse().ok()?,
            })
        })
        .collect()
}

fn model_path(shared: &Path, file: &str) -> PathBuf {
    shared.join(format!("aws/{file}.json"))
}

/// Whether `tests/real-models` compiles the same file in full already.
fn compiled_by_real_models(shared: &Path, file: &str) -> bool {
    let ours = shared.join(format!("smithy/{file}.json"));
    match (std::fs::read(ours), std::fs::read(model_path(shared, file))) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `f` of every item, in order, computed on all cores.
fn on_all_cores<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = items.len().div_ceil(workers).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|items| scope.spawn(move || items.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| {
                h.join()
                    .unwrap_or_else(|_| panic!("a worker thread panicked"))
            })
            .collect()
    })
}

fn fallbacks(shared: &Path, model: &Model) -> Fallbacks {
    let source = std::fs::read(model_path(shared, &model.file)).unwrap_or_else(|e| panic!("{e}"));
    // A model with errors is chosen by rule 1 or 2 only (and then fails to generate); the
    // check test reports its errors.
    let Ok(resolved) = shapegen_codegen::resolve(&source, &model.file, &Settings::new()) else {
        return Fallbacks::new();
    };
    let mut fallbacks: Fallbacks = resolved
        .ir
        .pattern_refs()
        .into_iter()
        .filter(|p| p.ecma != p.source)
        // The only two rewrites: `(?s)…` becomes `(?s:…)`, possessive becomes greedy.
        .map(|p| match p.ecma.starts_with("(?s:") {
            true => "a leading `(?s)` translated".to_owned(),
            false => "a possessive quantifier translated".to_owned(),
        })
        .collect();
    // Patterns the runtime cannot compile, so does not enforce.
    fallbacks.extend(
        resolved
            .ir
            .pattern_refs()
            .into_iter()
            .filter_map(|p| shapegen_codegen::pattern::unenforceable(&p.source))
            .map(|reason| format!("a pattern not enforced ({reason})")),
    );
    if !resolved.ir.skipped_operations.is_empty() {
        fallbacks.insert("operations left out for using event streams".to_owned());
    }
    fallbacks
}

/// The sample, in index order, each with why the rule chose it.
fn choose<'a>(
    candidates: &'a [Model],
    fallbacks: &[Fallbacks],
    biggest: Option<&str>,
) -> Vec<(&'a Model, String)> {
    let mut why: Vec<Vec<String>> = vec![Vec::new(); candidates.len()];
    for (position, reasons) in why.iter_mut().enumerate() {
        if position % EVERY == 0 {
            reasons.push(format!("every {EVERY}th"));
        }
        if Some(candidates[position].file.as_str()) == biggest {
            reasons.push("the biggest".to_owned());
        }
    }
    let distinct: BTreeSet<&String> = fallbacks.iter().flatten().collect();
    for fallback in distinct {
        let smallest = (0..candidates.len())
            .filter(|&i| fallbacks[i].contains(fallback))
            .min_by_key(|&i| candidates[i].shapes);
        if let Some(i) = smallest {
            why[i].push(format!("the smallest with {fallback}"));
        }
    }
    candidates
        .iter()
        .zip(why)
        .filter(|(_, reasons)| !reasons.is_empty())
        .map(|(model, reasons)| (model, reasons.join("; ")))
        .collect()
}

/// The client's code, unformatted (rustc reads it, people use `shapegen expand`).
fn generate(shared: &Path, file: &str) -> String {
    let source = std::fs::read(model_path(shared, file)).unwrap_or_else(|e| panic!("{e}"));
    shapegen_codegen::generate(&source, file, &Settings::new())
        .unwrap_or_else(|d| panic!("{d}"))
        .tokens
        .to_string()
}
