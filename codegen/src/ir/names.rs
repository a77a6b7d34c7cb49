//! Rust names for model names: case conversion, keywords, and collisions.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords that can be used as raw identifiers (`r#type`).
const RAW_OK_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static",
    "struct", "trait", "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "extern", "_"];

/// A `snake_case` Rust identifier for a member, method or module name.
///
/// Keywords become raw identifiers (`r#type`), except those that cannot be (`self_`). Any model
/// name gives a valid identifier: see [`ascii_words`].
pub fn snake(name: &str) -> String {
    let snake = ascii_words(name).to_snake_case();
    let snake = if snake.is_empty() || snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("v_{snake}")
    } else {
        snake
    };
    escape_keyword(snake)
}

/// An `UpperCamelCase` Rust identifier for a type or variant name; valid for any model name.
pub fn camel(name: &str) -> String {
    let camel = ascii_words(name).to_upper_camel_case();
    let camel = if camel.is_empty() || camel.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{camel}")
    } else {
        camel
    };
    escape_keyword(camel)
}

/// A type name taken as written when it already is a plain ASCII identifier (`GetAPIKey`
/// stays `GetAPIKey`), else converted like [`camel`] (`Do-It` becomes `DoIt`).
pub fn type_name(name: &str) -> String {
    let plain = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if plain {
        escape_keyword(name.to_owned())
    } else {
        camel(name)
    }
}

/// The words of a model name in ASCII, for case conversion: ASCII letters and digits are kept,
/// every other character separates words, and a non-ASCII character becomes a word of its
/// own spelling its code point (`m²` → `m u00b2`). Identifiers stay ASCII (no lint about
/// uncommon or confusable code points fires in users' crates), and distinct values stay
/// distinct.
fn ascii_words(name: &str) -> String {
    if name.is_ascii() {
        return name.to_owned();
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!(" u{:04x} ", u32::from(c)));
        }
    }
    out
}

/// Whether `text` is an identifier `proc_macro2::Ident::new` accepts (raw ones as `r#name`).
pub fn is_valid_ident(text: &str) -> bool {
    let plain = text.strip_prefix("r#").unwrap_or(text);
    let mut chars = plain.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic());
    starts_well
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && plain != "_"
        && !(text.starts_with("r#") && NON_RAW_KEYWORDS.contains(&plain))
}

fn escape_keyword(ident: String) -> String {
    if NON_RAW_KEYWORDS.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if RAW_OK_KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// The identifier without a raw prefix (`r#type` → `type`), for building derived names.
pub fn unraw(ident: &str) -> &str {
    ident.strip_prefix("r#").unwrap_or(ident)
}

/// Hands out names that are unique within one scope, in a deterministic order.
///
/// A name already taken gets the smallest numeric suffix that makes it unique (`name_2` for
/// snake case, `Name2` for camel case).
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Takes `ident` (already converted), or a suffixed variant if it is taken.
    pub fn claim(&mut self, ident: String) -> String {
        if self.taken.insert(unraw(&ident).to_owned()) {
            return ident;
        }
        let base = unraw(&ident).to_owned();
        let snake_style = base.starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
        (2..)
            .map(|n| {
                if snake_style {
                    format!("{base}_{n}")
                } else {
                    format!("{base}{n}")
                }
            })
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_escapes() {
        assert_eq!(snake("MeetingId"), "meeting_id");
        assert_eq!(snake("Type"), "r#type");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(snake("2fa"), "v_2fa");
        assert_eq!(camel("SEND_RECEIVE"), "SendReceive");
        assert_eq!(camel("us-east-1"), "UsEast1");
        assert_eq!(camel("Self"), "Self_");
        assert_eq!(camel("1080p"), "V1080p");
    }

    #[test]
    fn any_model_name_gives_a_valid_identifier() {
        for name in [
            "m²",
            "½",
            "٣",
            "Do-It",
            "ns#Missing",
            "smithy.api#Unit",
            "",
            "_",
            "__",
            "-",
            "é",
            "日本語",
            "a b",
            "r#type",
            "Self",
            "crate",
            "1",
            "\u{0}",
            "😀x",
            "x😀",
        ] {
            for ident in [snake(name), camel(name), type_name(name)] {
                assert!(is_valid_ident(&ident), "{name:?} gave {ident:?}");
            }
        }
        assert_eq!(camel("m²"), "MU00b2");
        assert_eq!(snake("m²"), "m_u00b2");
        assert_ne!(camel("m²"), camel("m³"));
        assert_eq!(camel("٣"), "U0663");
        assert_eq!(type_name("Do-It"), "DoIt");
        assert_eq!(type_name("GetAPIKey"), "GetAPIKey");
        assert_eq!(type_name("Self"), "Self_");
    }

    #[test]
    fn collisions_get_suffixes() {
        let mut scope = Scope::with_reserved(&["build"]);
        assert_eq!(scope.claim(snake("FooBar")), "foo_bar");
        assert_eq!(scope.claim(snake("fooBar")), "foo_bar_2");
        assert_eq!(scope.claim(snake("Build")), "build_2");
        let mut types = Scope::default();
        assert_eq!(types.claim(camel("FOO_BAR")), "FooBar");
        assert_eq!(types.claim(camel("FooBar")), "FooBar2");
    }
}
