//! Strict, zero-copy JSON pull reader.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use super::scan::find_special;

/// The deepest nesting of objects and arrays the reader accepts.
const MAX_DEPTH: u32 = 128;

/// An error found while reading JSON: where it is and what went wrong.
///
/// One pointer wide, so that the `Result`s every read returns stay small on the hot path.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonError(Box<ErrorAt>);

#[derive(Debug, Clone, PartialEq)]
struct ErrorAt {
    offset: usize,
    message: Cow<'static, str>,
}

impl JsonError {
    /// Creates an error at byte `offset` of the input.
    #[cold]
    pub fn new(offset: usize, message: impl Into<Cow<'static, str>>) -> Self {
        Self(Box::new(ErrorAt {
            offset,
            message: message.into(),
        }))
    }

    /// Byte offset in the input where the error was found.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    /// What went wrong, without the offset.
    pub fn message(&self) -> &str {
        &self.0.message
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.0.offset, self.0.message)
    }
}

impl std::error::Error for JsonError {}

/// The kind of the next JSON value, as told by its first byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array, `[...]`.
    Array,
    /// An object, `{...}`.
    Object,
}

/// A strict (RFC 8259) JSON pull reader over a UTF-8 buffer.
///
/// The caller walks the document by shape. Objects are read with
/// [`begin_object`](Self::begin_object) followed by
/// [`next_key`](Self::next_key) until it returns `None`, reading or
/// [skipping](Self::skip_value) each member's value in between; arrays with
/// [`begin_array`](Self::begin_array) followed by
/// [`next_element`](Self::next_element) until it returns `false`. Nesting
/// deeper than 128 levels is rejected.
///
/// Every method skips leading whitespace. After an error the reader's position
/// is unspecified and the document should be abandoned.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    input: &'a str,
    pos: usize,
    /// A container was just opened: no ',' is expected before its first entry.
    after_open: bool,
    depth: u32,
    /// Entries of the last map read at each depth (see [`map_size_hint`](Self::map_size_hint)).
    map_sizes: MapSizes,
}

/// The number of entries of the last map read at each depth, saturating at 255.
#[derive(Clone)]
struct MapSizes([u8; MAX_DEPTH as usize + 1]);

impl fmt::Debug for MapSizes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MapSizes")
    }
}

impl<'a> Reader<'a> {
    /// Creates a reader, checking once that `input` is UTF-8.
    pub fn new(input: &'a [u8]) -> Result<Self, JsonError> {
        let input = std::str::from_utf8(input)
            .map_err(|e| JsonError::new(e.valid_up_to(), "invalid UTF-8"))?;
        Ok(Self {
            input,
            pos: 0,
            after_open: false,
            depth: 0,
            map_sizes: MapSizes([0; MAX_DEPTH as usize + 1]),
        })
    }

    /// How many entries the last map read at the current depth held (0 if none was), as
    /// recorded by [`record_map_size`](Self::record_map_size).
    ///
    /// Replies repeat their shapes (a page of items with the same attributes), so this is a good
    /// first capacity for the next map here: it saves growing a hash map step by step, which
    /// re-hashes every key at each step. Call it before the map's `{`.
    #[inline]
    pub fn map_size_hint(&self) -> usize {
        self.map_sizes
            .0
            .get(self.depth as usize)
            .map_or(0, |&size| usize::from(size))
    }

    /// Records how many entries the map just read (its `}` consumed) held, for
    /// [`map_size_hint`](Self::map_size_hint).
    #[inline]
    pub fn record_map_size(&mut self, entries: usize) {
        if let Some(size) = self.map_sizes.0.get_mut(self.depth as usize) {
            *size = u8::try_from(entries).unwrap_or(u8::MAX);
        }
    }

    /// Whether only whitespace remains (restJson1 allows empty bodies).
    pub fn is_empty(&self) -> bool {
        self.rest().iter().all(|&b| is_whitespace(b))
    }

    /// Checks that only whitespace remains.
    pub fn finish(&mut self) -> Result<(), JsonError> {
        self.skip_whitespace();
        if self.pos < self.input.len() {
            return Err(self.unexpected("end of input"));
        }
        Ok(())
    }

    /// Current byte offset in the input.
    #[inline]
    pub fn offset(&self) -> usize {
        self.pos
    }

