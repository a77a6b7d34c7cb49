//! Terminal output: colours only when the stream is a terminal (via `anstream`).

use anstyle::{AnsiColor, Style};

pub const ERROR: Style = AnsiColor::Red.on_default().bold();
pub const WARN: Style = AnsiColor::Yellow.on_default().bold();
pub const OK: Style = AnsiColor::Green.on_default().bold();
pub const DIM: Style = Style::new().dimmed();
pub const BOLD: Style = Style::new().bold();

/// Prints `error: message` on standard error.
pub fn error(message: &str) {
    anstream::eprintln!("{ERROR}error{ERROR:#}: {message}");
}
