//! Any reply to a generated client's operations (headers, timestamps, unions, blobs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    shapegen_fuzz::replies::check(data);
});
