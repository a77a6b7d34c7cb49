//! Any headers as header lists and timestamps; any text as a timestamp.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    shapegen_fuzz::dates::check(data);
});
