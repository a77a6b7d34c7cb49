//! A tolerant scan of a regular expression into a flat list of terms (atom + quantifier), with
//! what each single-character atom can match, over-approximated.
//!
//! It serves one purpose: proving that a possessive quantifier can be read as a greedy one
//! (`translate`). It therefore never has to be complete, only sound: a character set is allowed
//! to contain more characters than the atom matches (never fewer), and anything it does not
//! model is [`Atom::Other`], which proves nothing.

/// What a term matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Atom {
    /// Exactly one character, from this set (or a subset of it).
    Char(CharSet),
    /// `$`: the end of the input (patterns are never compiled in multiline mode).
    End,
    /// `(`, with whether it opens a look-behind (matched right to left).
    Open { lookbehind: bool },
    /// `)`.
    Close,
    /// `|`.
    Alternation,
    /// Anything else: `^`, `\b`, back-references…
    Other,
}

/// A quantifier after an atom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Quantifier {
    pub min: u32,
    /// `None`: unbounded.
    pub max: Option<u32>,
    /// The index (in chars) of a possessive `+` suffix, Java's syntax; ECMA-262 has none.
    pub possessive: Option<usize>,
}

/// An atom with its quantifier, and how deep in groups it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Term {
    pub atom: Atom,
    pub quantifier: Option<Quantifier>,
    /// Number of enclosing groups.
    pub depth: usize,
    /// Whether an enclosing group is a look-behind.
    pub in_lookbehind: bool,
}

/// Characters as sorted, non-overlapping inclusive ranges of code points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CharSet(Vec<(u32, u32)>);

impl CharSet {
    /// Every character.
    pub fn any() -> Self {
        Self(vec![(0, 0x10FFFF)])
    }

    fn from_ranges(mut ranges: Vec<(u32, u32)>) -> Self {
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        Self(merged)
    }

    fn single(c: u32) -> Self {
        Self(vec![(c, c)])
    }

    /// Whether no character is in both sets.
    pub fn is_disjoint(&self, other: &CharSet) -> bool {
        self.0
            .iter()
            .all(|&(lo, hi)| other.0.iter().all(|&(olo, ohi)| hi < olo || ohi < lo))
    }
}

/// The terms of `source`, or `None` when it cannot even be scanned (an unbalanced class or
/// group, a quantifier with nothing to repeat, a second quantifier in a row).
pub(super) fn scan(source: &str) -> Option<Vec<Term>> {
    Scanner {
        chars: source.chars().collect(),
        pos: 0,
        groups: Vec::new(),
        terms: Vec::new(),
    }
    .run()
}

struct Scanner {
    chars: Vec<char>,
    pos: usize,
    /// Open groups, innermost last: whether each is a look-behind.
    groups: Vec<bool>,
    terms: Vec<Term>,
}

const DIGITS: (u32, u32) = ('0' as u32, '9' as u32);

fn word_ranges() -> Vec<(u32, u32)> {
    vec![
        DIGITS,
        ('A' as u32, 'Z' as u32),
        ('_' as u32, '_' as u32),
        ('a' as u32, 'z' as u32),
    ]
}

/// What an escape (after `\`) stands for.
enum Escape {
    /// One character.
    Char(u32),
    /// A class of characters (over-approximated).
    Class(Vec<(u32, u32)>),
    /// Not a character: an assertion or a back-reference.
    Other,
}

impl Scanner {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn push(&mut self, atom: Atom) {
        self.terms.push(Term {
            atom,
            quantifier: None,
            depth: self.groups.len(),
            in_lookbehind: self.groups.iter().any(|&lookbehind| lookbehind),
        });
    }

    fn run(mut self) -> Option<Vec<Term>> {
        while let Some(c) = self.next_char() {
            match c {
                '(' => {
                    let lookbehind = self.group_prefix();
                    self.push(Atom::Open { lookbehind });
                    self.groups.push(lookbehind);
                }
                ')' => {
                    self.groups.pop()?;
                    self.push(Atom::Close);
                    self.quantifier()?;
                }
                '|' => self.push(Atom::Alternation),
                '^' => self.push(Atom::Other),
                '$' => {
                    self.push(Atom::End);
                    self.quantifier()?;
                }
                '[' => {
                    let set = self.class()?;
                    self.push(Atom::Char(set));
                    self.quantifier()?;
                }
                '.' => {
                    self.push(Atom::Char(CharSet::any()));
                    self.quantifier()?;
                }
                '\\' => {
                    let atom = match self.escape(false)? {
                        Escape::Char(c) => Atom::Char(CharSet::single(c)),
                        Escape::Class(ranges) => Atom::Char(CharSet::from_ranges(ranges)),
                        Escape::Other => Atom::Other,
                    };
                    self.push(atom);
                    self.quantifier()?;
                }
                '*' | '+' | '?' => return None,
                '{' if self.brace_quantifier_ahead() => return None,
                c => {
                    self.push(Atom::Char(CharSet::single(u32::from(c))));
                    self.quantifier()?;
                }
            }
        }
        self.groups.is_empty().then_some(self.terms)
    }

