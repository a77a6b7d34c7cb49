//! Pretty-printing of generated code (for `build.rs`, the CLI and snapshots).

use proc_macro2::TokenStream;

/// Formats generated tokens as Rust source with prettyplease, under a "generated" header.
///
/// Returns the token text unformatted (still valid Rust) if it does not parse as a file,
/// which would be a generator bug.
pub fn format_tokens(tokens: &TokenStream, header: &str) -> String {
    let body = match syn2::parse2::<syn2::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => tokens.to_string(),
    };
    let mut out = String::with_capacity(body.len() + header.len() + 8);
    for line in header.lines() {
        out.push_str("// ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&body);
    out
}
