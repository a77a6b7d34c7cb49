//! A built-in model with edits the input chooses: generated code that parses, or diagnostics
//! with JSON paths.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let model = shapegen_fuzz::model::mutate(data);
    let variant = data.last().copied().unwrap_or_default();
    shapegen_fuzz::model::check(&model, variant);
});