    fn next_char(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// After `(`: consumes `?:`, `?=`, `?!`, `?<=`, `?<!`, `?<name>` or `?flags:`; returns
    /// whether the group is a look-behind.
    fn group_prefix(&mut self) -> bool {
        if !self.eat('?') {
            return false;
        }
        if self.eat('<') {
            if self.eat('=') || self.eat('!') {
                return true;
            }
            while let Some(c) = self.next_char() {
                if c == '>' {
                    break;
                }
            }
            return false;
        }
        // `:`, `=`, `!` or modifier flags up to `:`.
        while let Some(c) = self.next_char() {
            if matches!(c, ':' | '=' | '!' | ')') {
                if c == ')' {
                    self.pos -= 1;
                }
                break;
            }
        }
        false
    }

    /// Whether a `{n}`, `{n,}` or `{n,m}` quantifier starts at the current position.
    fn brace_quantifier_ahead(&self) -> bool {
        self.parse_braces(self.pos).is_some()
    }

    /// Parses `{n}`, `{n,}` or `{n,m}` at `start` (which holds `{`): (min, max, end).
    fn parse_braces(&self, start: usize) -> Option<(u32, Option<u32>, usize)> {
        let mut pos = start;
        if self.chars.get(pos) != Some(&'{') {
            return None;
        }
        pos += 1;
        let number = |pos: &mut usize| -> Option<u32> {
            let begin = *pos;
            while self.chars.get(*pos).is_some_and(char::is_ascii_digit) {
                *pos += 1;
            }
            let digits: String = self.chars[begin..*pos].iter().collect();
            digits.parse().ok()
        };
        let min = number(&mut pos)?;
        let max = if self.chars.get(pos) == Some(&',') {
            pos += 1;
            if self.chars.get(pos) == Some(&'}') {
                None
            } else {
                Some(number(&mut pos)?)
            }
        } else {
            Some(min)
        };
        (self.chars.get(pos) == Some(&'}')).then_some((min, max, pos + 1))
    }

    /// Reads a quantifier (with a lazy `?` or possessive `+` suffix) after the last term.
    /// Fails on a second quantifier in a row.
    fn quantifier(&mut self) -> Option<()> {
        let (min, max, end) = match self.peek() {
            Some('*') => (0, None, self.pos + 1),
            Some('+') => (1, None, self.pos + 1),
            Some('?') => (0, Some(1), self.pos + 1),
            Some('{') => match self.parse_braces(self.pos) {
                Some(braces) => braces,
                None => return Some(()),
            },
            _ => return Some(()),
        };
        self.pos = end;
        let possessive = match self.peek() {
            Some('+') => Some(self.pos),
            _ => None,
        };
        if possessive.is_some() || self.peek() == Some('?') {
            self.pos += 1;
        }
        let repeated = matches!(self.peek(), Some('*' | '+' | '?'))
            || (self.peek() == Some('{') && self.brace_quantifier_ahead());
        if repeated {
            return None;
        }
        let term = self.terms.last_mut()?;
        term.quantifier = Some(Quantifier {
            min,
            max,
            possessive,
        });
        Some(())
    }

    /// After `[`: the class's characters, over-approximated (a negated class is every
    /// character).
    fn class(&mut self) -> Option<CharSet> {
        let negated = self.eat('^');
        let mut ranges = Vec::new();
        loop {
            let c = self.next_char()?;
            if c == ']' {
                break;
            }
            let low = match c {
                '\\' => self.escape(true)?,
                c => Escape::Char(u32::from(c)),
            };
            let Escape::Char(low) = low else {
                if let Escape::Class(class) = low {
                    ranges.extend(class);
                } else {
                    return Some(CharSet::any());
                }
                continue;
            };
            if self.peek() == Some('-') && self.chars.get(self.pos + 1) != Some(&']') {
                self.pos += 1;
                let high = match self.next_char()? {
                    '\\' => self.escape(true)?,
                    c => Escape::Char(u32::from(c)),
                };
                match high {
                    Escape::Char(high) if low <= high => ranges.push((low, high)),
                    Escape::Char(_) => return None,
                    // `a-\d`: Annex B reads the `-` literally.
                    Escape::Class(class) => {
                        ranges.extend(class);
                        ranges.push((low, low));
                        ranges.push(('-' as u32, '-' as u32));
                    }
                    Escape::Other => return Some(CharSet::any()),
                }
            } else {
                ranges.push((low, low));
            }
        }
        Some(if negated {
            CharSet::any()
        } else {
            CharSet::from_ranges(ranges)
        })
    }

    /// After `\`: what the escape stands for (`in_class`: `\b` is a backspace there).
    fn escape(&mut self, in_class: bool) -> Option<Escape> {
        let c = self.next_char()?;
        Some(match c {
            'd' => Escape::Class(vec![DIGITS]),
            'w' => Escape::Class(word_ranges()),
            // Whitespace and the negated classes: every character (a sound over-approximation).
            's' | 'D' | 'W' | 'S' => Escape::Class(CharSet::any().0),
            'p' | 'P' => {
                if self.eat('{') {
                    while self.next_char()? != '}' {}
                }
                Escape::Class(CharSet::any().0)
            }
            'b' if in_class => Escape::Char(0x08),
            'k' => {
                if self.eat('<') {
                    while self.next_char()? != '>' {}
                }
                Escape::Other
            }
            'b' | 'B' => Escape::Other,
            '1'..='9' => Escape::Other,
            '0' => Escape::Char(0),
            't' => Escape::Char(0x09),
            'n' => Escape::Char(0x0A),
            'v' => Escape::Char(0x0B),
            'f' => Escape::Char(0x0C),
            'r' => Escape::Char(0x0D),
            'x' => self.hex(2).map_or(Escape::Char('x' as u32), Escape::Char),
            'u' => match self.hex(4) {
                Some(code) => Escape::Char(code),
                None => Escape::Class(CharSet::any().0),
            },
            'c' => {
                if self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                    self.pos += 1;
                }
                Escape::Class(CharSet::any().0)
            }
            c => Escape::Char(u32::from(c)),
        })
    }