    /// Tells the kind of the next value without consuming it.
    ///
    /// Only the value's first byte is looked at; the value itself is checked
    /// when it is read.
    #[inline]
    pub fn peek(&mut self) -> Result<Kind, JsonError> {
        self.skip_whitespace();
        match self.byte() {
            Some(b'n') => Ok(Kind::Null),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b'"') => Ok(Kind::String),
            Some(b'[') => Ok(Kind::Array),
            Some(b'{') => Ok(Kind::Object),
            _ => Err(self.unexpected("a value")),
        }
    }

    /// Consumes the next value and returns `true` if it is `null`; otherwise
    /// leaves it in place and returns `false`.
    #[inline]
    pub fn try_null(&mut self) -> Result<bool, JsonError> {
        self.skip_whitespace();
        match self.byte() {
            None => Err(self.unexpected("a value")),
            Some(b'n') => {
                self.literal("null")?;
                Ok(true)
            }
            Some(_) => Ok(false),
        }
    }

    /// Consumes the `{` that opens an object.
    #[inline]
    pub fn begin_object(&mut self) -> Result<(), JsonError> {
        self.skip_whitespace();
        if self.byte() != Some(b'{') {
            return Err(self.unexpected("an object"));
        }
        self.open()
    }

    /// Moves to the next member of the current object.
    ///
    /// Returns the member's key with the following `:` consumed, so that the
    /// reader sits before the value, or `None` once the closing `}` has been
    /// consumed.
    #[inline]
    pub fn next_key(&mut self) -> Result<Option<Cow<'a, str>>, JsonError> {
        self.skip_whitespace();
        if self.after_open {
            self.after_open = false;
            match self.byte() {
                Some(b'}') => {
                    self.close();
                    return Ok(None);
                }
                Some(b'"') => {}
                _ => return Err(self.unexpected("a string key or '}'")),
            }
        } else {
            match self.byte() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.byte() != Some(b'"') {
                        return Err(self.unexpected("a string key after ','"));
                    }
                }
                Some(b'}') => {
                    self.close();
                    return Ok(None);
                }
                _ => return Err(self.unexpected("',' or '}' after an object member")),
            }
        }
        let key = self.string_at_quote()?;
        self.colon()?;
        Ok(Some(key))
    }

    /// Consumes the `[` that opens an array.
    #[inline]
    pub fn begin_array(&mut self) -> Result<(), JsonError> {
        self.skip_whitespace();
        if self.byte() != Some(b'[') {
            return Err(self.unexpected("an array"));
        }
        self.open()
    }

    /// Moves to the next element of the current array.
    ///
    /// Returns `true` when an element follows (the separating `,` consumed),
    /// or `false` once the closing `]` has been consumed.
    #[inline]
    pub fn next_element(&mut self) -> Result<bool, JsonError> {
        self.skip_whitespace();
        if self.after_open {
            self.after_open = false;
            if self.byte() == Some(b']') {
                self.close();
                return Ok(false);
            }
            return Ok(true);
        }
        match self.byte() {
            Some(b',') => {
                self.pos += 1;
                self.skip_whitespace();
                if self.byte() == Some(b']') {
                    return Err(self.unexpected("a value after ','"));
                }
                Ok(true)
            }
            Some(b']') => {
                self.close();
                Ok(false)
            }
            _ => Err(self.unexpected("',' or ']' after an array element")),
        }
    }

    /// Reads a string, borrowed from the input when it has no escapes.
    #[inline]
    pub fn read_str(&mut self) -> Result<Cow<'a, str>, JsonError> {
        self.skip_whitespace();
        if self.byte() != Some(b'"') {
            return Err(self.unexpected("a string"));
        }
        self.string_at_quote()
    }

    /// Reads a string into an owned `String`.
    #[inline]
    pub fn read_string(&mut self) -> Result<String, JsonError> {
        self.read_str().map(Cow::into_owned)
    }

    /// Reads `true` or `false`.
    pub fn read_bool(&mut self) -> Result<bool, JsonError> {
        self.skip_whitespace();
        if self.rest().starts_with(b"true") {
            self.pos += 4;
            Ok(true)
        } else if self.rest().starts_with(b"false") {
            self.pos += 5;
            Ok(false)
        } else {
            Err(self.unexpected("a boolean"))
        }
    }

    /// Reads an integer that fits in an `i8`.
    ///
    /// Like all integer reads, a number written with a fraction or exponent
    /// is accepted when its value is an integer in range (`1.0`, `1e2`).
    pub fn read_i8(&mut self) -> Result<i8, JsonError> {
        self.read_integer("i8")
    }

    /// Reads an integer that fits in an `i16`.
    pub fn read_i16(&mut self) -> Result<i16, JsonError> {
        self.read_integer("i16")
    }

    /// Reads an integer that fits in an `i32`.
    pub fn read_i32(&mut self) -> Result<i32, JsonError> {
        self.read_integer("i32")
    }

    /// Reads an integer that fits in an `i64`.
    pub fn read_i64(&mut self) -> Result<i64, JsonError> {
        self.read_integer("i64")
    }

    /// Reads a finite number, or one of the strings `"NaN"`, `"Infinity"` and
    /// `"-Infinity"`.
    ///
    /// A number too large for `f64` (such as `1e400`) is an error rather than
    /// infinity.
    pub fn read_f64(&mut self) -> Result<f64, JsonError> {
        self.read_float("f64", [f64::NAN, f64::INFINITY, f64::NEG_INFINITY], |v| {
            v.is_finite()
        })
    }

    /// Reads a number as an `f32`, rounded once from its decimal text; the
    /// same rules as [`read_f64`](Self::read_f64) apply.
    pub fn read_f32(&mut self) -> Result<f32, JsonError> {
        self.read_float("f32", [f32::NAN, f32::INFINITY, f32::NEG_INFINITY], |v| {
            v.is_finite()
        })
    }

    /// Reads a number and returns its text, checked against the JSON grammar
    /// but not converted (for big integers and big decimals).
    pub fn read_number_text(&mut self) -> Result<&'a str, JsonError> {
        self.skip_whitespace();
        self.scan_number("a number").map(|(text, _)| text)
    }

    /// Skips the next value, checking that it is well formed.
    ///
    /// Works without recursion; nesting counts towards the depth limit.
    pub fn skip_value(&mut self) -> Result<(), JsonError> {
        // Bit `i` is set when the container at local level `i` is an object.
        // The depth limit keeps the level below 128.
        let mut objects: u128 = 0;
        let mut level: u32 = 0;
        loop {
            self.skip_whitespace();
            match self.byte() {
                Some(open @ (b'{' | b'[')) => {
                    self.open()?;
                    self.after_open = false;
                    let bit = 1u128.checked_shl(level).unwrap_or(0);
                    if open == b'{' {
                        objects |= bit;
                    } else {
                        objects &= !bit;
                    }
                    level += 1;
                    self.skip_whitespace();
                    let close = if open == b'{' { b'}' } else { b']' };
                    if self.byte() == Some(close) {
                        self.close();
                        level -= 1;
                    } else {
                        if open == b'{' {
                            self.skip_member_key()?;
                        }
                        continue;
                    }
                }
                Some(b'"') => self.skip_string_at_quote()?,
                Some(b't') => self.literal("true")?,
                Some(b'f') => self.literal("false")?,
                Some(b'n') => self.literal("null")?,
                Some(b'-' | b'0'..=b'9') => {
                    self.scan_number("a value")?;
                }
                _ => return Err(self.unexpected("a value")),
            }
            // A value is complete: close containers until a ',' leads to the
            // next value, or the outermost one is done.
            loop {
                if level == 0 {
                    return Ok(());
                }
                self.skip_whitespace();
                let in_object = objects.checked_shr(level - 1).unwrap_or(0) & 1 == 1;
                match (self.byte(), in_object) {
                    (Some(b','), true) => {
                        self.pos += 1;
                        self.skip_member_key()?;
                        break;
                    }
                    (Some(b','), false) => {
                        self.pos += 1;
                        break;
                    }
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        self.close();
                        level -= 1;
                    }
                    (_, true) => {
                        return Err(self.unexpected("',' or '}' after an object member"));
                    }
                    (_, false) => {
                        return Err(self.unexpected("',' or ']' after an array element"));
                    }
                }
            }
        }
    }

    // ---- position and error helpers ----

    /// The unread input.
    #[inline]
    fn rest(&self) -> &'a [u8] {
        self.input.as_bytes().get(self.pos..).unwrap_or_default()
    }

    /// The byte at the current position.
    #[inline]
    fn byte(&self) -> Option<u8> {
        self.input.as_bytes().get(self.pos).copied()
    }

    #[inline]
    fn skip_whitespace(&mut self) {
        while self.byte().is_some_and(is_whitespace) {
            self.pos += 1;
        }
    }

    /// The input from byte `start` to byte `end`, both next to ASCII bytes.
    #[inline]
    fn slice(&self, start: usize, end: usize) -> Result<&'a str, JsonError> {
        self.input
            .get(start..end)
            .ok_or_else(|| JsonError::new(start, "invalid UTF-8"))
    }

    /// An error at the current position: `expected {expected}, found ...`.
    #[cold]
    fn unexpected(&self, expected: &str) -> JsonError {
        self.unexpected_at(self.pos, expected)
    }

    #[cold]
    fn unexpected_at(&self, pos: usize, expected: &str) -> JsonError {
        JsonError::new(
            pos,
            format!("expected {expected}, found {}", self.describe(pos)),
        )
    }

    /// Describes the token at `pos` for an error message by its kind only: reply bodies may
    /// carry secrets, so their content is never quoted (structural characters are).
    fn describe(&self, pos: usize) -> Cow<'static, str> {
        let rest = self.input.get(pos..).unwrap_or_default();
        let Some(c) = rest.chars().next() else {
            return Cow::Borrowed("end of input");
        };
        let word = |w: &str| {
            rest.starts_with(w) && !rest[w.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        };
        Cow::Borrowed(match c {
            '"' => "a string",
            '-' | '0'..='9' => "a number",
            _ if word("true") => "'true'",
            _ if word("false") => "'false'",
            _ if word("null") => "'null'",
            c if c.is_alphanumeric() => "a bare word",
            '{' => "'{'",
            '}' => "'}'",
            '[' => "'['",
            ']' => "']'",
            ',' => "','",
            ':' => "':'",
            c if c.is_control() => "a control character",
            _ => "an unexpected character",
        })
    }

    // ---- structure ----

    /// Consumes the opening byte of a container, checking the depth limit.
    #[inline]
    fn open(&mut self) -> Result<(), JsonError> {
        if self.depth >= MAX_DEPTH {
            return Err(JsonError::new(self.pos, "nesting too deep"));
        }
        self.depth += 1;
        self.pos += 1;
        self.after_open = true;
        Ok(())
    }

    /// Consumes the closing byte of a container.
    #[inline]
    fn close(&mut self) {
        self.pos += 1;
        self.depth = self.depth.saturating_sub(1);
    }

    /// Consumes the `:` after an object key.
    #[inline]
    fn colon(&mut self) -> Result<(), JsonError> {
        self.skip_whitespace();
        if self.byte() != Some(b':') {
            return Err(self.unexpected("':' after an object key"));
        }
        self.pos += 1;
        Ok(())
    }

    /// Skips an object key and its `:`.
    fn skip_member_key(&mut self) -> Result<(), JsonError> {
        self.skip_whitespace();
        if self.byte() != Some(b'"') {
            return Err(self.unexpected("a string key"));
        }
        self.skip_string_at_quote()?;
        self.colon()
    }

    /// Consumes the literal `word` (`true`, `false` or `null`).
    fn literal(&mut self, word: &str) -> Result<(), JsonError> {
        if !self.rest().starts_with(word.as_bytes()) {
            return Err(self.unexpected("a value"));
        }
        self.pos += word.len();
        Ok(())
    }

    // ---- strings ----

    /// Reads the string whose opening quote is at the current position.
    #[inline]
    fn string_at_quote(&mut self) -> Result<Cow<'a, str>, JsonError> {
        let bytes = self.input.as_bytes();
        let start = self.pos + 1;
        let i = find_special(bytes, start);
        if let Some(&b) = bytes.get(i) {
            return match b {
                b'"' => {
                    let s = self.slice(start, i)?;
                    self.pos = i + 1;
                    Ok(Cow::Borrowed(s))
                }
                b'\\' => self.string_with_escapes(start, i).map(Cow::Owned),
                _ => Err(control_character(i, b)),
            };
        }
        Err(self.unterminated_string())
    }

    /// Finishes reading a string from its first escape at `i`; the string's
    /// content starts at `start`.
    fn string_with_escapes(&mut self, start: usize, mut i: usize) -> Result<String, JsonError> {
        let bytes = self.input.as_bytes();
        let mut out = String::with_capacity(i - start + 16);
        let mut run = start;
        loop {
            i = find_special(bytes, i);
            let Some(&b) = bytes.get(i) else {
                break;
            };
            out.push_str(self.slice(run, i)?);
            match b {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(out);
                }
                b'\\' => {
                    let (c, next) = self.escape(i)?;
                    out.push(c);
                    i = next;
                    run = i;
                }
                _ => return Err(control_character(i, b)),
            }
        }
        Err(self.unterminated_string())
    }

    /// Checks the string whose opening quote is at the current position and
    /// moves past it without decoding it.
    fn skip_string_at_quote(&mut self) -> Result<(), JsonError> {
        let bytes = self.input.as_bytes();
        let mut i = self.pos + 1;
        loop {
            i = find_special(bytes, i);
            let Some(&b) = bytes.get(i) else {
                break;
            };
            match b {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(());
                }
                b'\\' => i = self.escape(i)?.1,
                _ => return Err(control_character(i, b)),
            }
        }
        Err(self.unterminated_string())
    }

    fn unterminated_string(&self) -> JsonError {
        self.unexpected_at(self.input.len(), "'\"' to close the string")
    }

    /// Decodes the escape sequence whose `\` is at `i`; returns the character
    /// and the index just past the sequence.
    fn escape(&self, i: usize) -> Result<(char, usize), JsonError> {
        let c = match self.input.as_bytes().get(i + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(i),
            Some(_) => return Err(JsonError::new(i, "invalid escape sequence in string")),
            None => return Err(self.unterminated_string()),
        };
        Ok((c, i + 2))
    }

    /// Decodes a `\uXXXX` escape at `i`, joining a surrogate pair.
    fn unicode_escape(&self, i: usize) -> Result<(char, usize), JsonError> {
        let first = self.hex4(i + 2)?;
        let (code, next) = match first {
            0xD800..=0xDBFF => {
                let bytes = self.input.as_bytes();
                let low = if bytes.get(i + 6) == Some(&b'\\') && bytes.get(i + 7) == Some(&b'u') {
                    Some(self.hex4(i + 8)?)
                } else {
                    None
                };
                match low {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        (0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00), i + 12)
                    }
                    _ => {
                        return Err(JsonError::new(
                            i,
                            "lone surrogate in a \\u escape: expected a \\uDC00-\\uDFFF escape to follow",
                        ));
                    }
                }
            }
            0xDC00..=0xDFFF => {
                return Err(JsonError::new(i, "lone surrogate in a \\u escape"));
            }
            _ => (first, i + 6),
        };
        char::from_u32(code)
            .map(|c| (c, next))
            .ok_or_else(|| JsonError::new(i, "invalid \\u escape in string"))
    }

    /// Reads the four hex digits at `i`.
    fn hex4(&self, i: usize) -> Result<u32, JsonError> {
        let bytes = self.input.as_bytes();
        let digits = bytes.get(i..bytes.len().min(i + 4)).unwrap_or_default();
        let mut value = 0;
        for (k, &b) in digits.iter().enumerate() {
            let digit = char::from(b)
                .to_digit(16)
                .ok_or_else(|| JsonError::new(i + k, "expected a hex digit in a \\u escape"))?;
            value = value * 16 + digit;
        }
        if digits.len() < 4 {
            return Err(JsonError::new(
                i + digits.len(),
                "expected a hex digit in a \\u escape",
            ));
        }
        Ok(value)
    }

    // ---- numbers ----

    /// Scans a number at the current position against the JSON grammar.
    ///
    /// Returns its text and whether it is written as an integer (no fraction
    /// or exponent). `expected` names what a non-number is reported as.
    fn scan_number(&mut self, expected: &str) -> Result<(&'a str, bool), JsonError> {
        let bytes = self.input.as_bytes();
        let start = self.pos;
        let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
        let mut i = start;
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        match bytes.get(i) {
            Some(b'0') => {
                i += 1;
                if digit_at(i) {
                    return Err(JsonError::new(
                        start,
                        "leading zeros are not allowed in numbers",
                    ));
                }
            }
            Some(b'1'..=b'9') => {
                while digit_at(i) {
                    i += 1;
                }
            }
            _ if i == start => return Err(self.unexpected(expected)),
            _ => return Err(self.unexpected_at(i, "a digit after '-'")),
        }
        let mut integral = true;
        if bytes.get(i) == Some(&b'.') {
            integral = false;
            i += 1;
            if !digit_at(i) {
                return Err(self.unexpected_at(i, "a digit after '.'"));
            }
            while digit_at(i) {
                i += 1;
            }
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            integral = false;
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            if !digit_at(i) {
                return Err(self.unexpected_at(i, "a digit in the exponent"));
            }
            while digit_at(i) {
                i += 1;
            }
        }
        let text = self.slice(start, i)?;
        self.pos = i;
        Ok((text, integral))
    }

    fn read_integer<T: FromStr>(&mut self, type_name: &str) -> Result<T, JsonError> {
        self.skip_whitespace();
        let start = self.pos;
        let (text, integral) = self.scan_number("an integer")?;
        let parsed = if integral {
            text.parse().ok()
        } else {
            match integer_value(text) {
                IntegerValue::Digits(digits) => digits.parse().ok(),
                IntegerValue::Huge => None,
                IntegerValue::Fraction => {
                    return Err(JsonError::new(
                        start,
                        "expected an integer, found a number with a fraction",
                    ));
                }
            }
        };
        parsed.ok_or_else(|| JsonError::new(start, format!("number out of range for {type_name}")))
    }

    /// Reads a float of type `T`; `special` holds NaN, infinity and negative
    /// infinity, which arrive as strings.
    fn read_float<T: FromStr + Copy>(
        &mut self,
        type_name: &str,
        special: [T; 3],
        is_finite: impl Fn(T) -> bool,
    ) -> Result<T, JsonError> {
        self.skip_whitespace();
        let start = self.pos;
        if self.byte() == Some(b'"') {
            let s = self.string_at_quote()?;
            return match &*s {
                "NaN" => Ok(special[0]),
                "Infinity" => Ok(special[1]),
                "-Infinity" => Ok(special[2]),
                _ => Err(JsonError::new(
                    start,
                    "expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", found another string",
                )),
            };
        }
        let (text, _) = self.scan_number("a number")?;
        match text.parse::<T>() {
            Ok(v) if is_finite(v) => Ok(v),
            _ => Err(JsonError::new(
                start,
                format!("number out of range for {type_name}"),
            )),
        }
    }
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

