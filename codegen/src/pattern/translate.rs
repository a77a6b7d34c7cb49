//! Java-only syntax in `smithy.api#pattern` values, rewritten to exactly equivalent ECMA-262.
//!
//! Some published models carry patterns written for Java's `java.util.regex`, which ECMA-262
//! rejects. Two constructs have an exact ECMA-262 equivalent and are rewritten:
//!
//! * `(?s)` at the very start (or right after a leading `^`): Java's DOTALL for the whole
//!   pattern. It becomes an ECMA-262 (2025) modifier group around the whole pattern,
//!   `^(?s).+$` → `(?s:^.+$)`: the same `.`, and the same alternatives, since the group
//!   encloses every top-level `|`. `(?s)` anywhere else, and other inline flags (`(?i)` folds
//!   case differently in the two engines, `(?m)` knows different line terminators), are not
//!   rewritten.
//! * Possessive quantifiers (`?+ *+ ++ {n,m}+`) on a single-character atom (a literal, an
//!   escape or a class), read as the greedy quantifier, when that is provably the same
//!   language. A possessive quantifier never gives characters back; a greedy one does, when
//!   the rest of the pattern fails. So every string a possessive quantifier accepts, the
//!   greedy one accepts too, and the converse holds when giving back can never help:
//!   - a fixed count (`{n}+`): there is nothing to give back;
//!   - the atom ends the pattern (or a top-level alternative): the empty rest matches
//!     whatever the atom took;
//!   - the next term is `$`, or a single-character atom (repeated at least once) whose
//!     characters are disjoint from the quantified atom's: having given back `k` characters,
//!     the greedy match would have to continue at a character the quantified atom matched,
//!     which `$` or the next atom cannot match.
//!
//!   Inside a look-behind (matched right to left) nothing is proved. A possessive quantifier
//!   the rules cannot prove equivalent is not rewritten.
//!
//! Anything else ECMA-262 rejects is left alone: the caller reports it and does not enforce
//! the pattern.

use super::syntax::{self, Atom, Term};

/// The ECMA-262 equivalent of `source` when rewriting changed something; `None` when there
/// was nothing (exact) to rewrite. The result is not checked here: the caller compiles it.
pub(super) fn translate(source: &str) -> Option<String> {
    let (body, dot_all) = match (source.strip_prefix("(?s)"), source.strip_prefix("^(?s)")) {
        (Some(rest), _) => (rest.to_owned(), true),
        (None, Some(rest)) => (format!("^{rest}"), true),
        (None, None) => (source.to_owned(), false),
    };
    let body = greedy_possessives(&body).unwrap_or(body);
    let translated = if dot_all {
        format!("(?s:{body})")
    } else {
        body
    };
    (translated != source).then_some(translated)
}

/// `source` with every possessive suffix removed, or `None` when it cannot be scanned, has no
/// possessive quantifier, or has one not provably equivalent to the greedy quantifier.
fn greedy_possessives(source: &str) -> Option<String> {
    let terms = syntax::scan(source)?;
    let mut suffixes = Vec::new();
    for (index, term) in terms.iter().enumerate() {
        if let Some(at) = term.quantifier.and_then(|q| q.possessive) {
            if !possessive_is_greedy(&terms, index) {
                return None;
            }
            suffixes.push(at);
        }
    }
    if suffixes.is_empty() {
        return None;
    }
    let kept = source
        .chars()
        .enumerate()
        .filter(|(at, _)| !suffixes.contains(at))
        .map(|(_, c)| c);
    Some(kept.collect())
}

/// Whether the possessive quantifier of `terms[index]` accepts exactly what the greedy one
/// does (the rules in the module docs).
fn possessive_is_greedy(terms: &[Term], index: usize) -> bool {
    let term = &terms[index];
    let (Atom::Char(set), Some(quantifier)) = (&term.atom, term.quantifier) else {
        return false;
    };
    if quantifier.max == Some(quantifier.min) {
        return true;
    }
    if term.in_lookbehind {
        return false;
    }
    let Some(next) = terms.get(index + 1) else {
        return term.depth == 0;
    };
    match &next.atom {
        Atom::Alternation => term.depth == 0,
        Atom::End => next.quantifier.is_none(),
        Atom::Char(follow) => next.quantifier.is_none_or(|q| q.min >= 1) && set.is_disjoint(follow),
        Atom::Open { .. } | Atom::Close | Atom::Other => false,
    }
}

#[cfg(test)]
mod tests {
    use super::translate;

    #[test]
    fn leading_dot_all_becomes_a_modifier_group() {
        assert_eq!(translate("^(?s)").as_deref(), Some("(?s:^)"));
        assert_eq!(translate("^(?s).+$").as_deref(), Some("(?s:^.+$)"));
        assert_eq!(translate("(?s)a|b").as_deref(), Some("(?s:a|b)"));
        assert_eq!(translate("^a(?s)b"), None, "only at the start");
        assert_eq!(
            translate("^(?i)a"),
            None,
            "other flags differ between engines"
        );
    }

    #[test]
    fn possessive_quantifiers_become_greedy_when_provably_the_same() {
        // Lex Models V2: `/` is not in the class that follows.
        assert_eq!(
            translate(r"^[\/]?+[a-zA-Z0-9!_.*'()-]+(\/[a-zA-Z0-9!_.*'()-]+)*$").as_deref(),
            Some(r"^[\/]?[a-zA-Z0-9!_.*'()-]+(\/[a-zA-Z0-9!_.*'()-]+)*$")
        );
        // A fixed count gives nothing back.
        assert_eq!(
            translate(r"^[0-9A-Z]{2}+$").as_deref(),
            Some(r"^[0-9A-Z]{2}$")
        );
        assert_eq!(translate(r"^a*+$").as_deref(), Some(r"^a*$"));
        assert_eq!(translate(r"a++|b").as_deref(), Some(r"a+|b"));
        assert_eq!(translate(r"^\d{1,3}+:").as_deref(), Some(r"^\d{1,3}:"));
    }

    #[test]
    fn possessive_quantifiers_that_would_give_back_are_left_alone() {
        // `a*+a` never matches; `a*a` does.
        assert_eq!(translate("^a*+a"), None);
        assert_eq!(translate(r"^\w++_"), None);
        assert_eq!(translate("^a*+b?"), None, "the next atom may match nothing");
        assert_eq!(translate("(a*+)a"), None, "the group's end proves nothing");
        assert_eq!(
            translate("^(?:ab)*+$"),
            None,
            "a group is not a single character"
        );
        assert_eq!(
            translate("(?<=a*+)b"),
            None,
            "look-behinds match right to left"
        );
        assert_eq!(
            translate("^[^a]*+b"),
            None,
            "a negated class may hold anything"
        );
    }

    #[test]
    fn other_java_only_syntax_is_not_rewritten() {
        assert_eq!(translate(r"^[-_a-zA-Z0-9]*${2,64}$"), None);
        assert_eq!(translate("^[0-9a-zA-Z]{11}{0,1011}$"), None);
        assert_eq!(translate("^[a-z]+$"), None, "already ECMA-262");
    }
}
