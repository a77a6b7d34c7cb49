//! Any bytes as a model file: generated code that parses, or diagnostics with JSON paths.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let variant = data.last().copied().unwrap_or_default();
    shapegen_fuzz::model::check(data, variant);
});