    /// Exactly `digits` hex digits, consumed only when all are there.
    fn hex(&mut self, digits: usize) -> Option<u32> {
        let text: String = self
            .chars
            .get(self.pos..self.pos + digits)?
            .iter()
            .collect();
        let value = u32::from_str_radix(&text, 16).ok()?;
        text.chars().all(|c| c.is_ascii_hexdigit()).then(|| {
            self.pos += digits;
            value
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(source: &str) -> CharSet {
        match &scan(source).unwrap()[0].atom {
            Atom::Char(set) => set.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn classes_are_ranges_of_code_points() {
        assert_eq!(set(r"[\/]"), CharSet::single('/' as u32));
        assert_eq!(
            set(r"[a-c0-9_-]"),
            CharSet::from_ranges(vec![(0x30, 0x39), (0x2D, 0x2D), (0x5F, 0x5F), (0x61, 0x63)])
        );
        assert_eq!(set(r"[^a]"), CharSet::any());
        assert_eq!(
            set(r"[\d\-]"),
            CharSet::from_ranges(vec![DIGITS, (0x2D, 0x2D)])
        );
        assert_eq!(set(r"\x41"), CharSet::single(0x41));
        assert!(set("[a-z]").is_disjoint(&set("[A-Z/]")));
        assert!(!set("[a-z]").is_disjoint(&set(r"\w")));
    }

    #[test]
    fn quantifiers_record_a_possessive_suffix() {
        let terms = scan(r"^[\/]?+a{2,3}+b*?(c)+$").unwrap();
        let quantifiers: Vec<Option<Quantifier>> = terms.iter().map(|t| t.quantifier).collect();
        let q = |min, max, possessive| {
            Some(Quantifier {
                min,
                max,
                possessive,
            })
        };
        assert_eq!(
            quantifiers,
            [
                None,
                q(0, Some(1), Some(6)),
                q(2, Some(3), Some(13)),
                q(0, None, None),
                None,
                None,
                q(1, None, None),
                None
            ]
        );
        assert_eq!(terms[5].depth, 1);
    }

    #[test]
    fn malformed_or_stacked_quantifiers_do_not_scan() {
        assert!(scan("a{11}{0,3}").is_none());
        assert!(scan("a**").is_none());
        assert!(scan("*a").is_none());
        assert!(scan("(a").is_none());
        assert!(scan("[a").is_none());
        assert!(scan("a)").is_none());
        assert!(
            scan("a{x}").is_some(),
            "a brace that is no quantifier is a literal"
        );
    }

    #[test]
    fn look_behind_groups_are_marked() {
        let terms = scan("(?<=a+)b(?<n>c)").unwrap();
        assert!(terms[1].in_lookbehind);
        assert!(!terms[3].in_lookbehind);
        assert!(!terms[5].in_lookbehind);
    }
}
