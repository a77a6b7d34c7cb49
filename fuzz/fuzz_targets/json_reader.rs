//! Any bytes as a response body for the runtime's JSON reader.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    shapegen_fuzz::json::check(data);
});
