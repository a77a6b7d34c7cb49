//! The benchmarks' command lines: an optional subcommand, then `--name value` pairs.

use std::fmt;
use std::str::FromStr;

/// A command line split into its parts, before each benchmark reads the names it knows.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// The first argument when it is not a flag (`server`, `client`).
    pub subcommand: Option<String>,
    /// `--name value` pairs in order, names without their `--`.
    pub pairs: Vec<(String, String)>,
    /// Whether `--help` or `-h` was given (the rest is then not read).
    pub help: bool,
}

/// Splits the arguments after the program name.
pub fn split(args: impl IntoIterator<Item = String>) -> Result<Flags, String> {
    let mut args = args.into_iter().peekable();
    let mut flags = Flags {
        subcommand: args.next_if(|arg| !arg.starts_with("--")),
        ..Flags::default()
    };
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            flags.help = true;
            return Ok(flags);
        }
        let name = flag
            .strip_prefix("--")
            .ok_or_else(|| format!("unexpected argument `{flag}`"))?
            .to_owned();
        let value = args
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value"))?;
        flags.pairs.push((name, value));
    }
    Ok(flags)
}

/// Reads the value of `--name` as a number above zero.
pub fn positive(name: &str, value: &str) -> Result<usize, String> {
    match value.parse() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("--{name}: `{value}` is not a positive number")),
    }
}

/// Reads the value of `--name` as a non-empty comma-separated list.
pub fn list<T: FromStr>(name: &str, value: &str) -> Result<Vec<T>, String>
where
    T::Err: fmt::Display,
{
    // `split` yields at least one item, so an empty value fails as an empty item.
    value
        .split(',')
        .map(|item| {
            item.trim()
                .parse()
                .map_err(|error| format!("--{name}: `{item}`: {error}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{list, positive, split};

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn subcommand_then_pairs() {
        let flags = split(args("server --page 100 --threads 2")).unwrap();
        assert_eq!(flags.subcommand.as_deref(), Some("server"));
        assert_eq!(
            flags.pairs,
            [
                ("page".into(), "100".into()),
                ("threads".into(), "2".into())
            ]
        );
        assert!(!flags.help);
        assert_eq!(split(args("--repetitions 3")).unwrap().subcommand, None);
    }

    #[test]
    fn help_and_errors() {
        assert!(split(args("--repetitions 3 --help")).unwrap().help);
        assert_eq!(
            split(args("--repetitions")).unwrap_err(),
            "`--repetitions` needs a value"
        );
        assert_eq!(
            split(args("--a 1 stray")).unwrap_err(),
            "unexpected argument `stray`"
        );
    }

    #[test]
    fn values_are_positive_numbers_and_lists() {
        assert_eq!(positive("requests", "7"), Ok(7));
        assert!(positive("requests", "0").is_err());
        assert!(positive("requests", "-1").is_err());
        assert_eq!(list::<usize>("callers", "1, 16"), Ok(vec![1, 16]));
        assert!(list::<usize>("callers", "1,x").is_err());
        assert!(list::<usize>("callers", "").is_err());
    }
}
