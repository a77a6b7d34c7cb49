//! Any reply (status, headers, body) as an error reply: its code, message and request id.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    shapegen_fuzz::errors::check(data);
});
