//! Generates the Chime client into `OUT_DIR/chime.rs` (formatted, so it can be read and
//! reviewed), instead of expanding a macro at each build.

fn main() {
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    shapegen_codegen::Generator::new("../../spec/chime.json")
        .operations(["BatchCreateAttendee"])
        .write_to(out_dir)
        .unwrap_or_else(|error| panic!("{error}"));
}