fn control_character(i: usize, b: u8) -> JsonError {
    JsonError::new(
        i,
        format!("control character U+{b:04X} in string must be escaped"),
    )
}

/// The value of a JSON number that has a fraction or exponent, as seen by an
/// integer read.
#[derive(Debug, PartialEq)]
enum IntegerValue {
    /// An integer, as optional '-' and decimal digits.
    Digits(String),
    /// An integer too large for any integer type.
    Huge,
    /// Not an integer.
    Fraction,
}

/// Works out exactly whether grammar-checked number `text` is an integer.
fn integer_value(text: &str) -> IntegerValue {
    let (negative, body) = match text.strip_prefix('-') {
        Some(body) => (true, body),
        None => (false, text),
    };
    let (mantissa, exponent) = body.split_once(['e', 'E']).unwrap_or((body, "0"));
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let (exp_negative, exp_digits) = match exponent.as_bytes().first() {
        Some(b'-') => (true, exponent.get(1..).unwrap_or_default()),
        Some(b'+') => (false, exponent.get(1..).unwrap_or_default()),
        _ => (false, exponent),
    };
    let mut exp: i64 = 0;
    for b in exp_digits.bytes() {
        exp = exp
            .saturating_mul(10)
            .saturating_add(i64::from(b.wrapping_sub(b'0')));
    }
    if exp_negative {
        exp = -exp;
    }
    // value = digits * 10^scale
    let mut digits: Vec<u8> = int_part
        .bytes()
        .chain(frac_part.bytes())
        .skip_while(|&b| b == b'0')
        .collect();
    if digits.is_empty() {
        return IntegerValue::Digits("0".to_owned());
    }
    let frac_len = i64::try_from(frac_part.len()).unwrap_or(i64::MAX);
    let scale = exp.saturating_sub(frac_len);
    if scale >= 0 {
        // Far more digits than any integer type holds.
        let len = i64::try_from(digits.len()).unwrap_or(i64::MAX);
        if len.saturating_add(scale) > 40 {
            return IntegerValue::Huge;
        }
        digits.resize(digits.len() + usize::try_from(scale).unwrap_or(0), b'0');
    } else {
        let cut = usize::try_from(scale.unsigned_abs()).unwrap_or(usize::MAX);
        if cut >= digits.len() {
            return IntegerValue::Fraction;
        }
        let keep = digits.len() - cut;
        if digits
            .get(keep..)
            .unwrap_or_default()
            .iter()
            .any(|&b| b != b'0')
        {
            return IntegerValue::Fraction;
        }
        digits.truncate(keep);
    }
    let mut out = String::with_capacity(digits.len() + 1);
    if negative {
        out.push('-');
    }
    out.extend(digits.iter().map(|&b| char::from(b)));
    IntegerValue::Digits(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(s: &str) -> Reader<'_> {
        Reader::new(s.as_bytes()).unwrap()
    }

    /// Runs `f` on a reader over `s`, then checks that only whitespace remains.
    fn read<'a, T>(
        s: &'a str,
        f: impl FnOnce(&mut Reader<'a>) -> Result<T, JsonError>,
    ) -> Result<T, JsonError> {
        let mut r = Reader::new(s.as_bytes())?;
        let v = f(&mut r)?;
        r.finish()?;
        Ok(v)
    }

    #[track_caller]
    fn err<T: fmt::Debug>(result: Result<T, JsonError>) -> JsonError {
        match result {
            Ok(v) => panic!("expected an error, got {v:?}"),
            Err(e) => e,
        }
    }

    fn skip(s: &str) -> Result<(), JsonError> {
        read(s, |r| r.skip_value())
    }

    #[test]
    fn error_display_and_accessors() {
        let e = JsonError::new(7, "boom");
        assert_eq!(e.offset(), 7);
        assert_eq!(e.message(), "boom");
        assert_eq!(e.to_string(), "at byte 7: boom");
        let e2 = JsonError::new(7, String::from("boom"));
        assert_eq!(e, e2);
        let _: &dyn std::error::Error = &e;
    }

    #[test]
    fn invalid_utf8_reports_offset() {
        let e = Reader::new(b"\"ab\xffc\"").unwrap_err();
        assert_eq!(e.offset(), 3);
        assert_eq!(e.message(), "invalid UTF-8");
        let e = Reader::new(b"[\"\xe2\x82\"]").unwrap_err();
        assert_eq!(e.offset(), 2);
    }

    #[test]
    fn empty_and_finish() {
        let mut r = reader("  \n\t\r ");
        assert!(r.is_empty());
        r.finish().unwrap();
        assert_eq!(r.offset(), 6);

        let mut r = reader(" 1 x");
        assert!(!r.is_empty());
        assert_eq!(r.read_i32().unwrap(), 1);
        assert!(!r.is_empty());
        let e = r.finish().unwrap_err();
        assert_eq!(e.offset(), 3);
        assert_eq!(e.message(), "expected end of input, found a bare word");

        let e = err(read("{} {}", |r| r.skip_value()));
        assert_eq!(e.offset(), 3);
        assert_eq!(e.message(), "expected end of input, found '{'");

        let mut r = reader("");
        assert!(r.is_empty());
        assert_eq!(
            r.peek().unwrap_err().message(),
            "expected a value, found end of input"
        );
    }

    #[test]
    fn peek_kinds() {
        for (s, kind) in [
            ("null", Kind::Null),
            (" true", Kind::Bool),
            ("false", Kind::Bool),
            ("-1", Kind::Number),
            ("0", Kind::Number),
            ("\"x\"", Kind::String),
            ("[]", Kind::Array),
            ("\n{}", Kind::Object),
        ] {
            let mut r = reader(s);
            assert_eq!(r.peek().unwrap(), kind, "{s}");
            // peek does not consume
            assert_eq!(r.peek().unwrap(), kind, "{s}");
            r.skip_value().unwrap();
            r.finish().unwrap();
        }
        let e = reader("  +1").peek().unwrap_err();
        assert_eq!(e.offset(), 2);
        assert_eq!(
            e.message(),
            "expected a value, found an unexpected character"
        );
        let e = reader("]").peek().unwrap_err();
        assert_eq!(e.message(), "expected a value, found ']'");
    }

    #[test]
    fn map_size_hints_are_kept_per_depth() {
        let mut r = reader(r#"{"a":{"b":{}}}"#);
        assert_eq!(r.map_size_hint(), 0);
        r.record_map_size(3);
        assert_eq!(r.map_size_hint(), 3);
        r.begin_object().unwrap();
        assert_eq!(r.map_size_hint(), 0, "depth 1 has its own");
        r.record_map_size(1000);
        assert_eq!(r.map_size_hint(), 255, "saturates");
        assert!(r.next_key().unwrap().is_some());
        r.skip_value().unwrap();
        assert!(r.next_key().unwrap().is_none());
        assert_eq!(r.map_size_hint(), 3, "back at depth 0");

        // Every depth the reader accepts has a slot.
        let deep = format!("{}1{}", "[".repeat(128), "]".repeat(128));
        let mut r = reader(&deep);
        for _ in 0..128 {
            r.begin_array().unwrap();
            assert!(r.next_element().unwrap());
        }
        r.record_map_size(7);
        assert_eq!(r.map_size_hint(), 7);
    }

    #[test]
    fn try_null() {
        let mut r = reader(" null ");
        assert!(r.try_null().unwrap());
        r.finish().unwrap();

        let mut r = reader(" 1");
        assert!(!r.try_null().unwrap());
        assert_eq!(r.read_i32().unwrap(), 1);

        assert_eq!(
            reader("nul").try_null().unwrap_err().message(),
            "expected a value, found a bare word"
        );
        assert_eq!(
            reader(" ").try_null().unwrap_err().message(),
            "expected a value, found end of input"
        );
        // `nullx` is consumed as null; the rest is caught by the caller.
        let mut r = reader("nullx");
        assert!(r.try_null().unwrap());
        assert!(r.finish().is_err());
    }

    #[test]
    fn objects() {
        let mut r = reader(r#" { "a" : 1 , "b\n":"x", "c": {"d": []} } "#);
        r.begin_object().unwrap();
        assert_eq!(r.next_key().unwrap().as_deref(), Some("a"));
        assert_eq!(r.read_i64().unwrap(), 1);
        let key = r.next_key().unwrap().unwrap();
        assert!(matches!(key, Cow::Owned(_)));
        assert_eq!(key, "b\n");
        let value = r.read_str().unwrap();
        assert!(matches!(value, Cow::Borrowed("x")));
        assert_eq!(r.next_key().unwrap().as_deref(), Some("c"));
        r.begin_object().unwrap();
        assert_eq!(r.next_key().unwrap().as_deref(), Some("d"));
        r.begin_array().unwrap();
        assert!(!r.next_element().unwrap());
        assert_eq!(r.next_key().unwrap(), None);
        assert_eq!(r.next_key().unwrap(), None);
        r.finish().unwrap();

        let mut r = reader("{}");
        r.begin_object().unwrap();
        assert_eq!(r.next_key().unwrap(), None);
        r.finish().unwrap();
    }

    fn read_object(s: &str) -> Result<Vec<(String, i64)>, JsonError> {
        read(s, |r| {
            let mut out = Vec::new();
            r.begin_object()?;
            while let Some(k) = r.next_key()? {
                out.push((k.into_owned(), r.read_i64()?));
            }
            Ok(out)
        })
    }

    #[test]
    fn object_errors() {
        let cases = [
            ("[]", 0, "expected an object, found '['"),
            ("", 0, "expected an object, found end of input"),
            (
                r#"{"a":1,}"#,
                7,
                "expected a string key after ',', found '}'",
            ),
            (
                r#"{"a":1 "b":2}"#,
                7,
                "expected ',' or '}' after an object member, found a string",
            ),
            (
                r#"{"a" 1}"#,
                5,
                "expected ':' after an object key, found a number",
            ),
            (r#"{"a"}"#, 4, "expected ':' after an object key, found '}'"),
            (r#"{,"a":1}"#, 1, "expected a string key or '}', found ','"),
            (
                r#"{a:1}"#,
                1,
                "expected a string key or '}', found a bare word",
            ),
            (
                r#"{1:1}"#,
                1,
                "expected a string key or '}', found a number",
            ),
            (
                r#"{"a":1"#,
                6,
                "expected ',' or '}' after an object member, found end of input",
            ),
            (
                r#"{"a":1]"#,
                6,
                "expected ',' or '}' after an object member, found ']'",
            ),
            (r#"{"a":}"#, 5, "expected an integer, found '}'"),
            ("{", 1, "expected a string key or '}', found end of input"),
        ];
        for (s, offset, message) in cases {
            let e = read_object(s).expect_err(s);
            assert_eq!((e.offset(), e.message()), (offset, message), "{s}");
            if s != "[]" {
                assert!(skip(s).is_err(), "{s}");
            }
        }
        assert_eq!(
            read_object(r#"{"a":1,"b":-2}"#).unwrap(),
            [("a".to_owned(), 1), ("b".to_owned(), -2)]
        );
    }

    fn read_array(s: &str) -> Result<Vec<i64>, JsonError> {
        read(s, |r| {
            let mut out = Vec::new();
            r.begin_array()?;
            while r.next_element()? {
                out.push(r.read_i64()?);
            }
            Ok(out)
        })
    }

    #[test]
    fn arrays() {
        assert_eq!(read_array("[]").unwrap(), Vec::<i64>::new());
        assert_eq!(read_array(" [ 1 , 2,3 ] ").unwrap(), [1, 2, 3]);

        // Nested arrays of arrays.
        let v = read("[[1],[],[2,3]]", |r| {
            let mut out = Vec::new();
            r.begin_array()?;
            while r.next_element()? {
                let mut inner = Vec::new();
                r.begin_array()?;
                while r.next_element()? {
                    inner.push(r.read_i32()?);
                }
                out.push(inner);
            }
            Ok(out)
        })
        .unwrap();
        assert_eq!(v, vec![vec![1], vec![], vec![2, 3]]);
    }

    #[test]
    fn array_errors() {
        let cases = [
            ("{}", 0, "expected an array, found '{'"),
            ("[1,]", 3, "expected a value after ',', found ']'"),
            (
                "[1 2]",
                3,
                "expected ',' or ']' after an array element, found a number",
            ),
            (
                "[1",
                2,
                "expected ',' or ']' after an array element, found end of input",
            ),
            (
                "[1}",
                2,
                "expected ',' or ']' after an array element, found '}'",
            ),
            ("[,1]", 1, "expected an integer, found ','"),
            ("[", 1, "expected an integer, found end of input"),
        ];
        for (s, offset, message) in cases {
            let e = read_array(s).expect_err(s);
            assert_eq!((e.offset(), e.message()), (offset, message), "{s}");
            if s != "{}" {
                assert!(skip(s).is_err(), "{s}");
            }
        }
    }

    #[test]
    fn depth_limit() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        skip(&nested(128)).unwrap();
        let e = err(skip(&nested(129)));
        assert_eq!((e.offset(), e.message()), (128, "nesting too deep"));

        let objects = |n: usize| format!("{}1{}", r#"{"a":"#.repeat(n), "}".repeat(n));
        skip(&objects(128)).unwrap();
        assert_eq!(err(skip(&objects(129))).message(), "nesting too deep");

        // begin_* count towards the same limit, and closing releases it.
        let doc = nested(129);
        let mut r = reader(&doc);
        for _ in 0..128 {
            r.begin_array().unwrap();
            assert!(r.next_element().unwrap());
        }
        assert_eq!(r.begin_array().unwrap_err().message(), "nesting too deep");

        let doc = format!("[{},{}]", nested(127), nested(127));
        let mut r = reader(&doc);
        r.begin_array().unwrap();
        while r.next_element().unwrap() {
            r.skip_value().unwrap();
        }
        r.finish().unwrap();

        let mut r = reader("[{},[],{}]");
        r.begin_array().unwrap();
        while r.next_element().unwrap() {
            match r.peek().unwrap() {
                Kind::Object => {
                    r.begin_object().unwrap();
                    assert!(r.next_key().unwrap().is_none());
                }
                _ => r.skip_value().unwrap(),
            }
        }
        assert_eq!(r.depth, 0);

        // Deep input does not overflow the stack.
        let deep = "[".repeat(1_000_000);
        assert_eq!(err(skip(&deep)).message(), "nesting too deep");
    }

    #[test]
    fn strings() {
        assert!(matches!(
            reader(r#" "plain é 😀" "#).read_str().unwrap(),
            Cow::Borrowed("plain é 😀")
        ));
        assert_eq!(
            reader(r#""\"\\\/\b\f\n\r\t""#).read_str().unwrap(),
            "\"\\/\u{8}\u{c}\n\r\t"
        );
        assert_eq!(
            reader(r#""a\u0041\u00e9\u20AC\ud83d\ude00z""#)
                .read_string()
                .unwrap(),
            "aAé€😀z"
        );
        assert_eq!(reader(r#""\u0000""#).read_string().unwrap(), "\0");
        assert_eq!(reader(r#""""#).read_string().unwrap(), "");
        assert_eq!(reader("\"\u{7f}\"").read_string().unwrap(), "\u{7f}");
        let mut r = reader(r#""x\ny" "#);
        assert_eq!(r.read_str().unwrap(), "x\ny");
        assert_eq!(r.offset(), 6);
        r.finish().unwrap();
    }

    #[test]
    fn string_errors() {
        let cases = [
            (
                r#""abc"#,
                4,
                "expected '\"' to close the string, found end of input",
            ),
            (
                r#""abc\"#,
                5,
                "expected '\"' to close the string, found end of input",
            ),
            (r#""a\u12"#, 6, "expected a hex digit in a \\u escape"),
            (r#""a\u12g4""#, 6, "expected a hex digit in a \\u escape"),
            (r#""\x""#, 1, "invalid escape sequence in string"),
            ("\"\\é\"", 1, "invalid escape sequence in string"),
            (r#""\'""#, 1, "invalid escape sequence in string"),
            (
                r#""\ud800""#,
                1,
                "lone surrogate in a \\u escape: expected a \\uDC00-\\uDFFF escape to follow",
            ),
            (
                r#""\ud800\u0041""#,
                1,
                "lone surrogate in a \\u escape: expected a \\uDC00-\\uDFFF escape to follow",
            ),
            (
                r#""\ud800\ud800""#,
                1,
                "lone surrogate in a \\u escape: expected a \\uDC00-\\uDFFF escape to follow",
            ),
            (r#""x\udc00""#, 2, "lone surrogate in a \\u escape"),
            (
                "\"a\nb\"",
                2,
                "control character U+000A in string must be escaped",
            ),
            (
                "\"a\\n\tb\"",
                4,
                "control character U+0009 in string must be escaped",
            ),
            (
                "\"\u{1f}\"",
                1,
                "control character U+001F in string must be escaped",
            ),
            ("1", 0, "expected a string, found a number"),
            ("null", 0, "expected a string, found 'null'"),
            ("{", 0, "expected a string, found '{'"),
        ];
        for (s, offset, message) in cases {
            let e = reader(s).read_str().unwrap_err();
            assert_eq!((e.offset(), e.message()), (offset, message), "{s}");
            if s.starts_with('"') {
                let e2 = err(skip(s));
                assert_eq!(e, e2, "{s}");
            }
        }
        // Errors in keys too.
        let e = err(read_object("{\"a\nb\":1}"));
        assert_eq!(e.offset(), 3);
    }

    #[test]
    fn bools() {
        assert!(read(" true ", |r| r.read_bool()).unwrap());
        assert!(!read("false", |r| r.read_bool()).unwrap());
        for s in ["tru", "True", "1", "\"true\"", "", "fals"] {
            let e = reader(s).read_bool().unwrap_err();
            assert!(
                e.message().starts_with("expected a boolean, found"),
                "{s}: {e}"
            );
        }
        assert_eq!(
            reader("nope").read_bool().unwrap_err().message(),
            "expected a boolean, found a bare word"
        );
    }

    #[test]
    fn integers_at_boundaries() {
        assert_eq!(read("-128", |r| r.read_i8()).unwrap(), -128);
        assert_eq!(read("127", |r| r.read_i8()).unwrap(), 127);
        assert_eq!(
            err(read("128", |r| r.read_i8())).message(),
            "number out of range for i8"
        );
        assert_eq!(
            err(read("-129", |r| r.read_i8())).message(),
            "number out of range for i8"
        );
        assert_eq!(read("-32768", |r| r.read_i16()).unwrap(), i16::MIN);
        assert_eq!(read("32767", |r| r.read_i16()).unwrap(), i16::MAX);
        assert!(read("32768", |r| r.read_i16()).is_err());
        assert_eq!(read("-2147483648", |r| r.read_i32()).unwrap(), i32::MIN);
        assert_eq!(read("2147483647", |r| r.read_i32()).unwrap(), i32::MAX);
        assert_eq!(
            err(read("2147483648", |r| r.read_i32())).message(),
            "number out of range for i32"
        );
        assert_eq!(
            read("-9223372036854775808", |r| r.read_i64()).unwrap(),
            i64::MIN
        );
        assert_eq!(
            read("9223372036854775807", |r| r.read_i64()).unwrap(),
            i64::MAX
        );
        let e = err(read(" 9223372036854775808", |r| r.read_i64()));
        assert_eq!(
            (e.offset(), e.message()),
            (1, "number out of range for i64")
        );
        assert!(read("-9223372036854775809", |r| r.read_i64()).is_err());
        assert_eq!(read("0", |r| r.read_i64()).unwrap(), 0);
        assert_eq!(read("-0", |r| r.read_i64()).unwrap(), 0);
        let long = "1".repeat(100);
        assert_eq!(
            err(read(&long, |r| r.read_i64())).message(),
            "number out of range for i64"
        );
    }

    #[test]
    fn integers_written_with_fraction_or_exponent() {
        for (s, v) in [
            ("1.0", 1),
            ("1e2", 100),
            ("1E+2", 100),
            ("-2.50e1", -25),
            ("100e-2", 1),
            ("0.5e1", 5),
            ("0.0", 0),
            ("-0.0e-999999999999999999999", 0),
            ("0e99999", 0),
            ("9223372036854775807.000", i64::MAX),
            ("9.223372036854775807e18", i64::MAX),
            ("-9.223372036854775808e18", i64::MIN),
            ("9007199254740993.0", 9_007_199_254_740_993),
        ] {
            assert_eq!(read(s, |r| r.read_i64()).unwrap(), v, "{s}");
        }
        for s in [
            "1.5",
            "1e-1",
            "0.1",
            "1e-99999999999999999999999",
            "-0.001e2",
        ] {
            let e = err(read(s, |r| r.read_i64()));
            assert_eq!(
                e.message(),
                "expected an integer, found a number with a fraction",
                "{s}"
            );
        }
        for s in [
            "9.223372036854775808e18",
            "1e19",
            "1e400",
            "1e99999999999999999999999",
        ] {
            let e = err(read(s, |r| r.read_i64()));
            assert!(e.message().ends_with("out of range for i64"), "{s}: {e}");
        }
        assert_eq!(
            err(read("1.28e2", |r| r.read_i8())).message(),
            "number out of range for i8"
        );
        assert_eq!(read("1.27e2", |r| r.read_i8()).unwrap(), 127);
    }

    #[test]
    fn integers_in_other_notations() {
        // Each i64 written with its decimal point moved left by `k` digits
        // and an exponent of `k`, plus trailing fraction zeros, reads back.
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..2000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = (x as i64) >> (x % 64);
            let digits = v.unsigned_abs().to_string();
            let sign = if v < 0 { "-" } else { "" };
            for k in 0..=digits.len() {
                let (int, frac) = digits.split_at(digits.len() - k);
                let int = if int.is_empty() { "0" } else { int };
                let text = format!("{sign}{int}.{frac}00e{k}");
                assert_eq!(read(&text, |r| r.read_i64()).unwrap(), v, "{text}");
                let expected = i32::try_from(v).ok();
                assert_eq!(read(&text, |r| r.read_i32()).ok(), expected, "{text}");
            }
            if v == 0 {
                continue;
            }
            let text = format!("{v}0e-1");
            assert_eq!(read(&text, |r| r.read_i64()).unwrap(), v, "{text}");
            if v % 10 != 0 {
                let text = format!("{v}e-1");
                assert!(read(&text, |r| r.read_i64()).is_err(), "{text}");
            }
        }
    }

    #[test]
    fn integer_value_helper() {
        use IntegerValue::*;
        assert_eq!(integer_value("12.300e1"), Digits("123".into()));
        assert_eq!(integer_value("12.340e1"), Fraction);
        assert_eq!(integer_value("-12.30e1"), Digits("-123".into()));
        assert_eq!(integer_value("-12.3e-1"), Fraction);
        assert_eq!(integer_value("-0.000"), Digits("0".into()));
        assert_eq!(integer_value("5e40"), Huge);
        assert_eq!(
            integer_value("5e39"),
            Digits(format!("5{}", "0".repeat(39)))
        );
    }

    #[test]
    fn number_grammar_errors() {
        let cases = [
            ("01", 0, "leading zeros are not allowed in numbers"),
            ("-01", 0, "leading zeros are not allowed in numbers"),
            ("-", 1, "expected a digit after '-', found end of input"),
            ("-a", 1, "expected a digit after '-', found a bare word"),
            (
                "- 1",
                1,
                "expected a digit after '-', found an unexpected character",
            ),
            ("1.", 2, "expected a digit after '.', found end of input"),
            ("1.e5", 2, "expected a digit after '.', found a bare word"),
            (".5", 0, "expected a number, found an unexpected character"),
            (
                "1e",
                2,
                "expected a digit in the exponent, found end of input",
            ),
            (
                "1e+",
                3,
                "expected a digit in the exponent, found end of input",
            ),
            (
                "1E-x",
                3,
                "expected a digit in the exponent, found a bare word",
            ),
            ("+1", 0, "expected a number, found an unexpected character"),
            ("NaN", 0, "expected a number, found a bare word"),
            ("Infinity", 0, "expected a number, found a bare word"),
            (
                "-Infinity",
                1,
                "expected a digit after '-', found a bare word",
            ),
        ];
        for (s, offset, message) in cases {
            let e = reader(s).read_number_text().unwrap_err();
            assert_eq!((e.offset(), e.message()), (offset, message), "{s}");
            assert!(skip(s).is_err(), "{s}");
            assert!(reader(s).read_f64().is_err(), "{s}");
        }
        assert_eq!(
            reader("x").read_i32().unwrap_err().message(),
            "expected an integer, found a bare word"
        );
        // Trailing garbage is left for the caller.
        let mut r = reader("1.5.2");
        assert_eq!(r.read_number_text().unwrap(), "1.5");
        assert!(r.finish().is_err());
        assert!(skip("0x10").is_err());
    }

    #[test]
    fn number_text() {
        for s in [
            "0",
            "-0",
            "123",
            "-1.5e-10",
            "1E+2",
            "0.000",
            "123456789012345678901234567890",
            "1e400",
        ] {
            let padded = format!(" {s} ");
            assert_eq!(read(&padded, |r| r.read_number_text()).unwrap(), s);
        }
    }

    #[test]
    fn floats() {
        assert_eq!(read("1.5", |r| r.read_f64()).unwrap(), 1.5);
        assert_eq!(
            read("-0", |r| r.read_f64()).unwrap().to_bits(),
            (-0.0f64).to_bits()
        );
        assert_eq!(read("1e2", |r| r.read_f64()).unwrap(), 100.0);
        assert_eq!(read("42", |r| r.read_f64()).unwrap(), 42.0);
        assert_eq!(read("1e-400", |r| r.read_f64()).unwrap(), 0.0);
        assert_eq!(
            read("1.7976931348623157e308", |r| r.read_f64()).unwrap(),
            f64::MAX
        );
        assert_eq!(read("5e-324", |r| r.read_f64()).unwrap(), 5e-324);
        assert!(read(r#""NaN""#, |r| r.read_f64()).unwrap().is_nan());
        assert_eq!(
            read(r#""Infinity""#, |r| r.read_f64()).unwrap(),
            f64::INFINITY
        );
        assert_eq!(
            read(r#" "-Infinity" "#, |r| r.read_f64()).unwrap(),
            f64::NEG_INFINITY
        );
        assert_eq!(
            err(read("1e400", |r| r.read_f64())).message(),
            "number out of range for f64"
        );
        assert!(read("-1e309", |r| r.read_f64()).is_err());
        assert_eq!(
            err(read(r#""nan""#, |r| r.read_f64())).message(),
            "expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", found another string"
        );
        assert_eq!(
            err(read("true", |r| r.read_f64())).message(),
            "expected a number, found 'true'"
        );

        assert_eq!(read("0.1", |r| r.read_f32()).unwrap(), 0.1f32);
        assert_eq!(read("3.4028235e38", |r| r.read_f32()).unwrap(), f32::MAX);
        assert!(read(r#""NaN""#, |r| r.read_f32()).unwrap().is_nan());
        assert_eq!(
            read(r#""-Infinity""#, |r| r.read_f32()).unwrap(),
            f32::NEG_INFINITY
        );
        assert_eq!(
            err(read("1e39", |r| r.read_f32())).message(),
            "number out of range for f32"
        );
        // Rounded once from the text, not through f64.
        let s = "1.00000005960464477539062500001";
        assert_eq!(
            read(s, |r| r.read_f32()).unwrap(),
            s.parse::<f32>().unwrap()
        );
    }

    #[test]
    fn skip_value_accepts_valid_documents() {
        for s in [
            "null",
            "true",
            "false",
            "0",
            "-1.5e+3",
            r#""a\"b\u00e9\ud83d\ude00""#,
            "[]",
            "{}",
            " [ 1 , [ ] , { } , { \"a\" : [ null ] } ] ",
            r#"{"a":{"b":{"c":[1,{"d":"e"}]}},"f":[[[]]],"g":""}"#,
        ] {
            skip(s).unwrap();
            let mut r = reader(s);
            r.skip_value().unwrap();
            assert_eq!(r.depth, 0, "{s}");
            r.finish().unwrap();
        }
    }

    #[test]
    fn skip_value_errors() {
        let cases = [
            ("", 0, "expected a value, found end of input"),
            ("nul", 0, "expected a value, found a bare word"),
            ("tru", 0, "expected a value, found a bare word"),
            ("[1,]", 3, "expected a value, found ']'"),
            (r#"{"a":1,}"#, 7, "expected a string key, found '}'"),
            (
                r#"{"a" 1}"#,
                5,
                "expected ':' after an object key, found a number",
            ),
            (
                r#"{"a":1]"#,
                6,
                "expected ',' or '}' after an object member, found ']'",
            ),
            (
                "[1}",
                2,
                "expected ',' or ']' after an array element, found '}'",
            ),
            ("[{]", 2, "expected a string key, found ']'"),
            ("{\"a\":}", 5, "expected a value, found '}'"),
            (
                "/* c */ 1",
                0,
                "expected a value, found an unexpected character",
            ),
            ("[01]", 1, "leading zeros are not allowed in numbers"),
        ];
        for (s, offset, message) in cases {
            let e = err(skip(s));
            assert_eq!((e.offset(), e.message()), (offset, message), "{s}");
        }
    }

    #[test]
    fn skip_inside_objects() {
        let v = read(
            r#"{"skip":{"x":[1,2,{"y":null}]},"keep":7,"more":[]}"#,
            |r| {
                let mut keep = None;
                r.begin_object()?;
                while let Some(k) = r.next_key()? {
                    if k == "keep" {
                        keep = Some(r.read_i32()?);
                    } else {
                        r.skip_value()?;
                    }
                }
                Ok(keep)
            },
        )
        .unwrap();
        assert_eq!(v, Some(7));
    }

    #[test]
    fn describe_non_ascii_and_controls() {
        assert_eq!(
            reader("é").peek().unwrap_err().message(),
            "expected a value, found a bare word"
        );
        assert_eq!(
            reader("\u{0}").peek().unwrap_err().message(),
            "expected a value, found a control character"
        );
        let planted = r#"{"token": PLANTEDJOINTOKEN99}"#;
        let message = reader(planted).skip_value().unwrap_err().to_string();
        assert!(!message.contains("PLANTED"), "{message}");
        assert!(message.contains("a bare word"), "{message}");
    }
}
