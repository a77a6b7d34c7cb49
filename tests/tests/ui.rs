//! trybuild: generated code compiles under `#![deny(warnings)]`, and every kind of bad model or
//! bad argument is a compile error with a pinned message.

#[test]
fn ui() {
    // trybuild compiles each case in a crate of its own under `target/`; point the macro's
    // relative `spec` paths at this crate's directory, where the cases were written.
    // SAFETY: this is the only test in this binary, so no other thread reads the environment.
    unsafe { std::env::set_var("SHAPEGEN_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR")) };
    let cases = trybuild::TestCases::new();
    cases.pass("ui/pass/*.rs");
    cases.compile_fail("ui/fail/*.rs");
    if shapegen_tests::shared_dir().is_some() {
        cases.pass("ui/pass-shared/*.rs");
    }
}
